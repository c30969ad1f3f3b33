import { type FormEvent, useCallback, useContext, useEffect, useState } from "react";
import { listBreaches, recordBreach, updateBreach } from "../backend";
import type { Breach } from "../bindings/Breach";
import type { BreachInput } from "../bindings/BreachInput";
import type { BreachStatus } from "../bindings/BreachStatus";
import type { IndividualsTold } from "../bindings/IndividualsTold";
import type { RiskLevel } from "../bindings/RiskLevel";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorSummary } from "../components/ErrorSummary";
import { FormButtons } from "../components/FormButtons";
import { RadioGroup } from "../components/RadioGroup";
import { TextArea } from "../components/TextArea";
import { TextField } from "../components/TextField";
import { LockContext, useNotify } from "../context";
import { toAppError } from "../errors";
import { useForm } from "../useForm";

const FIELDS = [
  "happenedOn",
  "happenedTime",
  "discoveredOn",
  "discoveredTime",
  "whatHappened",
  "dataAffected",
  "peopleAffectedCount",
  "peopleAffected",
  "riskLevel",
  "riskAssessment",
  "reportable",
  "notReportableReason",
  "reportedOn",
  "reportedTime",
  "icoReference",
  "individualsTold",
  "individualsToldOn",
  "individualsNotToldReason",
  "actionsTaken",
  "lessonsLearned",
  "status",
] as const;

const ANCHORS = {
  riskLevel: "riskLevel-unlikely",
  reportable: "reportable-yes",
  individualsTold: "individualsTold-not_yet",
  status: "status-open",
};

export const RISK_LABELS: Record<RiskLevel, string> = {
  unlikely: "Unlikely to put anyone at risk",
  risk: "A risk to people's rights or wellbeing",
  high: "A high risk",
};

type Draft = {
  [K in keyof BreachInput]: BreachInput[K] extends string ? string : BreachInput[K];
};

function blank(): Draft {
  return {
    happenedOn: "",
    happenedTime: "",
    discoveredOn: "",
    discoveredTime: "",
    whatHappened: "",
    dataAffected: "",
    peopleAffectedCount: "",
    peopleAffected: "",
    riskLevel: null,
    riskAssessment: "",
    reportable: null,
    notReportableReason: "",
    reportedOn: "",
    reportedTime: "",
    icoReference: "",
    individualsTold: null,
    individualsToldOn: "",
    individualsNotToldReason: "",
    actionsTaken: "",
    lessonsLearned: "",
    status: null,
  };
}

function fromBreach(b: Breach): Draft {
  return {
    happenedOn: b.happenedOn,
    happenedTime: b.happenedTime,
    discoveredOn: b.discoveredOn,
    discoveredTime: b.discoveredTime,
    whatHappened: b.whatHappened,
    dataAffected: b.dataAffected,
    peopleAffectedCount: b.peopleAffectedCount === null ? "" : String(b.peopleAffectedCount),
    peopleAffected: b.peopleAffected ?? "",
    riskLevel: b.riskLevel,
    riskAssessment: b.riskAssessment,
    reportable: b.reportable,
    notReportableReason: b.notReportableReason ?? "",
    reportedOn: b.reportedOn ?? "",
    reportedTime: b.reportedTime ?? "",
    icoReference: b.icoReference ?? "",
    individualsTold: b.individualsTold,
    individualsToldOn: b.individualsToldOn ?? "",
    individualsNotToldReason: b.individualsNotToldReason ?? "",
    actionsTaken: b.actionsTaken ?? "",
    lessonsLearned: b.lessonsLearned ?? "",
    status: b.status,
  };
}

function when(at: string | null): string {
  if (!at) return "";
  const date = new Date(at);
  return Number.isNaN(date.getTime())
    ? at
    : date.toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short" });
}

