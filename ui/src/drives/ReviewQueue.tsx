import { useCallback, useContext, useEffect, useState } from "react";
import { acceptSignUp, discardSignUp, mergeSignUp, pendingSignUps } from "../backend";
import type { AppError } from "../bindings/AppError";
import type { DuplicateMatch } from "../bindings/DuplicateMatch";
import type { MergeSide } from "../bindings/MergeSide";
import type { PendingSignUp } from "../bindings/PendingSignUp";
import { Checkbox } from "../components/Checkbox";
import { LockContext, useNotify } from "../context";
import { toAppError } from "../errors";
import { formatDateTime } from "../members/labels";
import { usePageTitle } from "../pageTitle";

type Mode =
  | { name: "list" }
  | { name: "merge"; signup: PendingSignUp; candidate: DuplicateMatch }
  | { name: "discard"; signup: PendingSignUp };

function fullName(person: { firstName: string; lastName: string }): string {
  return `${person.firstName} ${person.lastName}`;
}

type ReviewQueueProps = {
  /** One drive's sign-ups, or null for every drive's. */
  driveId: string | null;
  /** Called after a sign-up has been accepted, merged or discarded. */
  onChanged?: () => void;
};

/**
 * The officers' queue of kiosk sign-ups, the oldest first, each with the people already on
 * record who may be the same person: accept as a member, merge into one of those records
 * (after a confirmation), or discard (after a confirmation that the details are deleted).
 */
export function ReviewQueue({ driveId, onChanged }: ReviewQueueProps) {
  const [rows, setRows] = useState<PendingSignUp[] | null>(null);
  const [mode, setMode] = useState<Mode>({ name: "list" });
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [reload, setReload] = useState(0);
  const onLocked = useContext(LockContext);
  const notify = useNotify();
  usePageTitle("Sign-ups to review", error !== null);

  const failed = useCallback(
    (thrown: unknown) => {
      const appError = toAppError(thrown);
      if (appError.kind === "locked" && onLocked) onLocked(appError);
      else setError(appError);
    },
    [onLocked],
  );

  useEffect(() => {
    let current = true;
    // `reload` asks for the queue again after each decision.
    void reload;
    pendingSignUps(driveId).then((found) => {
      if (current) setRows(found);
    }, failed);
    return () => {
      current = false;
    };
  }, [driveId, failed, reload]);

  async function act(action: () => Promise<void>, message: string) {
    if (busy) return;
    setBusy(true);
    setError(null);
    notify(null);
    try {
      await action();
      setMode({ name: "list" });
      notify(message);
      setReload((n) => n + 1);
      onChanged?.();
    } catch (thrown) {
      failed(thrown);
    } finally {
      setBusy(false);
    }
  }

  const problem = error && (
    <div className="error-summary" role="alert" data-testid="review-error" tabIndex={-1}>
      <h2 className="error-summary__title">There is a problem</h2>
      <p className="error-summary__message">{error.message}</p>
    </div>
  );

  if (mode.name === "merge") {
    return (
      <>
        {problem}
        <MergeConfirm
          signup={mode.signup}
          candidate={mode.candidate}
          busy={busy}
          onConfirm={(picks) =>
            void act(
              () => mergeSignUp(mode.signup.signupId, { keepId: mode.candidate.personId, picks }),
              `${fullName(mode.signup)}'s sign-up has been merged into ${fullName(mode.candidate)}'s record.`,
            )
          }
          onCancel={() => {
            setError(null);
            setMode({ name: "list" });
          }}
        />
      </>
    );
  }

  if (mode.name === "discard") {
    const name = fullName(mode.signup);
    return (
      <>
        {problem}
        <section aria-labelledby="discard-heading" data-testid="discard-confirm">
          <h2 className="heading-m" id="discard-heading">
            Discard {name}'s sign-up?
          </h2>
          <div className="warning" data-testid="discard-warning">
            <p className="body">
              <strong>
                {name}'s details will be deleted: their name, contact details, consent answers and
                any children's needs they gave. This cannot be undone.
              </strong>
            </p>
            <p className="body">
              Discard a sign-up that was a test, a mistake, or from someone who changed their mind.
              The drive still counts it as a discarded sign-up.
            </p>
          </div>
          <div className="button-group">
            <button
              type="button"
              className="button button--warning"
              data-testid="confirm-discard"
              aria-disabled={busy}
              onClick={() =>
                void act(
                  () => discardSignUp(mode.signup.signupId),
                  `${name}'s sign-up has been discarded and their details deleted.`,
                )
              }
            >
              Discard and delete the details
            </button>
            <button
              type="button"
              className="button button--secondary"
              data-testid="cancel"
              onClick={() => {
                setError(null);
                setMode({ name: "list" });
              }}
            >
              Cancel
            </button>
          </div>
        </section>
      </>
    );
  }

  return (
    <>
      {driveId === null && <h2 className="heading-m heading-m--tab">Sign-ups to review</h2>}
      {problem}
      <p className="body" role="status" data-testid="review-count">
        {rows === null ? "" : queueMessage(rows.length)}
      </p>
      {rows === null && !error && <p className="body">Loading…</p>}
      {rows?.map((signup) => (
        <SignUpCard
          key={signup.signupId}
          signup={signup}
          showDrive={driveId === null}
          headingLevel={driveId === null ? 3 : 2}
          busy={busy}
          onAccept={() =>
            void act(
              () => acceptSignUp(signup.signupId, { onDate: "" }),
              `${fullName(signup)} is now a member of the forum.`,
            )
          }
          onMerge={(candidate) => {
            setError(null);
            setMode({ name: "merge", signup, candidate });
          }}
          onDiscard={() => {
            setError(null);
            setMode({ name: "discard", signup });
          }}
        />
      ))}
    </>
  );
}

