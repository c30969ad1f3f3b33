import { type FormEvent, useState } from "react";
import { Checkbox } from "../components/Checkbox";
import { ErrorSummary } from "../components/ErrorSummary";
import { PageHeading } from "../components/PageHeading";
import { validationError } from "../errors";
import { usePageTitle } from "../pageTitle";
import { useForm } from "../useForm";

const FIELDS = ["recoverySaved"] as const;

/** Shown once, straight after set-up: the recovery key and what to do with it. */
export function RecoveryKey({
  recoveryKey,
  onContinue,
}: {
  recoveryKey: string;
  onContinue: () => void;
}) {
  const [saved, setSaved] = useState(false);
  const form = useForm();
  usePageTitle("Save your recovery key", form.error !== null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!saved) {
      form.fail(
        validationError({
          recoverySaved: "Tick the box to confirm you have saved the recovery key somewhere safe",
        }),
      );
      return;
    }
    onContinue();
  }

  return (
    <>
      <PageHeading>Save your recovery key</PageHeading>
      <p className="body">ForumDesk is set up. This is your forum's recovery key:</p>
      <p className="recovery-key" data-testid="recovery-key">
        {recoveryKey}
      </p>
      <div className="warning">
        <p className="body">
          <strong>You will only see this key once.</strong> Write it down carefully, letter by
          letter, before you continue.
        </p>
      </div>
      <h2 className="heading-m">What the recovery key is for</h2>
      <ul className="list list--bullet">
        <li>
          If someone forgets their password, the recovery key lets you unlock ForumDesk and choose a
          new password.
        </li>
        <li>
          Anyone who has the recovery key can open all of your forum's records, so treat it like the
          key to a filing cabinet.
        </li>
        <li>
          Keep it somewhere safe and away from this computer, for example printed on paper and
          locked in a drawer. Do not keep it in an email or a file on this computer.
        </li>
      </ul>
      <ErrorSummary error={form.error} fieldOrder={FIELDS} summaryRef={form.summaryRef} />
      <form onSubmit={submit} noValidate>
        <Checkbox
          name="recoverySaved"
          label="I have saved the recovery key somewhere safe"
          checked={saved}
          onChange={setSaved}
          error={form.errorFor("recoverySaved")}
          testId="recovery-saved"
        />
        <button type="submit" className="button" data-testid="submit">
          Continue
        </button>
      </form>
    </>
  );
}
