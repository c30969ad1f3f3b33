import { type FormEvent, useState } from "react";
import { erasePerson } from "../backend";
import type { ErasureReport } from "../bindings/ErasureReport";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorSummary } from "../components/ErrorSummary";
import { TextField } from "../components/TextField";
import { useForm } from "../useForm";

/** The word an admin types to confirm an erasure. */
export const CONFIRM_WORD = "ERASE";

/**
 * Erasing a member: what goes, what stays, and a typed confirmation (GOV.UK pattern for an
 * action that cannot be undone). Admins only; other roles see why they cannot.
 */
export function EraseMember({
  session,
  personId,
  onDone,
}: {
  session: SessionInfo;
  personId: string;
  onDone: (report: ErasureReport | null) => void;
}) {
  const form = useForm();
  const [typed, setTyped] = useState("");
  const [requestId, setRequestId] = useState("");

  if (session.role !== "admin") {
    return (
      <p className="body" data-testid="erase-not-allowed">
        Only an admin can erase a person's data.
      </p>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (typed.trim() !== CONFIRM_WORD) {
      form.fail({
        kind: "validation",
        message: "There is a problem",
        fields: { confirmWord: `Type ${CONFIRM_WORD} to confirm, in capital letters` },
      });
      return;
    }
    const result = await form.run(() => erasePerson(personId, requestId.trim() || null));
    if (result.ok) onDone(result.value);
  }

  return (
    <section aria-labelledby="erase-heading" data-testid="erase-member">
      <h2 className="heading-m" id="erase-heading">
        Erase this person
      </h2>
      <ErrorSummary
        error={form.error}
        fieldOrder={["confirmWord", "requestId"]}
        summaryRef={form.summaryRef}
      />
      <div className="warning">
        <p className="body">
          <strong>This cannot be undone.</strong>
        </p>
      </div>
      <p className="body">These will be deleted for good:</p>
      <ul className="list list--bullet" data-testid="erase-goes">
        <li>their name, e-mail, phone, address, postcode and notes</li>
        <li>every consent they gave or withdrew</li>
        <li>their children's needs and their equality information</li>
        <li>their roles at groups and any co-option</li>
        <li>the reasons they gave for leaving</li>
      </ul>
      <p className="body">
        The forum's figures keep counting them, with no name: their membership dates, area,
        activities and seats stay, so past reports give the same totals. The audit trail records
        that an erasure happened, without naming them.
      </p>
      <form onSubmit={submit} noValidate>
        <TextField
          name="requestId"
          label="Erasure request reference (optional)"
          hint="From the request log, if this answers a request"
          value={requestId}
          onChange={setRequestId}
          error={form.errorFor("requestId")}
          autoComplete="off"
        />
        <TextField
          name="confirmWord"
          label={`Type ${CONFIRM_WORD} to confirm`}
          value={typed}
          onChange={setTyped}
          error={form.errorFor("confirmWord")}
          autoComplete="off"
          spellCheck={false}
          width="width-10"
        />
        <div className="button-group">
          <button
            type="submit"
            className="button button--warning"
            disabled={form.busy}
            data-testid="erase-submit"
          >
            Erase this person
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => onDone(null)}
            data-testid="erase-cancel"
          >
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
