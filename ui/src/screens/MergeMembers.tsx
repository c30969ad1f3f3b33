import {
  type FormEvent,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useState,
} from "react";
import { getMember, mergeMembers, undoMerge } from "../backend";
import type { AppError } from "../bindings/AppError";
import type { MemberRecord } from "../bindings/MemberRecord";
import type { MergeOutcome } from "../bindings/MergeOutcome";
import type { MergeSide } from "../bindings/MergeSide";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorSummary } from "../components/ErrorSummary";
import { FormButtons } from "../components/FormButtons";
import { PageHeading } from "../components/PageHeading";
import { RadioGroup } from "../components/RadioGroup";
import { SummaryList } from "../components/SummaryList";
import { LockContext, useNotify } from "../context";
import { toAppError, validationError } from "../errors";
import {
  formatDate,
  formatDateTime,
  MEMBER_TYPE_LABELS,
  memberName,
  STATUS_LABELS,
} from "../members/labels";
import { usePageTitle } from "../pageTitle";
import { canMergeMembers } from "../roles";
import { useForm } from "../useForm";

/** Which of the two records on the screen: the first or the second. */
type Which = "a" | "b";

type MergeField =
  | "firstName"
  | "lastName"
  | "preferredName"
  | "email"
  | "phone"
  | "addressLine1"
  | "addressLine2"
  | "town"
  | "postcode"
  | "heardAbout"
  | "notes";

/** The fields a merge can take from either record (the core's `merge::FIELDS`). */
export const MERGE_FIELDS: readonly { field: MergeField; label: string; noun: string }[] = [
  { field: "firstName", label: "First name", noun: "first name" },
  { field: "lastName", label: "Last name", noun: "last name" },
  {
    field: "preferredName",
    label: "Name they like to be called",
    noun: "name they like to be called",
  },
  { field: "email", label: "E-mail", noun: "e-mail address" },
  { field: "phone", label: "Phone", noun: "phone number" },
  { field: "addressLine1", label: "Address line 1", noun: "first line of the address" },
  { field: "addressLine2", label: "Address line 2", noun: "second line of the address" },
  { field: "town", label: "Town or city", noun: "town or city" },
  { field: "postcode", label: "Postcode", noun: "postcode" },
  {
    field: "heardAbout",
    label: "How they heard about the forum",
    noun: "answer to how they heard about the forum",
  },
  { field: "notes", label: "Notes", noun: "notes" },
];

function fieldValue(record: MemberRecord, field: MergeField): string {
  return record[field] ?? "";
}

/** The fields whose values differ between the two records: only these need a choice. */
export function differingFields(a: MemberRecord, b: MemberRecord) {
  return MERGE_FIELDS.filter(({ field }) => fieldValue(a, field) !== fieldValue(b, field));
}

/**
 * What a field will hold after the merge, shown with the area the postcode brings, and a
 * phone number as people read it.
 */
function shown(record: MemberRecord, field: MergeField): string {
  if (field === "phone") return record.phoneDisplay ?? "";
  const value = fieldValue(record, field);
  if (field === "postcode" && value && record.areaName) return `${value} (${record.areaName})`;
  return value;
}

type Choices = { keep: Which | ""; fields: Partial<Record<MergeField, Which>> };

type Step =
  | { name: "compare" }
  | { name: "confirm" }
  | { name: "done"; outcome: MergeOutcome; keptName: string };

type MergeMembersProps = {
  session: SessionInfo;
  aId: string;
  bId: string;
  /** Where "Back" goes before the merge, for example "Back to possible duplicates". */
  backLabel: string;
  onBack: () => void;
  onOpen: (record: MemberRecord) => void;
  /** After an undo, and from the "merged" page: the list of possible duplicates. */
  onDuplicates: () => void;
};

/**
 * Compare two records side by side, choose the value to keep for each field that differs
 * and which record stays, confirm, and then (straight after) undo if it was a mistake.
 */
