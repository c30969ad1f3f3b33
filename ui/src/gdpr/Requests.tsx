import { type FormEvent, useCallback, useContext, useEffect, useState } from "react";
import { MembersPicker } from "../activities/MembersPicker";
import {
  chooseSubjectAccessPath,
  closeDataRequest,
  dataRequestIdentityChecked,
  exportSubjectAccess,
  extendDataRequest,
  listDataRequests,
  pauseDataRequest,
  recordDataRequest,
  resumeDataRequest,
} from "../backend";
import type { DataRequest } from "../bindings/DataRequest";
import type { NamedRef } from "../bindings/NamedRef";
import type { RequestKind } from "../bindings/RequestKind";
import type { RequestStatus } from "../bindings/RequestStatus";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorSummary } from "../components/ErrorSummary";
import { FormButtons } from "../components/FormButtons";
import { RadioGroup } from "../components/RadioGroup";
import { SummaryList } from "../components/SummaryList";
import { TextArea } from "../components/TextArea";
import { TextField } from "../components/TextField";
import { LockContext, useNotify } from "../context";
import { toAppError } from "../errors";
import { useForm } from "../useForm";
import { KIND_LABELS, longDate, requestFrom, STATUS_LABELS, timeLeft } from "./labels";

type View = { kind: "list" } | { kind: "new" } | { kind: "request"; id: string };

/** The log of subject access and erasure requests, their deadlines and their steps. */
export function Requests({ session }: { session: SessionInfo }) {
  if (session.role !== "admin") {
    return (
      <p className="body" data-testid="requests-not-allowed">
        Only an admin can handle requests about people's data.
      </p>
    );
  }
  return <RequestsLog />;
}

