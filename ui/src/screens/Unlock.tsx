import { type FormEvent, useState } from "react";
import { unlock } from "../backend";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorSummary } from "../components/ErrorSummary";
import { PageHeading } from "../components/PageHeading";
import { PasswordField } from "../components/PasswordField";
import { TextField } from "../components/TextField";
import { usePageTitle } from "../pageTitle";
import { useForm } from "../useForm";

const FIELDS = ["username", "password"] as const;

type UnlockProps = {
  /** The last user name used, remembered in memory after a Lock. */
  initialUsername: string;
  onUnlocked: (session: SessionInfo) => void;
  onForgotten: () => void;
};

export function Unlock({ initialUsername, onUnlocked, onForgotten }: UnlockProps) {
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState("");
  const form = useForm();
  usePageTitle("Unlock", form.error !== null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await form.run(() => unlock({ username, password }));
    if (result.ok) onUnlocked(result.value);
    else setPassword("");
  }

  return (
    <>
      <PageHeading>Unlock ForumDesk</PageHeading>
      <p className="body">Type your user name and password to open your forum's records.</p>
      <ErrorSummary error={form.error} fieldOrder={FIELDS} summaryRef={form.summaryRef} />
      <form onSubmit={submit} noValidate>
        <TextField
          name="username"
          label="User name"
          value={username}
          onChange={setUsername}
          error={form.errorFor("username")}
          autoComplete="username"
          spellCheck={false}
          width="width-20"
        />
        <PasswordField
          name="password"
          label="Password"
          value={password}
          onChange={setPassword}
          error={form.errorFor("password")}
          autoComplete="current-password"
          width="width-20"
        />
        <div className="button-group">
          <button type="submit" className="button" data-testid="submit" aria-disabled={form.busy}>
            Unlock
          </button>
          <button
            type="button"
            className="link-button"
            data-testid="use-recovery-key"
            onClick={onForgotten}
          >
            Forgotten your password? Use the recovery key
          </button>
        </div>
      </form>
    </>
  );
}
