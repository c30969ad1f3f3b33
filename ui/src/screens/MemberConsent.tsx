import { type FormEvent, useState } from "react";
import { recordConsent } from "../backend";
import type { ConsentEvent } from "../bindings/ConsentEvent";
import type { ConsentMethod } from "../bindings/ConsentMethod";
import type { ConsentPurpose } from "../bindings/ConsentPurpose";
import type { ConsentState } from "../bindings/ConsentState";
import type { MemberRecord } from "../bindings/MemberRecord";
import { ErrorSummary } from "../components/ErrorSummary";
import { PageHeading } from "../components/PageHeading";
import { SelectField } from "../components/SelectField";
import { toAppError, validationError } from "../errors";
import { formatDateTime, METHOD_LABELS, METHOD_OPTIONS, memberName } from "../members/labels";
import { usePageTitle } from "../pageTitle";
import { useForm } from "../useForm";

export const SPECIAL_CATEGORY = "special_category";

const METHOD_FIELDS = ["consentMethod"] as const;

function needsConsent(purpose: ConsentPurpose): boolean {
  return purpose.basis === "consent" || purpose.basis === "explicit_consent";
}

/** What is held under special-category consent that withdrawing it would delete. */
export function specialHeld(record: MemberRecord): boolean {
  const special = record.special;
  if (!special) return false;
  return (
    special.children.length > 0 || Boolean(special.ethnicity) || Boolean(special.firstLanguage)
  );
}

function currentText(state: ConsentState | undefined): string {
  if (!state || state.given === null) return "Not asked, or not known. Treat this as no.";
  const how = state.method ? METHOD_LABELS[state.method].toLowerCase() : "";
  const when = formatDateTime(state.at);
  return `${state.given ? "Given" : "Withdrawn or refused"}${when ? ` on ${when}` : ""}${how ? `, ${how}` : ""}.`;
}

type ConsentTabProps = {
  record: MemberRecord;
  purposes: ConsentPurpose[] | null;
  history: ConsentEvent[] | null;
  onRecorded: (record: MemberRecord, message: string) => void;
  /** Withdrawing special-category consent deletes data: ask first. */
  onConfirmWithdrawal: (method: ConsentMethod, message: string | null) => void;
};

/**
 * Each purpose with the words the member agreed to and where it stands now; buttons record a
 * change, with how they told us. The full history is below; nothing is ever pre-ticked.
 */