/** The breach register: every breach, reportable or not, and a form to record or update one. */
export function Breaches({ session }: { session: SessionInfo }) {
  const allowed = session.role === "admin" || session.role === "officer";
  const onLocked = useContext(LockContext);
  const notify = useNotify();
  const form = useForm();
  const [breaches, setBreaches] = useState<Breach[] | null>(null);
  const [editing, setEditing] = useState<Breach | "new" | null>(null);
  const [draft, setDraft] = useState<Draft>(blank);

  const load = useCallback(() => {
    Promise.resolve(listBreaches()).then(
      (found) => setBreaches(Array.isArray(found) ? found : []),
      (thrown: unknown) => {
        const error = toAppError(thrown);
        if (error.kind === "locked" && onLocked) onLocked(error);
      },
    );
  }, [onLocked]);

  useEffect(() => {
    if (allowed) load();
  }, [allowed, load]);

  if (!allowed) {
    return <p className="body">Only officers and admins can see the breach register.</p>;
  }

  const set =
    <K extends keyof Draft>(field: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [field]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = draft as BreachInput;
    const target = editing;
    const done = await form.run(() =>
      target && target !== "new" ? updateBreach(target.id, input) : recordBreach(input),
    );
    if (done.ok) {
      notify(target === "new" ? "The breach has been recorded." : "The breach has been updated.");
      setEditing(null);
      load();
    }
  }

  if (editing) {
    const isNew = editing === "new";
    return (
      <section aria-labelledby="breach-form-heading">
        <h2 className="heading-m" id="breach-form-heading">
          {isNew ? "Record a data breach" : "Update a data breach"}
        </h2>
        <ErrorSummary
          error={form.error}
          fieldOrder={FIELDS}
          anchors={ANCHORS}
          summaryRef={form.summaryRef}
        />
        <form onSubmit={submit} noValidate>
          <TextField
            name="happenedOn"
            label="Date it happened"
            hint="For example, 21/11/2026"
            value={draft.happenedOn}
            onChange={set("happenedOn")}
            error={form.errorFor("happenedOn")}
            width="width-10"
          />
          <TextField
            name="happenedTime"
            label="Time it happened"
            hint="24-hour clock, UK time, for example 14:30"
            value={draft.happenedTime}
            onChange={set("happenedTime")}
            error={form.errorFor("happenedTime")}
            width="width-5"
          />
          <TextField
            name="discoveredOn"
            label="Date it was discovered"
            hint="The 72 hours to tell the ICO count from here"
            value={draft.discoveredOn}
            onChange={set("discoveredOn")}
            error={form.errorFor("discoveredOn")}
            width="width-10"
          />
          <TextField
            name="discoveredTime"
            label="Time it was discovered"
            hint="24-hour clock, UK time"
            value={draft.discoveredTime}
            onChange={set("discoveredTime")}
            error={form.errorFor("discoveredTime")}
            width="width-5"
          />
          <TextArea
            name="whatHappened"
            label="What happened"
            value={draft.whatHappened}
            onChange={set("whatHappened")}
            error={form.errorFor("whatHappened")}
          />
          <TextArea
            name="dataAffected"
            label="What data was affected"
            hint="For example, e-mail addresses; children's needs"
            value={draft.dataAffected}
            onChange={set("dataAffected")}
            error={form.errorFor("dataAffected")}
          />
          <TextField
            name="peopleAffectedCount"
            label="How many people were affected (if known)"
            value={draft.peopleAffectedCount}
            onChange={set("peopleAffectedCount")}
            error={form.errorFor("peopleAffectedCount")}
            inputMode="numeric"
            width="width-5"
          />
          <TextArea
            name="peopleAffected"
            label="Who was affected"
            hint="For example, members on the May newsletter list"
            value={draft.peopleAffected}
            onChange={set("peopleAffected")}
            error={form.errorFor("peopleAffected")}
          />
          <RadioGroup<RiskLevel>
            name="riskLevel"
            idPrefix="riskLevel"
            legend="The risk to the people affected"
            options={(Object.keys(RISK_LABELS) as RiskLevel[]).map((value) => ({
              value,
              label: RISK_LABELS[value],
            }))}
            value={draft.riskLevel ?? ""}
            onChange={set("riskLevel")}
            error={form.errorFor("riskLevel")}
          />
          <TextArea
            name="riskAssessment"
            label="Why you think so"
            value={draft.riskAssessment}
            onChange={set("riskAssessment")}
            error={form.errorFor("riskAssessment")}
          />
          <RadioGroup<"yes" | "no">
            name="reportable"
            idPrefix="reportable"
            legend="Must it be reported to the ICO?"
            hint="Yes, unless it is unlikely to put anyone at risk"
            options={[
              { value: "yes", label: "Yes" },
              { value: "no", label: "No" },
            ]}
            value={draft.reportable === null ? "" : draft.reportable ? "yes" : "no"}
            onChange={(v) => set("reportable")(v === "yes")}
            error={form.errorFor("reportable")}
          />
          {draft.reportable === false && (
            <TextArea
              name="notReportableReason"
              label="Why it does not need reporting"
              value={draft.notReportableReason}
              onChange={set("notReportableReason")}
              error={form.errorFor("notReportableReason")}
            />
          )}
          {draft.reportable === true && (
            <>
              <TextField
                name="reportedOn"
                label="Date reported to the ICO (leave blank if not yet)"
                value={draft.reportedOn}
                onChange={set("reportedOn")}
                error={form.errorFor("reportedOn")}
                width="width-10"
              />
              <TextField
                name="reportedTime"
                label="Time reported"
                value={draft.reportedTime}
                onChange={set("reportedTime")}
                error={form.errorFor("reportedTime")}
                width="width-5"
              />
              <TextField
                name="icoReference"
                label="ICO reference (if given)"
                value={draft.icoReference}
                onChange={set("icoReference")}
                error={form.errorFor("icoReference")}
              />
            </>
          )}
          <RadioGroup<IndividualsTold>
            name="individualsTold"
            idPrefix="individualsTold"
            legend="Were the people affected told?"
            hint="They must be told without delay if the risk is high"
            options={[
              { value: "not_yet", label: "Not yet" },
              { value: "yes", label: "Yes" },
              { value: "no", label: "No, and they will not be" },
            ]}
            value={draft.individualsTold ?? ""}
            onChange={set("individualsTold")}
            error={form.errorFor("individualsTold")}
          />
          {draft.individualsTold === "yes" && (
            <TextField
              name="individualsToldOn"
              label="Date they were told"
              value={draft.individualsToldOn}
              onChange={set("individualsToldOn")}
              error={form.errorFor("individualsToldOn")}
              width="width-10"
            />
          )}
          {draft.individualsTold === "no" && (
            <TextArea
              name="individualsNotToldReason"
              label="Why they will not be told"
              value={draft.individualsNotToldReason}
              onChange={set("individualsNotToldReason")}
              error={form.errorFor("individualsNotToldReason")}
            />
          )}
          <TextArea
            name="actionsTaken"
            label="What has been done (optional)"
            value={draft.actionsTaken}
            onChange={set("actionsTaken")}
            error={form.errorFor("actionsTaken")}
          />
          <TextArea
            name="lessonsLearned"
            label="Lessons learned (optional)"
            value={draft.lessonsLearned}
            onChange={set("lessonsLearned")}
            error={form.errorFor("lessonsLearned")}
          />
          {!isNew && (
            <RadioGroup<BreachStatus>
              name="status"
              idPrefix="status"
              legend="Status"
              options={[
                { value: "open", label: "Open" },
                { value: "closed", label: "Closed: dealt with" },
              ]}
              value={draft.status ?? "open"}
              onChange={set("status")}
              error={form.errorFor("status")}
            />
          )}
          <FormButtons
            submitLabel={isNew ? "Record the breach" : "Save changes"}
            busy={form.busy}
            onCancel={() => setEditing(null)}
          />
        </form>
      </section>
    );
  }

  return (
    <section aria-labelledby="breaches-heading">
      <h2 className="heading-m" id="breaches-heading">
        Breach register
      </h2>
      <p className="body">
        Record every personal data breach here, even one that need not be reported.
      </p>
      <button
        type="button"
        className="button"
        data-testid="record-breach"
        onClick={() => {
          setDraft(blank());
          setEditing("new");
        }}
      >
        Record a breach
      </button>
      {breaches && breaches.length === 0 && <p className="body">No breaches have been recorded.</p>}
      {breaches && breaches.length > 0 && (
        <div className="table-wrapper">
          <table className="table" data-testid="breaches-table">
            <caption className="visually-hidden">Breaches, most recently discovered first</caption>
            <thead>
              <tr>
                <th scope="col">Discovered</th>
                <th scope="col">What happened</th>
                <th scope="col">Risk</th>
                <th scope="col">ICO</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {breaches.map((b) => (
                <tr key={b.id}>
                  <td>{when(b.discoveredAt)}</td>
                  <td>{b.whatHappened.split("\n")[0]}</td>
                  <td>{RISK_LABELS[b.riskLevel]}</td>
                  <td>
                    {!b.reportable
                      ? "Not reportable"
                      : b.reportedAt
                        ? `Reported ${when(b.reportedAt)}`
                        : `Report by ${when(b.icoDeadline)}`}
                  </td>
                  <td>{b.status === "open" ? "Open" : "Closed"}</td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Update the breach discovered ${when(b.discoveredAt)}`}
                      onClick={() => {
                        setDraft(fromBreach(b));
                        setEditing(b);
                      }}
                    >
                      Update
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
