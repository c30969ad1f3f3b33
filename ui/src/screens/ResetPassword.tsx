import { type FormEvent, useState } from "react";
import { resetUserPassword } from "../backend";
import type { UserSummary } from "../bindings/UserSummary";
import { ErrorSummary } from "../components/ErrorSummary";
import { NewPasswordFields } from "../components/NewPasswordFields";
import { PageHeading } from "../components/PageHeading";
import { usePageTitle } from "../pageTitle";
import { useForm } from "../useForm";

const FIELDS = ["newPassword", "newPasswordConfirm"] as const;

type ResetPasswordProps = {
  user: UserSummary;
  onDone: (user: UserSummary) => void;
  onCancel: () => void;
};

/**
 * Admin: give another user a new temporary password. For a disabled user this is also how
 * they are re-enabled: the core gives them a new key slot, so a password is needed anyway.
 */
export function ResetPassword({ user, onDone, onCancel }: ResetPasswordProps) {
  const [newPassword, setNewPassword] = useState("");
  const [newPasswordConfirm, setNewPasswordConfirm] = useState("");
  const form = useForm();
  usePageTitle(user.disabled ? "Re-enable a user" : "Reset a password", form.error !== null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await form.run(() =>
      resetUserPassword({ userId: user.id, newPassword, newPasswordConfirm }),
    );
    if (result.ok) onDone(result.value);
  }

  return (
    <>
      <PageHeading>
        {user.disabled
          ? `Re-enable ${user.displayName}`
          : `Reset the password for ${user.displayName}`}
      </PageHeading>
      <p className="body">
        {user.disabled
          ? `${user.displayName} (${user.username}) cannot unlock ForumDesk at the moment. Choose a temporary password and give it to them: with it they can unlock again, and they will be asked to choose their own.`
          : `Choose a temporary password for ${user.displayName} (${user.username}) and give it to them. They will be asked to change it when they next unlock ForumDesk.`}
      </p>
      <ErrorSummary error={form.error} fieldOrder={FIELDS} summaryRef={form.summaryRef} />
      <form onSubmit={submit} noValidate>
        <NewPasswordFields
          name="newPassword"
          confirmName="newPasswordConfirm"
          label="New temporary password"
          confirmLabel="Confirm new temporary password"
          value={newPassword}
          confirmValue={newPasswordConfirm}
          onChange={setNewPassword}
          onConfirmChange={setNewPasswordConfirm}
          errorFor={form.errorFor}
        />
        <div className="button-group">
          <button type="submit" className="button" data-testid="submit" aria-disabled={form.busy}>
            {user.disabled ? "Re-enable" : "Reset password"}
          </button>
          <button
            type="button"
            className="button button--secondary"
            data-testid="cancel"
            onClick={onCancel}
          >
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}
