import { type FormEvent, useState } from "react";
import { unlockWithRecoveryKey } from "../backend";
import type { RecoveryInput } from "../bindings/RecoveryInput";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorSummary } from "../components/ErrorSummary";
import { NewPasswordFields } from "../components/NewPasswordFields";
import { PageHeading } from "../components/PageHeading";
import { TextField } from "../components/TextField";
import { usePageTitle } from "../pageTitle";
import { useForm } from "../useForm";

const FIELDS = ["recoveryKey", "username", "newPassword", "newPasswordConfirm"] as const;

type RecoveryProps = {
  initialUsername: string;
  onUnlocked: (session: SessionInfo) => void;
  onBack: () => void;
};

/** Unlock with the recovery key and choose a new password for one account. */
export function Recovery({ initialUsername, onUnlocked, onBack }: RecoveryProps) {
  const [input, setInput] = useState<RecoveryInput>({
    recoveryKey: "",
    username: initialUsername,
    newPassword: "",
    newPasswordConfirm: "",
  });
  const form = useForm();
  usePageTitle("Use the recovery key", form.error !== null);

  const set = (field: keyof RecoveryInput) => (value: string) =>
    setInput((current) => ({ ...current, [field]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await form.run(() => unlockWithRecoveryKey(input));
    if (result.ok) onUnlocked(result.value);
  }

  return (
    <>
      <PageHeading>Use the recovery key</PageHeading>
      <p className="body">
        If you have forgotten your password, you can unlock ForumDesk with the recovery key you
        saved when ForumDesk was set up, and choose a new password.
      </p>
      <ErrorSummary error={form.error} fieldOrder={FIELDS} summaryRef={form.summaryRef} />
      <form onSubmit={submit} noValidate>
        <TextField
          name="recoveryKey"
          label="Recovery key"
          hint="Type it exactly as it was shown when ForumDesk was set up."
          value={input.recoveryKey}
          onChange={set("recoveryKey")}
          error={form.errorFor("recoveryKey")}
          autoComplete="off"
          spellCheck={false}
          className="input--code"
        />
        <TextField
          name="username"
          label="Your user name"
          value={input.username}
          onChange={set("username")}
          error={form.errorFor("username")}
          autoComplete="username"
          spellCheck={false}
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
        <div className="button-group">
          <button type="submit" className="button" data-testid="submit" aria-disabled={form.busy}>
            Unlock and save new password
          </button>
          <button
            type="button"
            className="link-button"
            data-testid="back-to-unlock"
            onClick={onBack}
          >
            Back to unlock with a password
          </button>
        </div>
      </form>
    </>
  );
}
