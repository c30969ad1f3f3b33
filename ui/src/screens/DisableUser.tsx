import type { FormEvent } from "react";
import { disableUser } from "../backend";
import type { UserSummary } from "../bindings/UserSummary";
import { ErrorSummary } from "../components/ErrorSummary";
import { PageHeading } from "../components/PageHeading";
import { usePageTitle } from "../pageTitle";
import { useForm } from "../useForm";

type DisableUserProps = {
  user: UserSummary;
  onDone: (user: UserSummary) => void;
  onCancel: () => void;
};

/** Admin: the confirmation step before a user is disabled. */
export function DisableUser({ user, onDone, onCancel }: DisableUserProps) {
  const form = useForm();
  usePageTitle("Disable a user", form.error !== null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await form.run(() => disableUser(user.id));
    if (result.ok) onDone(result.value);
  }

  return (
    <>
      <PageHeading>
        Are you sure you want to disable {user.displayName} ({user.username})?
      </PageHeading>
      <p className="body">
        They will not be able to unlock ForumDesk any more. Records they added or changed are kept.
      </p>
      <ErrorSummary error={form.error} fieldOrder={[]} summaryRef={form.summaryRef} />
      <form onSubmit={submit} noValidate>
        <div className="button-group">
          <button
            type="submit"
            className="button button--warning"
            data-testid="submit"
            aria-disabled={form.busy}
          >
            Yes, disable {user.displayName}
          </button>
          <button
            type="button"
            className="button button--secondary"
            data-testid="cancel"
            onClick={onCancel}
          >
            No, go back
          </button>
        </div>
      </form>
    </>
  );
}
