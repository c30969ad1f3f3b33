import { type FormEvent, useContext, useEffect, useRef, useState } from "react";
import {
  addGroupContact,
  affiliationTerms,
  coOptLeader,
  endCoOption,
  recordAffiliationStep,
  removeOrganisation,
  searchMembers,
} from "../backend";
import type { AffiliationStep } from "../bindings/AffiliationStep";
import type { AffiliationTerms } from "../bindings/AffiliationTerms";
import type { CoOption } from "../bindings/CoOption";
import type { MemberSummary } from "../bindings/MemberSummary";
import type { Organisation } from "../bindings/Organisation";
import type { RemoveOutcome } from "../bindings/RemoveOutcome";
import { ErrorSummary } from "../components/ErrorSummary";
import { FormButtons } from "../components/FormButtons";
import { PageHeading } from "../components/PageHeading";
import { RadioGroup } from "../components/RadioGroup";
import { SelectField } from "../components/SelectField";
import { SummaryList } from "../components/SummaryList";
import { TextArea } from "../components/TextArea";
import { TextField } from "../components/TextField";
import { LockContext } from "../context";
import { toAppError } from "../errors";
import { formatDate, memberName } from "../members/labels";
import { usePageTitle } from "../pageTitle";
import { useForm } from "../useForm";

const BLANK_IS_TODAY = "For example 12/03/2025. Leave it blank for today.";

type StepWords = {
  button: string;
  heading: (name: string) => string;
  dateLabel: string;
  noteHint: string;
  confirm: (name: string) => string;
  done: (organisation: Organisation) => string;
};

export const STEP_WORDS: Record<AffiliationStep, StepWords> = {
  enquiry: {
    button: "Record an enquiry",
    heading: (name) => `Record an enquiry from ${name}`,
    dateLabel: "Date of the enquiry",
    noteHint: "For example, who got in touch and how.",
    confirm: (name) => `Record that ${name} enquired about affiliating`,
    done: (o) => `The enquiry from ${o.name} has been recorded.`,
  },
  applied: {
    button: "Receive application",
    heading: (name) => `Receive ${name}'s application`,
    dateLabel: "Date the application arrived",
    noteHint: "For example, how it arrived or who signed it.",
    confirm: (name) => `Record that ${name}'s application to affiliate has been received`,
    done: (o) => `${o.name}'s application has been recorded.`,
  },
  approved: {
    button: "Approve",
    heading: (name) => `Approve ${name}'s affiliation`,
    dateLabel: "Date it was approved",
    noteHint: "The meeting and minute, for example: steering group 12/03/2025, minute 4.",
    confirm: (name) => `Approve ${name}'s affiliation`,
    done: (o) =>
      `${o.name} is now affiliated. Its renewal is due on ${formatDate(o.affiliation?.renewalDueOn)}.`,
  },
  renewed: {
    button: "Renew",
    heading: (name) => `Renew ${name}'s affiliation`,
    dateLabel: "Date it renewed",
    noteHint: "For example, the meeting and minute that agreed it.",
    confirm: (name) => `Renew ${name}'s affiliation`,
    done: (o) =>
      `${o.name}'s affiliation has been renewed. The next renewal is due on ${formatDate(o.affiliation?.renewalDueOn)}.`,
  },
  lapsed: {
    button: "Mark lapsed",
    heading: (name) => `Mark ${name}'s affiliation as lapsed`,
    dateLabel: "Date it lapsed",
    noteHint: "For example, why it was not renewed.",
    confirm: (name) => `Mark ${name}'s affiliation as lapsed`,
    done: (o) => `${o.name}'s affiliation has lapsed.`,
  },
  withdrawn: {
    button: "Withdraw",
    heading: (name) => `Record that ${name} has withdrawn`,
    dateLabel: "Date it withdrew",
    noteHint: "For example, the reason the group gave.",
    confirm: (name) => `Record that ${name} has withdrawn`,
    done: (o) => `${o.name} has withdrawn.`,
  },
  declined: {
    button: "Decline",
    heading: (name) => `Decline ${name}'s affiliation`,
    dateLabel: "Date it was declined",
    noteHint: "The meeting and minute, and the reason.",
    confirm: (name) => `Decline ${name}'s affiliation`,
    done: (o) => `${o.name}'s affiliation has been declined.`,
  },
};