function RequestsLog() {
  const [view, setView] = useState<View>({ kind: "list" });
  const [openOnly, setOpenOnly] = useState(true);
  const [requests, setRequests] = useState<DataRequest[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const onLocked = useContext(LockContext);

  const load = useCallback(() => {
    listDataRequests({ openOnly }).then(
      (found) => {
        setRequests(found);
        setLoadError(null);
      },
      (thrown: unknown) => {
        const error = toAppError(thrown);
        if (error.kind === "locked" && onLocked) onLocked(error);
        else setLoadError(error.message);
      },
    );
  }, [openOnly, onLocked]);

  useEffect(load, [load]);

  const replace = (changed: DataRequest) => {
    setRequests((list) => list?.map((r) => (r.id === changed.id ? changed : r)) ?? null);
  };

  if (view.kind === "new") {
    return (
      <RequestForm
        onCancel={() => setView({ kind: "list" })}
        onSaved={(saved) => {
          setView({ kind: "request", id: saved.id });
          setRequests((list) =>
            list ? [saved, ...list.filter((r) => r.id !== saved.id)] : [saved],
          );
        }}
      />
    );
  }
  if (view.kind === "request") {
    const request = requests?.find((r) => r.id === view.id);
    if (request) {
      return (
        <RequestPage
          request={request}
          onChanged={replace}
          onBack={() => {
            setView({ kind: "list" });
            load();
          }}
        />
      );
    }
  }

  return (
    <>
      <h2 className="heading-m">Requests about people's data</h2>
      <p className="body">
        A request must be answered within one calendar month of the day it arrived. You can extend
        that by up to two months for a complex request, and stop the clock while you wait for proof
        of identity or for them to say what they want.
      </p>
      <div className="button-group">
        <button
          type="button"
          className="button"
          data-testid="log-request"
          onClick={() => setView({ kind: "new" })}
        >
          Log a request
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="toggle-closed"
          onClick={() => setOpenOnly((v) => !v)}
        >
          {openOnly ? "Show closed requests too" : "Show open requests only"}
        </button>
      </div>
      {loadError && (
        <p className="body" role="alert">
          {loadError}
        </p>
      )}
      {requests && requests.length === 0 && (
        <p className="body" data-testid="no-requests">
          {openOnly ? "There are no open requests." : "No requests have been logged."}
        </p>
      )}
      {requests && requests.length > 0 && (
        <div className="table-wrapper">
          <table className="table table--words" data-testid="requests-table">
            <caption className="table__caption">
              {openOnly ? "Open requests, soonest deadline first" : "All requests"}
            </caption>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">Asking for</th>
                <th scope="col">Received</th>
                <th scope="col">Deadline</th>
                <th scope="col">Time left</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {requests.map((request) => (
                <tr key={request.id} data-testid="request-row">
                  <th scope="row">{requestFrom(request)}</th>
                  <td>{KIND_LABELS[request.kind]}</td>
                  <td>{longDate(request.receivedOn)}</td>
                  <td>{longDate(request.deadline)}</td>
                  <td data-testid="time-left">
                    {request.urgency === "overdue" ? (
                      <strong>{timeLeft(request)}</strong>
                    ) : (
                      timeLeft(request)
                    )}
                    {request.paused && " (clock stopped)"}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setView({ kind: "request", id: request.id })}
                      aria-label={`View the request from ${requestFrom(request)}`}
                    >
                      View
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

const KIND_OPTIONS = [
  { value: "access" as const, label: "A copy of their data", hint: "A subject access request" },
  { value: "erasure" as const, label: "Erasure of their data" },
];

function RequestForm({
  onCancel,
  onSaved,
}: {
  onCancel: () => void;
  onSaved: (request: DataRequest) => void;
}) {
  const { error, errorFor, run, busy, summaryRef } = useForm();
  const notify = useNotify();
  const [kind, setKind] = useState<RequestKind | "">("");
  const [person, setPerson] = useState<NamedRef[]>([]);
  const [requester, setRequester] = useState("");
  const [receivedOn, setReceivedOn] = useState("");
  const [checkedOn, setCheckedOn] = useState("");
  const [method, setMethod] = useState("");
  const [notes, setNotes] = useState("");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await run(() =>
      recordDataRequest({
        kind: kind === "" ? null : kind,
        personId: person[0]?.id ?? "",
        requester,
        receivedOn,
        identityCheckedOn: checkedOn,
        identityCheckMethod: method,
        notes,
      }),
    );
    if (result.ok) {
      notify(`The request from ${requestFrom(result.value)} has been logged.`);
      onSaved(result.value);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <h2 className="heading-m">Log a request</h2>
      <ErrorSummary
        error={error}
        summaryRef={summaryRef}
        fieldOrder={[
          "kind",
          "personId",
          "requester",
          "receivedOn",
          "identityCheckedOn",
          "identityCheckMethod",
          "notes",
        ]}
        anchors={{ kind: "kind-access", personId: "personIds" }}
      />
      <RadioGroup
        name="kind"
        idPrefix="kind"
        legend="What are they asking for?"
        options={KIND_OPTIONS}
        value={kind}
        onChange={setKind}
        error={errorFor("kind")}
      />
      <MembersPicker
        label="Whose data is it? Find them in the members list"
        chosen={person}
        onChange={(chosen) => setPerson(chosen.slice(-1))}
        error={errorFor("personId")}
      />
      <TextField
        name="requester"
        label="Or, who made the request"
        hint="When no record matches, or someone asks on another person's behalf: their name and how they contacted you"
        value={requester}
        onChange={setRequester}
        error={errorFor("requester")}
      />
      <TextField
        name="receivedOn"
        label="Date received"
        hint="For example, 14/11/2026. Leave blank for today"
        value={receivedOn}
        onChange={setReceivedOn}
        width="width-10"
        error={errorFor("receivedOn")}
      />
      <TextField
        name="identityCheckedOn"
        label="Date their identity was checked (optional)"
        hint="Leave blank if you have not checked it yet"
        value={checkedOn}
        onChange={setCheckedOn}
        width="width-10"
        error={errorFor("identityCheckedOn")}
      />
      <TextField
        name="identityCheckMethod"
        label="How their identity was checked (optional)"
        hint="For example, known to a volunteer, or photo ID seen"
        value={method}
        onChange={setMethod}
        error={errorFor("identityCheckMethod")}
      />
      <TextArea
        name="notes"
        label="Notes (optional)"
        value={notes}
        onChange={setNotes}
        error={errorFor("notes")}
      />
      <FormButtons submitLabel="Log the request" busy={busy} onCancel={onCancel} />
    </form>
  );
}

type Step = "identity" | "extend" | "pause" | "resume" | "close";

const STEP_TITLES: Record<Step, string> = {
  identity: "Record the identity check",
  extend: "Extend the deadline",
  pause: "Stop the clock",
  resume: "Restart the clock",
  close: "Close the request",
};

function RequestPage({
  request,
  onChanged,
  onBack,
}: {
  request: DataRequest;
  onChanged: (request: DataRequest) => void;
  onBack: () => void;
}) {
  const [step, setStep] = useState<Step | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const notify = useNotify();
  const onLocked = useContext(LockContext);
  const open = request.status === "open";
  const from = requestFrom(request);

  if (step) {
    return (
      <StepForm
        step={step}
        request={request}
        onCancel={() => setStep(null)}
        onDone={(changed) => {
          onChanged(changed);
          setStep(null);
        }}
      />
    );
  }

  const exportData = async () => {
    if (!request.personId) return;
    setExportError(null);
    try {
      const path = await chooseSubjectAccessPath(`subject-access-${request.receivedOn}`);
      if (!path) return;
      const written = await exportSubjectAccess(request.personId, request.id, path);
      notify(`Their data has been saved in ${written.folder}.`);
      onChanged({ ...request, exportedOn: new Date().toISOString().slice(0, 10) });
    } catch (thrown) {
      const error = toAppError(thrown);
      if (error.kind === "locked" && onLocked) onLocked(error);
      else setExportError(error.message);
    }
  };

  const pauses =
    request.pauses.length === 0 ? (
      ""
    ) : (
      <ul className="list">
        {request.pauses.map((p) => (
          <li key={p.id}>
            {longDate(p.fromOn)} to {p.untilOn ? longDate(p.untilOn) : "now"}: {p.reason}
          </li>
        ))}
      </ul>
    );

  return (
    <>
      <h2 className="heading-m">Request from {from}</h2>
      {exportError && (
        <p className="body" role="alert">
          {exportError}
        </p>
      )}
      <SummaryList
        rows={[
          ["Asking for", KIND_LABELS[request.kind]],
          ["Status", STATUS_LABELS[request.status]],
          ["Received", longDate(request.receivedOn)],
          ["Deadline", longDate(request.deadline)],
          ["Time left", timeLeft(request)],
          [
            "Identity checked",
            request.identityCheckedOn
              ? `${longDate(request.identityCheckedOn)}: ${request.identityCheckMethod ?? ""}`
              : "",
          ],
          [
            "Extension",
            request.extensionMonths > 0
              ? `${request.extensionMonths} month${request.extensionMonths === 1 ? "" : "s"}: ${request.extensionReason ?? ""}`
              : "",
          ],
          ["Clock stopped", pauses],
          ["Closed on", request.answeredOn ? longDate(request.answeredOn) : ""],
          ["Copy of their data saved", request.exportedOn ? longDate(request.exportedOn) : ""],
          ["Notes", request.notes ?? ""],
        ]}
      />
      {open && (
        <>
          <h3 className="heading-s">What has happened?</h3>
          <div className="button-group">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setStep("identity")}
            >
              Identity checked
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setStep("extend")}
            >
              Extend the deadline
            </button>
            {request.paused ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setStep("resume")}
              >
                Restart the clock
              </button>
            ) : (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setStep("pause")}
              >
                Stop the clock
              </button>
            )}
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setStep("close")}
            >
              Answered, refused or withdrawn
            </button>
          </div>
        </>
      )}
      {request.kind === "access" && request.personId && (
        <button type="button" className="button" data-testid="export-data" onClick={exportData}>
          Export their data
        </button>
      )}
      <p className="body">
        <button type="button" className="link-button" data-testid="back" onClick={onBack}>
          Back to the requests
        </button>
      </p>
    </>
  );
}

const CLOSE_OPTIONS = [
  { value: "answered" as const, label: "Answered" },
  { value: "refused" as const, label: "Refused", hint: "Say why in the note" },
  { value: "withdrawn" as const, label: "Withdrawn by the person" },
];

const MONTH_OPTIONS = [
  { value: "1" as const, label: "1 more month" },
  { value: "2" as const, label: "2 more months" },
];

function StepForm({
  step,
  request,
  onCancel,
  onDone,
}: {
  step: Step;
  request: DataRequest;
  onCancel: () => void;
  onDone: (request: DataRequest) => void;
}) {
  const { error, errorFor, run, busy, summaryRef } = useForm();
  const notify = useNotify();
  const [on, setOn] = useState("");
  const [text, setText] = useState("");
  const [months, setMonths] = useState<"1" | "2" | "">("");
  const [status, setStatus] = useState<RequestStatus | "">("");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const id = request.id;
    const result = await run(() => {
      switch (step) {
        case "identity":
          return dataRequestIdentityChecked(id, { on, method: text });
        case "extend":
          return extendDataRequest(id, {
            months: months === "" ? 0 : Number(months),
            reason: text,
          });
        case "pause":
          return pauseDataRequest(id, { on, reason: text });
        case "resume":
          return resumeDataRequest(id, { on, reason: "" });
        case "close":
          return closeDataRequest(id, { status: status === "" ? null : status, on, note: text });
      }
    });
    if (result.ok) {
      notify(`${STEP_TITLES[step]}: saved. The deadline is ${longDate(result.value.deadline)}.`);
      onDone(result.value);
    }
  };

  const textField = {
    identity: {
      name: "method",
      label: "How was their identity checked?",
      hint: "For example, photo ID seen",
    },
    extend: {
      name: "reason",
      label: "Why does it need longer?",
      hint: "For example, it is complex or one of several requests from them",
    },
    pause: {
      name: "reason",
      label: "Why is the clock stopped?",
      hint: "For example, waiting for proof of identity",
    },
    resume: null,
    close: { name: "note", label: "Note", hint: "Needed when the request is refused" },
  }[step];

  return (
    <form onSubmit={submit} noValidate>
      <h2 className="heading-m">
        {STEP_TITLES[step]}: request from {requestFrom(request)}
      </h2>
      <ErrorSummary
        error={error}
        summaryRef={summaryRef}
        fieldOrder={["status", "months", "on", "method", "reason", "note"]}
        anchors={{ status: "status-answered", months: "months-1" }}
      />
      {step === "close" && (
        <RadioGroup
          name="status"
          idPrefix="status"
          legend="What happened?"
          options={CLOSE_OPTIONS}
          value={status}
          onChange={setStatus}
          error={errorFor("status")}
        />
      )}
      {step === "extend" && (
        <RadioGroup
          name="months"
          idPrefix="months"
          legend="How much longer?"
          hint="The law allows up to two further months in all"
          options={MONTH_OPTIONS}
          value={months}
          onChange={setMonths}
          error={errorFor("months")}
        />
      )}
      {step !== "extend" && (
        <TextField
          name="on"
          label="Date"
          hint="For example, 14/11/2026. Leave blank for today"
          value={on}
          onChange={setOn}
          width="width-10"
          error={errorFor("on")}
        />
      )}
      {textField && (
        <TextArea
          name={textField.name}
          label={textField.label}
          hint={textField.hint}
          value={text}
          onChange={setText}
          rows={3}
          error={errorFor(textField.name)}
        />
      )}
      <FormButtons submitLabel="Save" busy={busy} onCancel={onCancel} />
    </form>
  );
}
