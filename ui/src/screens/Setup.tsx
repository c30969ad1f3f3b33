import { type FormEvent, useState } from "react";
import { setupForum } from "../backend";
import type { SetupInput } from "../bindings/SetupInput";
import type { SetupResult } from "../bindings/SetupResult";
import { ErrorSummary } from "../components/ErrorSummary";
import { NewPasswordFields } from "../components/NewPasswordFields";
import { PageHeading } from "../components/PageHeading";
import { TextField } from "../components/TextField";
import { USERNAME_HINT } from "../hints";
import { usePageTitle } from "../pageTitle";
import { useForm } from "../useForm";

const FIELDS = [
  "forumName",
  "adminDisplayName",
  "adminUsername",
  "password",
  "passwordConfirm",
] as const;

/** First run: name the forum and create the first admin account. */
export function Setup({ onDone }: { onDone: (result: SetupResult) => void }) {
  const [input, setInput] = useState<SetupInput>({
    forumName: "",
    adminDisplayName: "",
    adminUsername: "",
    password: "",
    passwordConfirm: "",
  });
  const form = useForm();
  usePageTitle("Set up ForumDesk", form.error !== null);

  const set = (field: keyof SetupInput) => (value: string) =>
    setInput((current) => ({ ...current, [field]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await form.run(() => setupForum(input));
    if (result.ok) onDone(result.value);
  }

  return (
    <>
      <PageHeading>Set up ForumDesk</PageHeading>
      <p className="body">
        ForumDesk keeps your forum's records on this computer, locked with a password. First, tell
        us your forum's name and create your own account. You will be the admin: you can add the
        other people who use ForumDesk later.
      </p>
      <ErrorSummary error={form.error} fieldOrder={FIELDS} summaryRef={form.summaryRef} />
      <form onSubmit={submit} noValidate>
        <h2 className="heading-m">Your forum</h2>
        <TextField
          name="forumName"
          label="Forum name"
          hint="For example, Lancashire Parent Carer Forum"
          value={input.forumName}
          onChange={set("forumName")}
          error={form.errorFor("forumName")}
          autoComplete="organization"
        />
        <h2 className="heading-m">Your admin account</h2>
        <TextField
          name="adminDisplayName"
          label="Your name"
          hint="Other people who use ForumDesk will see this name."
          value={input.adminDisplayName}
          onChange={set("adminDisplayName")}
          error={form.errorFor("adminDisplayName")}
          autoComplete="name"
        />
        <TextField
          name="adminUsername"
          label="User name"
          hint={`You will type this to unlock ForumDesk. ${USERNAME_HINT}`}
          value={input.adminUsername}
          onChange={set("adminUsername")}
          error={form.errorFor("adminUsername")}
          autoComplete="username"
          spellCheck={false}
          width="width-20"
        />
        <NewPasswordFields
          name="password"
          confirmName="passwordConfirm"
          label="Password"
          confirmLabel="Confirm password"
          value={input.password}
          confirmValue={input.passwordConfirm}
          onChange={set("password")}
          onConfirmChange={set("passwordConfirm")}
          errorFor={form.errorFor}
        />
        <button type="submit" className="button" data-testid="submit" aria-disabled={form.busy}>
          {form.busy ? "Setting up…" : "Set up ForumDesk"}
        </button>
      </form>
    </>
  );
}