type Done = (organisation: Organisation, message: string) => void;

type StepFormProps = {
  organisation: Organisation;
  step: AffiliationStep;
  onDone: Done;
  onCancel: () => void;
};

/**
 * One affiliation step as a small form (date, note or minute reference, and for an
 * application the terms version), then a confirmation before anything is recorded.
 */
export function AffiliationStepForm({ organisation, step, onDone, onCancel }: StepFormProps) {
  const words = STEP_WORDS[step];
  const [onDate, setOnDate] = useState("");
  const [note, setNote] = useState("");
  const [termsVersion, setTermsVersion] = useState("");
  const [terms, setTerms] = useState<AffiliationTerms[]>([]);
  const [confirming, setConfirming] = useState(false);
  const form = useForm();
  const onLocked = useContext(LockContext);
  const title = confirming ? "Check before recording" : words.heading(organisation.name);
  usePageTitle(title, form.error !== null);
  const confirmRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (step !== "applied") return;
    affiliationTerms().then(setTerms, (thrown: unknown) => {
      const error = toAppError(thrown);
      if (error.kind === "locked" && onLocked) onLocked(error);
      // Otherwise the core records the current version.
    });
  }, [step, onLocked]);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  function review(event: FormEvent) {
    event.preventDefault();
    setConfirming(true);
  }

  async function record() {
    const result = await form.run(() =>
      recordAffiliationStep(organisation.id, step, {
        onDate: onDate.trim(),
        note,
        termsVersion: termsVersion === "" ? null : Number(termsVersion),
      }),
    );
    if (result.ok) onDone(result.value, words.done(result.value));
    else setConfirming(false);
  }

  if (confirming) {
    return (
      <>
        <h1 className="heading-l" tabIndex={-1} ref={confirmRef}>
          Check before recording
        </h1>
        <p className="body">{words.confirm(organisation.name)}:</p>
        <SummaryList
          rows={[
            ["Date", onDate.trim() === "" ? "Today" : onDate.trim()],
            ["Note or minute reference", note.trim() && <span className="notes">{note}</span>],
            ...(step === "applied"
              ? ([
                  [
                    "Terms accepted",
                    termsVersion === "" ? "The current version" : `Version ${termsVersion}`,
                  ],
                ] as const)
              : []),
          ]}
        />
        <div className="button-group">
          <button
            type="button"
            className="button"
            data-testid="confirm"
            aria-disabled={form.busy}
            onClick={() => void record()}
          >
            Confirm: {words.button.toLowerCase()}
          </button>
          <button
            type="button"
            className="button button--secondary"
            data-testid="change"
            onClick={() => setConfirming(false)}
          >
            Change these details
          </button>
        </div>
      </>
    );
  }

  const fields = step === "applied" ? ["onDate", "note", "termsVersion"] : ["onDate", "note"];
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <ErrorSummary error={form.error} fieldOrder={fields} summaryRef={form.summaryRef} />
      <form onSubmit={review} noValidate>
        <TextField
          name="onDate"
          label={words.dateLabel}
          hint={BLANK_IS_TODAY}
          value={onDate}
          onChange={setOnDate}
          error={form.errorFor("onDate")}
          autoComplete="off"
          spellCheck={false}
          width="width-10"
        />
        <TextArea
          name="note"
          label="Note or minute reference (optional)"
          hint={words.noteHint}
          value={note}
          onChange={setNote}
          error={form.errorFor("note")}
          rows={3}
        />
        {step === "applied" && (
          <SelectField
            name="termsVersion"
            label="Which version of the affiliation terms did the group accept?"
            emptyLabel="The current version"
            options={terms.map((t) => ({
              value: String(t.version),
              label: `Version ${t.version}, from ${formatDate(t.createdAt.slice(0, 10))}`,
            }))}
            value={termsVersion}
            onChange={setTermsVersion}
            error={form.errorFor("termsVersion")}
          />
        )}
        <FormButtons submitLabel="Continue" onCancel={onCancel} />
      </form>
    </>
  );
}