export function queueMessage(n: number): string {
  if (n === 0) return "No sign-ups are waiting for review.";
  return n === 1 ? "1 sign-up is waiting for review." : `${n} sign-ups are waiting for review.`;
}

function contact(person: {
  email: string | null;
  phone: string | null;
  postcode: string | null;
}): string {
  return [person.email, person.phone, person.postcode].filter(Boolean).join(", ");
}

function SignUpCard({
  signup,
  showDrive,
  headingLevel,
  busy,
  onAccept,
  onMerge,
  onDiscard,
}: {
  signup: PendingSignUp;
  showDrive: boolean;
  headingLevel: 2 | 3;
  busy: boolean;
  onAccept: () => void;
  onMerge: (candidate: DuplicateMatch) => void;
  onDiscard: () => void;
}) {
  const name = fullName(signup);
  const headingId = `signup-${signup.signupId}`;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const Sub = headingLevel === 2 ? "h3" : "h4";
  return (
    <section className="card" aria-labelledby={headingId} data-testid="signup">
      <Heading className="heading-m" id={headingId} data-testid="signup-name">
        {name}
      </Heading>
      <dl className="summary-list">
        {[
          ["Signed up", formatDateTime(signup.signedUpAt)],
          ...(showDrive ? [["Drive", signup.driveName]] : []),
          ["E-mail", signup.email],
          ["Phone", signup.phone],
          ["Postcode", signup.postcode],
          ["Area", signup.areaName],
          ...(signup.importedFrom ? [["Came in", signup.importedFrom]] : []),
        ].map(([term, value]) => (
          <div className="summary-list__row" key={term}>
            <dt className="summary-list__key">{term}</dt>
            <dd className="summary-list__value">
              {value ? value : <span className="hint">Not given</span>}
            </dd>
          </div>
        ))}
      </dl>
      {signup.duplicates.length === 0 ? (
        <p className="body" data-testid="no-duplicates">
          No one already on record looks like the same person.
        </p>
      ) : (
        <>
          <Sub className="heading-s">May be someone already on record</Sub>
          <ul className="list" data-testid="duplicates">
            {signup.duplicates.map((candidate) => (
              <li key={candidate.personId} className="inset" data-testid="candidate">
                <p className="body">
                  <strong>{fullName(candidate)}</strong>
                  {candidate.preferredName ? ` (known as ${candidate.preferredName})` : ""}
                  {contact(candidate) ? `: ${contact(candidate)}` : ""}
                </p>
                <p className="body hint">Why: {candidate.reason}</p>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  data-testid="merge"
                  onClick={() => onMerge(candidate)}
                >
                  Merge into {fullName(candidate)}'s record
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="button-group">
        <button
          type="button"
          className="button"
          data-testid="accept"
          aria-disabled={busy}
          onClick={onAccept}
        >
          Accept {name} as a member
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="discard"
          onClick={onDiscard}
        >
          Discard
        </button>
      </div>
    </section>
  );
}

type Field = "email" | "phone" | "postcode";
const MERGE_FIELDS: readonly { field: Field; label: string }[] = [
  { field: "email", label: "E-mail" },
  { field: "phone", label: "Phone" },
  { field: "postcode", label: "Postcode" },
];

function MergeConfirm({
  signup,
  candidate,
  busy,
  onConfirm,
  onCancel,
}: {
  signup: PendingSignUp;
  candidate: DuplicateMatch;
  busy: boolean;
  onConfirm: (picks: Record<string, MergeSide>) => void;
  onCancel: () => void;
}) {
  const kept = fullName(candidate);
  // Offered only where the sign-up gave something different from the record; ticked at
  // first only where the record has nothing, so nothing on record is lost unasked.
  const choices = MERGE_FIELDS.filter(
    ({ field }) => signup[field] && signup[field] !== candidate[field],
  );
  const [take, setTake] = useState<Field[]>(() =>
    choices.filter(({ field }) => !candidate[field]).map(({ field }) => field),
  );
  return (
    <section aria-labelledby="merge-heading" data-testid="merge-confirm">
      <h2 className="heading-m" id="merge-heading">
        Merge {fullName(signup)}'s sign-up into {kept}'s record?
      </h2>
      <p className="body">
        {kept}'s record is kept. The sign-up's consent answers, any children's needs, and its link
        to the drive move to it, and the sign-up's own record is removed. The merge can be undone
        from {kept}'s record.
      </p>
      <div className="table-wrapper">
        <table className="table table--words" data-testid="merge-table">
          <caption className="table__caption table__caption--m">The two records</caption>
          <thead>
            <tr>
              <th scope="col">Detail</th>
              <th scope="col">Already on record</th>
              <th scope="col">From the sign-up</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Name</th>
              <td>{kept}</td>
              <td>{fullName(signup)}</td>
            </tr>
            {MERGE_FIELDS.map(({ field, label }) => (
              <tr key={field}>
                <th scope="row">{label}</th>
                <td>{candidate[field]}</td>
                <td>{signup[field]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {choices.length > 0 && (
        <fieldset className="fieldset">
          <legend className="fieldset__legend">
            Use the sign-up's details instead? (optional)
          </legend>
          <div className="hint">
            A ticked detail replaces what is on record; an unticked one keeps it. Details the record
            does not have yet start ticked.
          </div>
          {choices.map(({ field, label }) => (
            <Checkbox
              key={field}
              name={`take-${field}`}
              label={`${label}: ${signup[field]}`}
              checked={take.includes(field)}
              onChange={(checked) =>
                setTake((current) =>
                  checked ? [...current, field] : current.filter((f) => f !== field),
                )
              }
            />
          ))}
        </fieldset>
      )}
      <div className="button-group">
        <button
          type="button"
          className="button"
          data-testid="confirm-merge"
          aria-disabled={busy}
          onClick={() =>
            onConfirm(Object.fromEntries(take.map((field) => [field, "merge" as MergeSide])))
          }
        >
          Merge the records
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
    </section>
  );
}