export function MergeMembers({
  session,
  aId,
  bId,
  backLabel,
  onBack,
  onOpen,
  onDuplicates,
}: MergeMembersProps) {
  const [records, setRecords] = useState<[MemberRecord, MemberRecord] | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [choices, setChoices] = useState<Choices>({ keep: "", fields: {} });
  const [step, setStep] = useState<Step>({ name: "compare" });
  const onLocked = useContext(LockContext);

  const failed = useCallback(
    (thrown: unknown) => {
      const error = toAppError(thrown);
      if (error.kind === "locked" && onLocked) onLocked(error);
      else setLoadError(error);
    },
    [onLocked],
  );

  const allowed = canMergeMembers(session.role);
  useEffect(() => {
    // Each reading is audited: a volunteer who cannot merge has no reason to read both.
    if (!allowed) return;
    Promise.all([getMember(aId), getMember(bId)]).then(setRecords, failed);
  }, [allowed, aId, bId, failed]);

  const back = (
    <button type="button" className="link-button back-link" data-testid="back" onClick={onBack}>
      {backLabel}
    </button>
  );

  if (!allowed) {
    return <Message back={back} title="Compare and merge records" text={NOT_ALLOWED} />;
  }
  if (!records) {
    return (
      <Message
        back={back}
        title={loadError ? "These records could not be compared" : "Compare and merge records"}
        text={loadError ? loadError.message : "Loading…"}
        error={loadError !== null}
      />
    );
  }
  const [a, b] = records;
  if (step.name === "done") {
    return (
      <MergeDone
        outcome={step.outcome}
        keptName={step.keptName}
        onOpen={() => onOpen(step.outcome.member)}
        onDuplicates={onDuplicates}
      />
    );
  }
  if (step.name === "confirm" && choices.keep !== "") {
    const kept = choices.keep === "a" ? a : b;
    const merged = choices.keep === "a" ? b : a;
    return (
      <ConfirmMerge
        kept={kept}
        merged={merged}
        keep={choices.keep}
        picks={choices.fields}
        records={{ a, b }}
        onMerged={(outcome) =>
          setStep({
            name: "done",
            outcome,
            keptName: memberName(outcome.member),
          })
        }
        onBack={() => setStep({ name: "compare" })}
      />
    );
  }
  return (
    <Compare
      back={back}
      a={a}
      b={b}
      choices={choices}
      onChoices={setChoices}
      onContinue={() => setStep({ name: "confirm" })}
      onCancel={onBack}
    />
  );
}

const NOT_ALLOWED =
  "Only officers and admins can merge records. Tell one of them if you find a record entered twice.";

function Message({
  back,
  title,
  text,
  error = false,
}: {
  back: ReactNode;
  title: string;
  text: string;
  error?: boolean;
}) {
  usePageTitle(title, error);
  return (
    <>
      {back}
      <PageHeading>{title}</PageHeading>
      <p className="body">{text}</p>
    </>
  );
}

function recordHint(record: MemberRecord): string {
  const m = record.membership;
  const membership = m
    ? `${STATUS_LABELS[m.status]}${m.joinedOn ? `, joined ${formatDate(m.joinedOn)}` : ""}`
    : "No membership recorded";
  return `${membership}. Added ${formatDateTime(record.createdAt)}.`;
}

type CompareProps = {
  back: ReactNode;
  a: MemberRecord;
  b: MemberRecord;
  choices: Choices;
  onChoices: (choices: Choices) => void;
  onContinue: () => void;
  onCancel: () => void;
};