/** Search as you type for someone already recorded, to link them to the group. */
export function PersonPicker({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (personId: string) => void;
  error?: string;
}) {
  const [text, setText] = useState("");
  const [found, setFound] = useState<MemberSummary[]>([]);
  const onLocked = useContext(LockContext);
  const latest = useRef(0);

  useEffect(() => {
    const id = ++latest.current;
    if (text.trim().length < 2) {
      setFound([]);
      return;
    }
    const timer = window.setTimeout(() => {
      searchMembers({
        text,
        status: null,
        areaId: null,
        memberType: null,
        consent: null,
        need: null,
        provision: null,
        sort: "name",
        page: 1,
        pageSize: 10,
      }).then(
        (page) => {
          if (id === latest.current) setFound(page.members);
        },
        (thrown: unknown) => {
          const failure = toAppError(thrown);
          if (failure.kind === "locked" && onLocked) onLocked(failure);
        },
      );
    }, 150);
    return () => window.clearTimeout(timer);
  }, [text, onLocked]);

  return (
    <>
      <TextField
        name="personSearch"
        label="Find the person"
        hint="Type part of their name, e-mail, phone or postcode. They must already be recorded as a member."
        value={text}
        onChange={setText}
        autoComplete="off"
        spellCheck={false}
        width="width-20"
      />
      <p className="body results-count" role="status" aria-live="polite">
        {text.trim().length >= 2 && `${found.length === 10 ? "10 or more" : found.length} found`}
      </p>
      {found.length > 0 || error ? (
        <RadioGroup
          name="personId"
          idPrefix="personId"
          legend="Choose the person"
          options={found.map((member) => ({
            value: member.id,
            label: memberName(member),
            hint: [member.postcode, member.areaName].filter(Boolean).join(", ") || undefined,
          }))}
          value={value}
          onChange={onChange}
          error={error}
        />
      ) : null}
    </>
  );
}

type OrgFormProps = { organisation: Organisation; onDone: Done; onCancel: () => void };

export function AddContactForm({ organisation, onDone, onCancel }: OrgFormProps) {
  const [personId, setPersonId] = useState("");
  const [role, setRole] = useState("");
  const form = useForm();
  const title = `Add a contact at ${organisation.name}`;
  usePageTitle(title, form.error !== null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await form.run(() => addGroupContact(organisation.id, { personId, role }));
    if (result.ok) onDone(result.value, `The contact has been added to ${result.value.name}.`);
  }

  return (
    <>
      <PageHeading>{title}</PageHeading>
      <ErrorSummary
        error={form.error}
        fieldOrder={["personId", "role"]}
        anchors={{ personId: "personSearch" }}
        summaryRef={form.summaryRef}
      />
      <form onSubmit={submit} noValidate>
        <PersonPicker value={personId} onChange={setPersonId} error={form.errorFor("personId")} />
        <TextField
          name="role"
          label="Their role at the organisation"
          hint="For example lead, deputy or treasurer."
          value={role}
          onChange={setRole}
          error={form.errorFor("role")}
          autoComplete="off"
          width="width-20"
        />
        <FormButtons submitLabel="Add the contact" busy={form.busy} onCancel={onCancel} />
      </form>
    </>
  );
}

