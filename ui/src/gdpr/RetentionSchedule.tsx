import { type FormEvent, useContext, useEffect, useState } from "react";
import { retentionSettings, updateRetentionSettings } from "../backend";
import type { RetentionSettings } from "../bindings/RetentionSettings";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorSummary } from "../components/ErrorSummary";
import { TextField } from "../components/TextField";
import { LockContext, useNotify } from "../context";
import { toAppError, validationError } from "../errors";
import { useForm } from "../useForm";

type Field = keyof RetentionSettings;

const FIELDS: { name: Field; label: string; hint: string; unit: string }[] = [
  {
    name: "leftMonths",
    label: "Review members who lapsed or left after",
    hint: "Counted from the date they lapsed or left. The usual choice is 24 months.",
    unit: "months",
  },
  {
    name: "applicantMonths",
    label: "Review applicants never confirmed after",
    hint: "Counted from when they applied, for example at a kiosk. The usual choice is 6 months.",
    unit: "months",
  },
  {
    name: "childAge",
    label: "Remove a young person's needs once they are past",
    hint: "The forum works with children and young people up to 25.",
    unit: "years old",
  },
  {
    name: "auditMonths",
    label: "Review audit entries older than",
    hint: "The usual choice is 72 months (6 years).",
    unit: "months",
  },
];

/**
 * The retention schedule's settings: anyone who reviews the queue sees them; an admin
 * changes them.
 */
export function RetentionSchedule({ session }: { session: SessionInfo }) {
  const canEdit = session.role === "admin";
  const allowed = canEdit || session.role === "officer";
  const form = useForm();
  const notify = useNotify();
  const onLocked = useContext(LockContext);
  const [draft, setDraft] = useState<Record<Field, string> | null>(null);
  const { fail } = form;

  useEffect(() => {
    if (!allowed) return;
    Promise.resolve(retentionSettings()).then(
      (current) => {
        if (!current) return;
        setDraft({
          leftMonths: String(current.leftMonths),
          applicantMonths: String(current.applicantMonths),
          childAge: String(current.childAge),
          auditMonths: String(current.auditMonths),
        });
      },
      (thrown: unknown) => {
        const error = toAppError(thrown);
        if (error.kind === "locked" && onLocked) onLocked(error);
        else fail(error);
      },
    );
  }, [allowed, fail, onLocked]);

  if (!allowed) return null;
  if (draft === null) return <p className="body">Loading the retention schedule…</p>;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    const problems: Record<string, string> = {};
    for (const field of FIELDS) {
      if (!/^\d{1,3}$/.test(draft[field.name].trim())) {
        problems[field.name] = "Enter a whole number, for example 24";
      }
    }
    if (Object.keys(problems).length > 0) {
      form.fail(validationError(problems));
      return;
    }
    const input: RetentionSettings = {
      leftMonths: Number(draft.leftMonths.trim()),
      applicantMonths: Number(draft.applicantMonths.trim()),
      childAge: Number(draft.childAge.trim()),
      auditMonths: Number(draft.auditMonths.trim()),
    };
    const result = await form.run(() => updateRetentionSettings(input));
    if (result.ok) notify("The retention schedule has been saved.");
  }

  return (
    <section aria-labelledby="schedule-heading" data-testid="retention-schedule">
      <h2 className="heading-m" id="schedule-heading">
        Retention schedule
      </h2>
      <ErrorSummary
        error={form.error}
        fieldOrder={FIELDS.map((f) => f.name)}
        summaryRef={form.summaryRef}
      />
      {canEdit ? (
        <form onSubmit={submit} noValidate>
          {FIELDS.map((field) => (
            <TextField
              key={field.name}
              name={field.name}
              label={field.label}
              hint={field.hint}
              value={draft[field.name]}
              onChange={(value) =>
                setDraft((current) => (current ? { ...current, [field.name]: value } : current))
              }
              error={form.errorFor(field.name)}
              inputMode="numeric"
              spellCheck={false}
              width="width-4"
              after={
                <span className="input-suffix" aria-hidden="true">
                  {field.unit}
                </span>
              }
            />
          ))}
          <button
            type="submit"
            className="button"
            aria-disabled={form.busy}
            data-testid="schedule-submit"
          >
            Save the schedule
          </button>
        </form>
      ) : (
        <ul className="list" data-testid="schedule-summary">
          {FIELDS.map((field) => (
            <li key={field.name}>
              {field.label} {draft[field.name]} {field.unit}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
