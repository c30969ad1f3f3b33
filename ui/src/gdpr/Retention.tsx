import { type FormEvent, useCallback, useContext, useEffect, useState } from "react";
import { applyRetention, keepRetention, retentionQueue } from "../backend";
import type { RetentionChoice } from "../bindings/RetentionChoice";
import type { RetentionEntry } from "../bindings/RetentionEntry";
import type { RetentionRule } from "../bindings/RetentionRule";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorSummary } from "../components/ErrorSummary";
import { TextArea } from "../components/TextArea";
import { LockContext, useNotify } from "../context";
import { toAppError } from "../errors";
import { useForm } from "../useForm";

export const RULE_LABELS: Record<RetentionRule, string> = {
  left_members: "Lapsed or left",
  unconfirmed_applicants: "Never confirmed",
  consent_withdrawn: "Consent withdrawn",
  children_over_age: "Child past the age",
  audit_entries: "Old audit entries",
};

const key = (e: { rule: RetentionRule; subjectId: string | null }) =>
  `${e.rule}:${e.subjectId ?? ""}`;

type Step = "choose" | "confirm-erase" | "keep";

/**
 * The retention schedule's review queue: what the rules catch, each with its reason. An
 * officer or admin erases the chosen entries (after confirming), or keeps them with a reason.
 */
export function Retention({ session }: { session: SessionInfo }) {
  const allowed = session.role === "admin" || session.role === "officer";
  const onLocked = useContext(LockContext);
  const notify = useNotify();
  const form = useForm();
  const [entries, setEntries] = useState<RetentionEntry[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [step, setStep] = useState<Step>("choose");
  const [reason, setReason] = useState("");

  const load = useCallback(() => {
    Promise.resolve(retentionQueue()).then(
      (found) => {
        setEntries(Array.isArray(found) ? found : []);
        setChosen(new Set());
      },
      (thrown: unknown) => {
        const error = toAppError(thrown);
        if (error.kind === "locked" && onLocked) onLocked(error);
        else setLoadError(error.message);
      },
    );
  }, [onLocked]);

  useEffect(() => {
    if (allowed) load();
  }, [allowed, load]);

  if (!allowed) {
    return (
      <p className="body" data-testid="retention-not-allowed">
        Only officers and admins review the retention schedule.
      </p>
    );
  }
  if (loadError) return <p className="body">{loadError}</p>;
  if (entries === null) return <p className="body">Loading the retention queue…</p>;

  const actionable = entries.filter((e) => e.actionable && e.subjectId);
  const selection: RetentionChoice[] = actionable
    .filter((e) => chosen.has(key(e)))
    .map((e) => ({ rule: e.rule, subjectId: e.subjectId ?? "" }));
  const allChosen = actionable.length > 0 && selection.length === actionable.length;

  const toggle = (entry: RetentionEntry) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(key(entry))) next.delete(key(entry));
      else next.add(key(entry));
      return next;
    });

  async function erase() {
    const result = await form.run(() => applyRetention(selection));
    if (result.ok) {
      const { peopleErased, childrenRemoved, auditEntriesRemoved } = result.value;
      const audit =
        auditEntriesRemoved > 0
          ? `, ${auditEntriesRemoved} old audit ${auditEntriesRemoved === 1 ? "entry" : "entries"} removed`
          : "";
      notify(
        `Done: ${peopleErased} ${peopleErased === 1 ? "person" : "people"} erased, ${childrenRemoved} children's details removed${audit}.`,
      );
      setStep("choose");
      load();
    }
  }

  async function keep(event: FormEvent) {
    event.preventDefault();
    const result = await form.run(() => keepRetention(selection, reason));
    if (result.ok) {
      notify(
        `${result.value} ${result.value === 1 ? "entry" : "entries"} kept for a year, with your reason.`,
      );
      setReason("");
      setStep("choose");
      load();
    }
  }

  return (
    <section aria-labelledby="retention-heading" data-testid="retention">
      <h2 className="heading-m" id="retention-heading">
        Retention
      </h2>
      <ErrorSummary error={form.error} fieldOrder={["reason"]} summaryRef={form.summaryRef} />
      {entries.length === 0 ? (
        <p className="body" data-testid="retention-empty">
          Nothing has been kept longer than the retention schedule allows.
        </p>
      ) : (
        <>
          <p className="body">
            The forum has kept these longer than its retention schedule allows. Choose what to
            erase, or keep with a reason: kept entries come back in a year if still caught.
          </p>
          <div className="table-wrapper">
            <table className="table" data-testid="retention-table">
              <caption className="table__caption">What the retention schedule catches</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      id="retention-all"
                      aria-label="Select all"
                      checked={allChosen}
                      disabled={actionable.length === 0}
                      onChange={() =>
                        setChosen(allChosen ? new Set() : new Set(actionable.map(key)))
                      }
                      data-testid="select-all"
                    />
                  </th>
                  <th scope="col">Rule</th>
                  <th scope="col">Who</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={key(entry)} data-testid="retention-row">
                    <td>
                      {entry.actionable && entry.subjectId ? (
                        <input
                          type="checkbox"
                          id={`choose-${key(entry)}`}
                          aria-label={`Select ${entry.name ?? RULE_LABELS[entry.rule]}`}
                          checked={chosen.has(key(entry))}
                          onChange={() => toggle(entry)}
                        />
                      ) : null}
                    </td>
                    <td>{RULE_LABELS[entry.rule]}</td>
                    <td>{entry.name ?? "—"}</td>
                    <td>{entry.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {step === "choose" && (
            <div className="button-group">
              <button
                type="button"
                className="button button--warning"
                disabled={selection.length === 0}
                onClick={() => setStep("confirm-erase")}
                data-testid="erase-selected"
              >
                Erase selected
              </button>
              <button
                type="button"
                className="button button--secondary"
                disabled={selection.length === 0}
                onClick={() => setStep("keep")}
                data-testid="keep-selected"
              >
                Keep selected
              </button>
            </div>
          )}
          {step === "confirm-erase" && (
            <div className="warning" data-testid="confirm-erase">
              <p className="body">
                <strong>
                  Erase {selection.length} {selection.length === 1 ? "entry" : "entries"}? This
                  cannot be undone.
                </strong>{" "}
                People are erased (their names, contact details, consents, children's needs and
                group roles go; the figures keep counting them); a young person past the age has
                just their details removed; old audit entries are removed, and the rest of the trail
                can still be checked.
              </p>
              <div className="button-group">
                <button
                  type="button"
                  className="button button--warning"
                  disabled={form.busy}
                  onClick={erase}
                  data-testid="confirm-erase-submit"
                >
                  Yes, erase them
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setStep("choose")}
                >
                  Cancel
                </button>
              </div>
            </div>
          )}
          {step === "keep" && (
            <form onSubmit={keep} noValidate data-testid="keep-form">
              <TextArea
                name="reason"
                label="Why is the forum keeping this?"
                hint="For example, a complaint is still open. It is kept for a year, then reviewed again."
                value={reason}
                onChange={setReason}
                error={form.errorFor("reason")}
              />
              <div className="button-group">
                <button
                  type="submit"
                  className="button"
                  disabled={form.busy}
                  data-testid="keep-submit"
                >
                  Keep {selection.length} {selection.length === 1 ? "entry" : "entries"}
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setStep("choose")}
                >
                  Cancel
                </button>
              </div>
            </form>
          )}
        </>
      )}
    </section>
  );
}