export function CoOptForm({ organisation, onDone, onCancel }: OrgFormProps) {
  const [personId, setPersonId] = useState("");
  const [fromOn, setFromOn] = useState("");
  const [untilOn, setUntilOn] = useState("");
  const [note, setNote] = useState("");
  const form = useForm();
  const title = `Co-opt a leader from ${organisation.name}`;
  usePageTitle(title, form.error !== null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await form.run(() =>
      coOptLeader(organisation.id, {
        personId,
        fromOn: fromOn.trim(),
        untilOn: untilOn.trim(),
        note,
      }),
    );
    if (result.ok) onDone(result.value, "The co-option onto the steering group has been recorded.");
  }

  return (
    <>
      <PageHeading>{title}</PageHeading>
      <p className="body">Record a group leader co-opted onto the forum's steering group.</p>
      <ErrorSummary
        error={form.error}
        fieldOrder={["personId", "fromOn", "untilOn", "note"]}
        anchors={{ personId: "personSearch" }}
        summaryRef={form.summaryRef}
      />
      <form onSubmit={submit} noValidate>
        <PersonPicker value={personId} onChange={setPersonId} error={form.errorFor("personId")} />
        <TextField
          name="fromOn"
          label="Co-opted from"
          hint={BLANK_IS_TODAY}
          value={fromOn}
          onChange={setFromOn}
          error={form.errorFor("fromOn")}
          autoComplete="off"
          spellCheck={false}
          width="width-10"
        />
        <TextField
          name="untilOn"
          label="Until (optional)"
          hint="Leave it blank while they serve."
          value={untilOn}
          onChange={setUntilOn}
          error={form.errorFor("untilOn")}
          autoComplete="off"
          spellCheck={false}
          width="width-10"
        />
        <TextArea
          name="note"
          label="Note (optional)"
          hint="For example, the minute that agreed it."
          value={note}
          onChange={setNote}
          error={form.errorFor("note")}
          rows={3}
        />
        <FormButtons submitLabel="Record the co-option" busy={form.busy} onCancel={onCancel} />
      </form>
    </>
  );
}

export function EndCoOptionForm({
  organisation,
  coOption,
  onDone,
  onCancel,
}: OrgFormProps & { coOption: CoOption }) {
  const [untilOn, setUntilOn] = useState("");
  const form = useForm();
  const name = `${coOption.firstName} ${coOption.lastName}`;
  const title = `End ${name}'s co-option`;
  usePageTitle(title, form.error !== null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await form.run(() => endCoOption(organisation.id, coOption.id, untilOn.trim()));
    if (result.ok) onDone(result.value, `${name}'s co-option has ended.`);
  }

  return (
    <>
      <PageHeading>{title}</PageHeading>
      <ErrorSummary error={form.error} fieldOrder={["untilOn"]} summaryRef={form.summaryRef} />
      <form onSubmit={submit} noValidate>
        <TextField
          name="untilOn"
          label="Last day on the steering group"
          hint={`${BLANK_IS_TODAY} They were co-opted on ${formatDate(coOption.fromOn)}.`}
          value={untilOn}
          onChange={setUntilOn}
          error={form.errorFor("untilOn")}
          autoComplete="off"
          spellCheck={false}
          width="width-10"
        />
        <FormButtons submitLabel="End the co-option" busy={form.busy} onCancel={onCancel} />
      </form>
    </>
  );
}

/** Explains what removing will do (delete with no history, archive with some), then does it. */
export function RemoveGroup({
  organisation,
  onRemoved,
  onCancel,
}: {
  organisation: Organisation;
  onRemoved: (outcome: RemoveOutcome) => void;
  onCancel: () => void;
}) {
  const form = useForm();
  const title = `Remove ${organisation.name}`;
  usePageTitle(title, form.error !== null);
  const hasHistory =
    organisation.timeline.length > 0 ||
    organisation.contacts.length > 0 ||
    organisation.coOptions.length > 0;

  async function remove() {
    const result = await form.run(() => removeOrganisation(organisation.id));
    if (result.ok) onRemoved(result.value);
  }

  return (
    <>
      <PageHeading>{title}</PageHeading>
      <ErrorSummary error={form.error} fieldOrder={[]} summaryRef={form.summaryRef} />
      <div className="warning" data-testid="remove-explanation">
        {hasHistory ? (
          <p className="body">
            {organisation.name} has a history (affiliation steps, contacts or co-options), so it
            will be <strong>archived</strong>, not deleted: its record is kept for the forum's
            evidence, it leaves the lists and the reach figures, and it can no longer be changed.
          </p>
        ) : (
          <p className="body">
            {organisation.name} has no history, so it will be <strong>deleted</strong>. This cannot
            be undone.
          </p>
        )}
      </div>
      <div className="button-group">
        <button
          type="button"
          className="button button--warning"
          data-testid="confirm-remove"
          aria-disabled={form.busy}
          onClick={() => void remove()}
        >
          {hasHistory ? "Archive the organisation" : "Delete the organisation"}
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
    </>
  );
}
