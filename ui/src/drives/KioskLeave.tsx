import { type FormEvent, useEffect, useRef, useState } from "react";
import { leaveKiosk } from "../backend";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorSummary } from "../components/ErrorSummary";
import { PasswordField } from "../components/PasswordField";
import { TextField } from "../components/TextField";
import { useForm } from "../useForm";

type KioskLeaveProps = {
  /** The volunteer who started the kiosk: their user name is filled in. */
  startedBy: string;
  onLeft: (session: SessionInfo) => void;
  onCancel: () => void;
};

/** A volunteer's user name and password, which end kiosk mode. */
export function KioskLeave({ startedBy, onLeft, onCancel }: KioskLeaveProps) {
  const [username, setUsername] = useState(startedBy);
  const [password, setPassword] = useState("");
  const form = useForm();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await form.run(() => leaveKiosk({ username: username.trim(), password }));
    if (result.ok) onLeft(result.value);
    // A wrong password is not kept on screen for the next try.
    else setPassword("");
  }

  return (
    <section aria-labelledby="leave-heading" data-testid="kiosk-leave">
      <h2 className="heading-m" id="leave-heading" tabIndex={-1} ref={headingRef}>
        Leave the kiosk
      </h2>
      <p className="body">For volunteers: enter your user name and password.</p>
      <ErrorSummary
        error={form.error}
        fieldOrder={["username", "password"]}
        summaryRef={form.summaryRef}
      />
      <form onSubmit={submit} noValidate autoComplete="off">
        <TextField
          name="username"
          label="User name"
          hint="The volunteer who started the kiosk, or another volunteer."
          value={username}
          onChange={setUsername}
          error={form.errorFor("username")}
          autoComplete="off"
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
          <button
            type="submit"
            className="button"
            data-testid="leave-submit"
            aria-disabled={form.busy}
          >
            Leave the kiosk
          </button>
          <button
            type="button"
            className="button button--secondary"
            data-testid="leave-cancel"
            onClick={onCancel}
          >
            Back to the sign-up form
          </button>
        </div>
      </form>
    </section>
  );
}
