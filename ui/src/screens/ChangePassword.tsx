import { type FormEvent, useState } from "react";
import { changeOwnPassword } from "../backend";
import type { ChangePasswordInput } from "../bindings/ChangePasswordInput";
import { ErrorSummary } from "../components/ErrorSummary";
import { NewPasswordFields } from "../components/NewPasswordFields";
import { PageHeading } from "../components/PageHeading";
import { PasswordField } from "../components/PasswordField";
import { useNotify } from "../context";
import { usePageTitle } from "../pageTitle";
import { useForm } from "../useForm";

const FIELDS = ["currentPassword", "newPassword", "newPasswordConfirm"] as const;

const EMPTY: ChangePasswordInput = { currentPassword: "", newPassword: "", newPasswordConfirm: "" };

type ChangePasswordProps = {
  /** True when the user has a temporary password and must choose their own. */
  mustChange: boolean;
  onChanged: () => void;
};

export function ChangePassword({ mustChange, onChanged }: ChangePasswordProps) {
  const [input, setInput] = useState<ChangePasswordInput>(EMPTY);
  const form = useForm();
  const notify = useNotify();
  usePageTitle("Change your password", form.error !== null);

  const set = (field: keyof ChangePasswordInput) => (value: string) =>
    setInput((current) => ({ ...current, [field]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await form.run(() => changeOwnPassword(input));
    if (result.ok) {
      setInput(EMPTY);
      notify("Your password has been changed. Use your new password next time you unlock.");
      onChanged();
    }
  }

  return (
    <>
      <PageHeading>Change your password</PageHeading>
      {mustChange && (
        <div className="warning">
          <p className="body">
            <strong>You need to choose a new password before you carry on.</strong> You are using a
            temporary password that someone else gave you.
          </p>
        </div>
      )}
      <ErrorSummary error={form.error} fieldOrder={FIELDS} summaryRef={form.summaryRef} />
      <form onSubmit={submit} noValidate>
        <PasswordField
          name="currentPassword"
          label={mustChange ? "Temporary password" : "Current password"}
          value={input.currentPassword}
          onChange={set("currentPassword")}
          error={form.errorFor("currentPassword")}
          autoComplete="current-password"
          width="width-20"
        />
        <NewPasswordFields
          name="newPassword"
          confirmName="newPasswordConfirm"
          label="New password"
          confirmLabel="Confirm new password"
          value={input.newPassword}
          confirmValue={input.newPasswordConfirm}
          onChange={set("newPassword")}
          onConfirmChange={set("newPasswordConfirm")}
          errorFor={form.errorFor}
        />
        <button type="submit" className="button" data-testid="submit" aria-disabled={form.busy}>
          Change password
        </button>
      </form>
    </>
  );
}