function Compare({ back, a, b, choices, onChoices, onContinue, onCancel }: CompareProps) {
  const form = useForm();
  usePageTitle("Compare and merge records", form.error !== null);
  const differing = differingFields(a, b);
  const fieldOrder = ["keep", ...differing.map((d) => d.field)];
  const anchors: Record<string, string> = { keep: "keep-a" };
  for (const { field } of differing) anchors[field] = `pick-${field}-a`;

  function submit(event: FormEvent) {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (choices.keep === "") missing.keep = "Select which record should stay";
    for (const { field, noun } of differing) {
      if (!choices.fields[field]) missing[field] = `Select which ${noun} to keep`;
    }
    if (Object.keys(missing).length > 0) {
      form.fail(validationError(missing));
      return;
    }
    onContinue();
  }

  const names = [memberName(a), memberName(b)];
  const membership = (r: MemberRecord) =>
    r.membership
      ? `${MEMBER_TYPE_LABELS[r.membership.memberType]}, ${STATUS_LABELS[r.membership.status].toLowerCase()}`
      : "";
  const rows: [string, (r: MemberRecord) => string][] = [
    ...MERGE_FIELDS.map(({ field, label }): [string, (r: MemberRecord) => string] => [
      label,
      (r) => shown(r, field),
    ]),
    ["Membership", membership],
    ["Joined", (r) => formatDate(r.membership?.joinedOn)],
    ["Record added", (r) => formatDateTime(r.createdAt)],
  ];

  return (
    <>
      {back}
      <PageHeading>Compare and merge records</PageHeading>
      <ErrorSummary
        error={form.error}
        fieldOrder={fieldOrder}
        anchors={anchors}
        summaryRef={form.summaryRef}
      />
      <p className="body">
        Check that these are the same person. If they are, choose which record stays and which
        details are right. The other record will be deleted and its history moved to the one that
        stays.
      </p>
      <div className="table-wrapper">
        <table className="table table--words" data-testid="compare-table">
          <caption className="table__caption table__caption--m">The two records</caption>
          <thead>
            <tr>
              <td />
              <th scope="col">Record 1: {names[0]}</th>
              <th scope="col">Record 2: {names[1]}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {[a, b].map((record) => (
                  <td key={record.id}>
                    {value(record) || <span className="hint">Not given</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form onSubmit={submit} noValidate>
        <RadioGroup
          name="keep"
          idPrefix="keep"
          legend="Which record should stay?"
          hint="The record that stays keeps its membership and the date it was added."
          options={[
            { value: "a", label: `Record 1: ${names[0]}`, hint: recordHint(a) },
            { value: "b", label: `Record 2: ${names[1]}`, hint: recordHint(b) },
          ]}
          value={choices.keep}
          onChange={(keep) => onChoices({ ...choices, keep })}
          error={form.errorFor("keep")}
        />
        {differing.length === 0 ? (
          <p className="body" data-testid="no-differences">
            Both records have the same details.
          </p>
        ) : (
          <h2 className="heading-m heading-m--form">Details that differ</h2>
        )}
        {differing.map(({ field, label }) => (
          <RadioGroup
            key={field}
            name={`pick-${field}`}
            idPrefix={`pick-${field}`}
            legend={label}
            options={[
              { value: "a", label: shown(a, field) || "Not given", hint: "From record 1" },
              { value: "b", label: shown(b, field) || "Not given", hint: "From record 2" },
            ]}
            value={choices.fields[field] ?? ""}
            onChange={(which) =>
              onChoices({ ...choices, fields: { ...choices.fields, [field]: which } })
            }
            error={form.errorFor(field)}
          />
        ))}
        <FormButtons submitLabel="Continue" onCancel={onCancel} />
      </form>
    </>
  );
}

type ConfirmMergeProps = {
  kept: MemberRecord;
  merged: MemberRecord;
  keep: Which;
  picks: Partial<Record<MergeField, Which>>;
  records: Record<Which, MemberRecord>;
  onMerged: (outcome: MergeOutcome) => void;
  onBack: () => void;
};

function ConfirmMerge({ kept, merged, keep, picks, records, onMerged, onBack }: ConfirmMergeProps) {
  const form = useForm();
  usePageTitle("Confirm the merge", form.error !== null);
  const keptName = memberName(kept);
  const mergedName = memberName(merged);
  const chosen = (field: MergeField) => records[picks[field] ?? keep];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const sides: Record<string, MergeSide> = {};
    for (const [field, which] of Object.entries(picks)) {
      sides[field] = which === keep ? "keep" : "merge";
    }
    const result = await form.run(() =>
      mergeMembers({ keepId: kept.id, mergeId: merged.id, picks: sides }),
    );
    if (result.ok) onMerged(result.value);
  }

  return (
    <>
      <button type="button" className="link-button back-link" data-testid="back" onClick={onBack}>
        Back to the comparison
      </button>
      <PageHeading>Are you sure you want to merge these records?</PageHeading>
      <ErrorSummary error={form.error} fieldOrder={[]} summaryRef={form.summaryRef} />
      <div className="warning" data-testid="merge-warning">
        <p className="body">
          The record for {mergedName} will be deleted. Its consent answers, membership history,
          children's needs and equality information will be moved to the record for {keptName},
          which keeps its own membership.
        </p>
        <p className="body">You can undo the merge straight afterwards.</p>
      </div>
      <h2 className="heading-m">The record that stays will have</h2>
      <SummaryList
        rows={MERGE_FIELDS.map(({ field, label }) => [label, shown(chosen(field), field)])}
      />
      <form onSubmit={submit} noValidate>
        <div className="button-group">
          <button
            type="submit"
            className="button button--warning"
            data-testid="submit"
            aria-disabled={form.busy}
          >
            Yes, merge the records
          </button>
          <button
            type="button"
            className="button button--secondary"
            data-testid="cancel"
            onClick={onBack}
          >
            No, go back
          </button>
        </div>
      </form>
    </>
  );
}

type MergeDoneProps = {
  outcome: MergeOutcome;
  keptName: string;
  onOpen: () => void;
  onDuplicates: () => void;
};

function MergeDone({ outcome, keptName, onOpen, onDuplicates }: MergeDoneProps) {
  const form = useForm();
  const notify = useNotify();
  usePageTitle("Records merged", form.error !== null);

  useEffect(() => {
    // The kept record may now carry the other's name, so the notice names only the result.
    notify(`The records have been merged into one record for ${keptName}.`);
  }, [notify, keptName]);

  async function undo(event: FormEvent) {
    event.preventDefault();
    const result = await form.run(() => undoMerge(outcome.mergeId));
    if (!result.ok) return;
    notify("The merge has been undone. Both records are back as they were.");
    onDuplicates();
  }

  return (
    <>
      <PageHeading>Records merged</PageHeading>
      <ErrorSummary error={form.error} fieldOrder={[]} summaryRef={form.summaryRef} />
      <p className="body">
        It has the details you chose and the history of both records. The other record has been
        deleted.
      </p>
      <form onSubmit={undo} noValidate>
        <p className="body">
          If this was a mistake, undo the merge: both records go back to how they were.
        </p>
        <div className="button-group">
          <button type="button" className="button" data-testid="open-kept" onClick={onOpen}>
            Open the record for {keptName}
          </button>
          <button
            type="submit"
            className="button button--secondary"
            data-testid="undo-merge"
            aria-disabled={form.busy}
          >
            Undo merge
          </button>
        </div>
      </form>
      <button
        type="button"
        className="link-button"
        data-testid="to-duplicates"
        onClick={onDuplicates}
      >
        Go to possible duplicates
      </button>
    </>
  );
}