export function ConsentTab({
  record,
  purposes,
  history,
  onRecorded,
  onConfirmWithdrawal,
}: ConsentTabProps) {
  const [method, setMethod] = useState<ConsentMethod | "">("");
  const form = useForm();

  async function change(purpose: ConsentPurpose, given: boolean) {
    if (method === "") {
      form.fail(
        validationError({ consentMethod: "Select how they told you, before recording a change" }),
      );
      return;
    }
    const withdrawingSpecial = purpose.id === SPECIAL_CATEGORY && !given;
    if (withdrawingSpecial && specialHeld(record)) {
      onConfirmWithdrawal(method, null);
      return;
    }
    const seen: { conflict: string | null } = { conflict: null };
    const result = await form.run(async () => {
      try {
        return await recordConsent(record.id, {
          purposeId: purpose.id,
          given,
          method,
          confirmDeletion: false,
        });
      } catch (thrown) {
        // Someone who cannot see the children's details is still told, and asked to confirm.
        const error = toAppError(thrown);
        if (withdrawingSpecial && error.kind === "conflict") seen.conflict = error.message;
        throw thrown;
      }
    });
    if (result.ok) {
      onRecorded(
        result.value,
        `${given ? "Consent given" : "Withdrawal recorded"}: ${purpose.name}.`,
      );
    } else if (seen.conflict !== null) {
      onConfirmWithdrawal(method, seen.conflict);
    }
  }

  if (!purposes) return <p className="body">Loading…</p>;
  const states = new Map(record.consents.map((state) => [state.purposeId, state]));

  return (
    <>
      <h2 className="heading-m heading-m--tab">Consent</h2>
      <p className="body">
        Record what {memberName(record)} agreed to and how they told you. If nothing is recorded for
        something, they have not agreed to it.
      </p>
      <ErrorSummary error={form.error} fieldOrder={METHOD_FIELDS} summaryRef={form.summaryRef} />
      <SelectField
        name="consentMethod"
        label="How did they tell you?"
        hint="Choose this first. It is saved with each change you record below."
        emptyLabel="Choose how"
        options={METHOD_OPTIONS}
        value={method}
        onChange={(value) => setMethod(value as ConsentMethod | "")}
        error={form.errorFor("consentMethod")}
      />
      <ul className="consent-list" data-testid="consent-list">
        {purposes.map((purpose) => {
          const state = states.get(purpose.id);
          const older =
            state?.given &&
            state.statementVersion !== null &&
            state.statementVersion < purpose.version;
          return (
            <li
              className="consent-list__item"
              key={purpose.id}
              data-testid={`consent-${purpose.id}`}
            >
              <h3 className="heading-s">{purpose.name}</h3>
              <p className="inset">{purpose.statement}</p>
              {needsConsent(purpose) ? (
                <>
                  <p className="body" data-testid={`consent-state-${purpose.id}`}>
                    <strong>Now:</strong> {currentText(state)}
                  </p>
                  {older && (
                    <p className="body">
                      They agreed to an earlier wording (version {state.statementVersion}). Ask them
                      again when you can.
                    </p>
                  )}
                  <div className="button-group button-group--tight">
                    {state?.given !== true && (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        data-testid={`give-${purpose.id}`}
                        aria-disabled={form.busy}
                        onClick={() => void change(purpose, true)}
                      >
                        Record consent given{" "}
                        <span className="visually-hidden">for {purpose.name}</span>
                      </button>
                    )}
                    {state?.given !== false && (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        data-testid={`withdraw-${purpose.id}`}
                        aria-disabled={form.busy}
                        onClick={() => void change(purpose, false)}
                      >
                        {state?.given ? "Record withdrawal" : "Record that they said no"}{" "}
                        <span className="visually-hidden">for {purpose.name}</span>
                      </button>
                    )}
                  </div>
                </>
              ) : (
                <p className="body">
                  This does not need their consent: the forum keeps these details to run their
                  membership.
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <ConsentHistory history={history} />
    </>
  );
}

function ConsentHistory({ history }: { history: ConsentEvent[] | null }) {
  if (history === null) return <p className="body">Loading the history…</p>;
  if (history.length === 0) {
    return (
      <>
        <h3 className="heading-s">History</h3>
        <p className="body">No consent has been recorded yet.</p>
      </>
    );
  }
  return (
    <div className="table-wrapper">
      <table className="table table--words" data-testid="consent-history">
        <caption className="table__caption table__caption--m">History</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">For</th>
            <th scope="col">What they said</th>
            <th scope="col">How</th>
            <th scope="col">Version</th>
            <th scope="col">Recorded by</th>
          </tr>
        </thead>
        <tbody>
          {history.map((event) => (
            <tr key={`${event.id}:${event.purposeId}`}>
              <td>{formatDateTime(event.at)}</td>
              <td>{event.purposeName}</td>
              <td>{event.given ? "Gave consent" : "Withdrew or said no"}</td>
              <td>{METHOD_LABELS[event.method]}</td>
              <td>{event.statementVersion}</td>
              <td>{event.capturedBy ?? "Not known"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type WithdrawSpecialProps = {
  record: MemberRecord;
  method: ConsentMethod;
  /** The core's own words, when the screen could not see what is held. */
  message: string | null;
  onDone: (record: MemberRecord) => void;
  onCancel: () => void;
};

/** The confirmation before special-category consent is withdrawn and the details deleted. */
export function WithdrawSpecial({
  record,
  method,
  message,
  onDone,
  onCancel,
}: WithdrawSpecialProps) {
  const form = useForm();
  usePageTitle("Withdraw consent for children's needs", form.error !== null);
  const children = record.special?.children.length ?? 0;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await form.run(() =>
      recordConsent(record.id, {
        purposeId: SPECIAL_CATEGORY,
        given: false,
        method,
        confirmDeletion: true,
      }),
    );
    if (result.ok) onDone(result.value);
  }

  return (
    <>
      <PageHeading>
        Are you sure you want to withdraw {memberName(record)}'s consent for children's needs and
        equality information?
      </PageHeading>
      <div className="warning" data-testid="withdraw-warning">
        <p className="body">
          <strong>
            {message ??
              (children > 0
                ? `ForumDesk will delete the details of ${children === 1 ? "their child's needs" : `all ${children} of their children's needs`} and their equality information (ethnicity and first language).`
                : "ForumDesk will delete their equality information (ethnicity and first language).")}
          </strong>
        </p>
        <p className="body">
          This cannot be undone. Counts for reports are kept without their name or anything that
          says who they were about.
        </p>
      </div>
      <p className="body">How they told you: {METHOD_LABELS[method].toLowerCase()}.</p>
      <ErrorSummary error={form.error} fieldOrder={[]} summaryRef={form.summaryRef} />
      <form onSubmit={submit} noValidate>
        <div className="button-group">
          <button
            type="submit"
            className="button button--warning"
            data-testid="submit"
            aria-disabled={form.busy}
          >
            Yes, withdraw consent and delete the details
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
