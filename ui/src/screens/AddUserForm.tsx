import { type FormEvent, useState } from "react";
import { addUser } from "../backend";
import type { Role } from "../bindings/Role";
import type { UserSummary } from "../bindings/UserSummary";
import { ErrorSummary } from "../components/ErrorSummary";
import { FormButtons } from "../components/FormButtons";
import { NewPasswordFields } from "../components/NewPasswordFields";
import { PageHeading } from "../components/PageHeading";
import { RadioGroup } from "../components/RadioGroup";
import { TextField } from "../components/TextField";
import { validationError } from "../errors";
import { PASSWORD_HINT, USERNAME_HINT } from "../hints";
import { usePageTitle } from "../pageTitle";
import { ROLE_HINTS, ROLE_LABELS, ROLES } from "../roles";
import { useForm } from "../useForm";

const FIELDS = ["displayName", "username", "role", "password", "passwordConfirm"] as const;
const ANCHORS = { role: "role-admin" };
const ROLE_OPTIONS = ROLES.map((role) => ({
  value: role,
  label: ROLE_LABELS[role],
  hint: ROLE_HINTS[role],
}));

type Draft = {
  displayName: string;
  username: string;
  role: Role | "";
  password: string;
  passwordConfirm: string;
};

const EMPTY: Draft = { displayName: "", username: "", role: "", password: "", passwordConfirm: "" };

type AddUserFormProps = {
  onAdded: (user: UserSummary) => void;
  onCancel: () => void;
};

/** Admin: add a person who can unlock ForumDesk, with a temporary password. */
export function AddUserForm({ onAdded, onCancel }: AddUserFormProps) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const form = useForm();
  usePageTitle("Add a user", form.error !== null);

  const set = (field: keyof Draft) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { role } = draft;
    if (role === "") {
      form.fail(validationError({ role: "Select the user's role" }));
      return;
    }
    const result = await form.run(() => addUser({ ...draft, role }));
    if (result.ok) {
      onAdded(result.value);
    }
  }

  return (
    <>
      <PageHeading>Add a user</PageHeading>
      <p className="body">
        Add someone from your forum who needs to use ForumDesk on this computer. Give them their
        user name and temporary password yourself, in person or by phone.
      </p>
      <ErrorSummary
        error={form.error}
        fieldOrder={FIELDS}
        anchors={ANCHORS}
        summaryRef={form.summaryRef}
      />
      <form onSubmit={submit} noValidate>
        <TextField
          name="displayName"
          label="Their name"
          hint="The name other people who use ForumDesk will see."
          value={draft.displayName}
          onChange={set("displayName")}
          error={form.errorFor("displayName")}
          autoComplete="off"
        />
        <TextField
          name="username"
          label="User name"
          hint={`They will type this to unlock ForumDesk. ${USERNAME_HINT}`}
          value={draft.username}
          onChange={set("username")}
          error={form.errorFor("username")}
          autoComplete="off"
          spellCheck={false}
          width="width-20"
        />
        <RadioGroup
          name="role"
          idPrefix="role"
          legend="Role"
          hint="This decides what they can see and do."
          options={ROLE_OPTIONS}
          value={draft.role}
          onChange={(role) => setDraft((current) => ({ ...current, role }))}
          error={form.errorFor("role")}
        />
        <NewPasswordFields
          name="password"
          confirmName="passwordConfirm"
          label="Temporary password"
          confirmLabel="Confirm temporary password"
          hint={`They will be asked to choose their own password the first time they unlock ForumDesk. ${PASSWORD_HINT}`}
          value={draft.password}
          confirmValue={draft.passwordConfirm}
          onChange={set("password")}
          onConfirmChange={set("passwordConfirm")}
          errorFor={form.errorFor}
        />
        <FormButtons submitLabel="Add user" busy={form.busy} onCancel={onCancel} />
      </form>
    </>
  );
}
