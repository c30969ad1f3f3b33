import { type FormEvent, useCallback, useContext, useEffect, useState } from "react";
import {
  ATTENDANCE_LABELS,
  ATTENDANCE_OPTIONS,
  dayFirst,
  recentQuarters,
} from "../activities/labels";
import {
  addSeat,
  archiveBody,
  bodyAttendance,
  endSeat,
  listBodies,
  listBodyMeetings,
  listSeats,
  recordBodyMeeting,
  saveBody,
} from "../backend";
import type { AppError } from "../bindings/AppError";
import type { Attendance } from "../bindings/Attendance";
import type { Body } from "../bindings/Body";
import type { BodyAttendance } from "../bindings/BodyAttendance";
import type { BodyMeeting } from "../bindings/BodyMeeting";
import type { Seat } from "../bindings/Seat";
import type { SessionInfo } from "../bindings/SessionInfo";
import { Checkbox } from "../components/Checkbox";
import { ErrorSummary } from "../components/ErrorSummary";
import { PageHeading } from "../components/PageHeading";
import { RadioGroup } from "../components/RadioGroup";
import { SelectField } from "../components/SelectField";
import { TextArea } from "../components/TextArea";
import { TextField } from "../components/TextField";
import { LockContext, useNotify } from "../context";
import { toAppError } from "../errors";
import { formatDate } from "../members/labels";
import { usePageTitle } from "../pageTitle";
import { canManageEvidence } from "../roles";
import { useForm } from "../useForm";
import { PersonPicker } from "./GroupActions";

type Mode =
  | { name: "page" }
  | { name: "meeting" }
  | { name: "body"; body: Body | null }
  | { name: "archive"; body: Body }
  | { name: "seat" }
  | { name: "end-seat"; seat: Seat };

const DATE_HINT = "For example 27/03/2026.";

/**
 * Where the forum is represented: attendance by body for a quarter, the meetings behind it,
 * the bodies and who holds the forum's seats. Volunteers record meetings; officers manage
 * the bodies and seats.
 */
export function Representation({ session, onBack }: { session: SessionInfo; onBack: () => void }) {
  const [mode, setMode] = useState<Mode>({ name: "page" });
  // Kept here so returning from a form shows the same quarter.
  const [quarters] = useState(() => recentQuarters(new Date()));
  const [period, setPeriod] = useState(0);
  const notify = useNotify();
  const back = () => {
    notify(null);
    setMode({ name: "page" });
  };
  const done = (message: string) => {
    setMode({ name: "page" });
    notify(message);
  };

  switch (mode.name) {
    case "meeting":
      return <MeetingForm onDone={done} onCancel={back} />;
    case "body":
      return <BodyForm body={mode.body} onDone={done} onCancel={back} />;
    case "archive":
      return <ArchiveBody body={mode.body} onDone={done} onCancel={back} />;
    case "seat":
      return <SeatForm onDone={done} onCancel={back} />;
    case "end-seat":
      return <EndSeat seat={mode.seat} onDone={done} onCancel={back} />;
    case "page":
      break;
  }
  return (
    <RepresentationPage
      manage={canManageEvidence(session.role)}
      quarters={quarters}
      period={period}
      onPeriod={setPeriod}
      onGo={(next) => {
        notify(null);
        setMode(next);
      }}
      onBack={onBack}
    />
  );
}

type PageProps = {
  manage: boolean;
  quarters: ReturnType<typeof recentQuarters>;
  period: number;
  onPeriod: (index: number) => void;
  onGo: (mode: Mode) => void;
  onBack: () => void;
};

function useLoadFailure() {
  const onLocked = useContext(LockContext);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const failed = useCallback(
    (thrown: unknown) => {
      const error = toAppError(thrown);
      if (error.kind === "locked" && onLocked) onLocked(error);
      else setLoadError(error);
    },
    [onLocked],
  );
  return { loadError, failed };
}

function RepresentationPage({ manage, quarters, period, onPeriod, onGo, onBack }: PageProps) {
  usePageTitle("Representation");
  const { loadError, failed } = useLoadFailure();
  const [attendance, setAttendance] = useState<BodyAttendance[] | null>(null);
  const [meetings, setMeetings] = useState<BodyMeeting[]>([]);
  const [bodies, setBodies] = useState<Body[]>([]);
  const [seats, setSeats] = useState<Seat[]>([]);
  const quarter = quarters[period] ?? quarters[0];

  useEffect(() => {
    listBodies().then(setBodies, failed);
    listSeats().then(setSeats, failed);
  }, [failed]);

  useEffect(() => {
    if (!quarter) return;
    bodyAttendance(quarter.from, quarter.to).then(setAttendance, failed);
    listBodyMeetings(quarter.from, quarter.to).then(setMeetings, failed);
  }, [quarter, failed]);

  return (
    <>
      <PageHeading>Representation</PageHeading>
      {loadError && (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">Representation could not be shown</h2>
          <p className="error-summary__message">{loadError.message}</p>
        </div>
      )}
      <p className="body">
        The bodies where the forum holds seats, who holds them, and whether the forum was at each
        meeting with its papers 5 working days ahead (protocol §4.1).
      </p>
      <div className="button-group">
        <button
          type="button"
          className="button"
          data-testid="record-meeting"
          onClick={() => onGo({ name: "meeting" })}
        >
          Record a meeting
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="back"
          onClick={onBack}
        >
          Back to activities
        </button>
      </div>

      <h2 className="heading-m">Attendance</h2>
      <SelectField
        name="period"
        label="Quarter"
        hint="Grant years run from April to March."
        emptyLabel="Choose a quarter"
        options={quarters.map((q, index) => ({ value: String(index), label: q.label }))}
        value={String(period)}
        onChange={(value) => value !== "" && onPeriod(Number(value))}
      />
      {attendance && (
        <div className="table-wrapper">
          <table className="table" data-testid="attendance-table">
            <caption className="table__caption">Attendance by body, {quarter?.label}</caption>
            <thead>
              <tr>
                <th scope="col">Body</th>
                <th scope="col">Meetings</th>
                <th scope="col">Attended</th>
                <th scope="col">Apologies</th>
                <th scope="col">Not represented</th>
                <th scope="col">Attendance</th>
                <th scope="col">Papers on time</th>
              </tr>
            </thead>
            <tbody>
              {attendance.map((row) => (
                <tr key={row.bodyId}>
                  <th scope="row">{row.bodyName}</th>
                  <td>{row.meetings}</td>
                  <td>{row.attended}</td>
                  <td>{row.apologies}</td>
                  <td>{row.notRepresented}</td>
                  <td>
                    {row.attendancePercent === null ? "No meetings" : `${row.attendancePercent}%`}
                  </td>
                  <td>{row.meetings > 0 ? `${row.papersOnTime} of ${row.meetings}` : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 className="heading-s">Meetings in the quarter</h3>
      {meetings.length === 0 ? (
        <p className="body">No meetings are recorded for this quarter.</p>
      ) : (
        <div className="table-wrapper">
          <table className="table" data-testid="meetings-table">
            <caption className="table__caption visually-hidden">Meetings in the quarter</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Body</th>
                <th scope="col">The forum</th>
                <th scope="col">Papers received</th>
                <th scope="col">5 working days ahead</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((meeting) => (
                <tr key={meeting.id}>
                  <td>{formatDate(meeting.heldOn)}</td>
                  <td>{meeting.bodyName}</td>
                  <td>{ATTENDANCE_LABELS[meeting.attendance]}</td>
                  <td>
                    {meeting.papersReceivedOn
                      ? formatDate(meeting.papersReceivedOn)
                      : "Not recorded"}
                  </td>
                  <td>{meeting.papersOnTime ? "Yes" : "No"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 className="heading-m">Seats</h2>
      {manage && (
        <button
          type="button"
          className="button button--secondary"
          data-testid="add-seat"
          onClick={() => onGo({ name: "seat" })}
        >
          Add a seat holder
        </button>
      )}
      {seats.length === 0 ? (
        <p className="body">No seats are recorded.</p>
      ) : (
        <div className="table-wrapper">
          <table className="table" data-testid="seats-table">
            <caption className="table__caption visually-hidden">Seats</caption>
            <thead>
              <tr>
                <th scope="col">Body</th>
                <th scope="col">Holder</th>
                <th scope="col">Role</th>
                <th scope="col">From</th>
                <th scope="col">Until</th>
                {manage && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {seats.map((seat) => (
                <tr key={seat.id}>
                  <td>{seat.bodyName}</td>
                  <td>{seat.holder}</td>
                  <td>{seat.role}</td>
                  <td>{formatDate(seat.fromOn)}</td>
                  <td>{formatDate(seat.untilOn)}</td>
                  {manage && (
                    <td>
                      {!seat.untilOn && (
                        <button
                          type="button"
                          className="link-button"
                          data-testid="end-seat"
                          onClick={() => onGo({ name: "end-seat", seat })}
                        >
                          End
                          <span className="visually-hidden">
                            {" "}
                            {seat.holder}'s seat on {seat.bodyName}
                          </span>
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 className="heading-m">Bodies</h2>
      {manage && (
        <button
          type="button"
          className="button button--secondary"
          data-testid="add-body"
          onClick={() => onGo({ name: "body", body: null })}
        >
          Add a body
        </button>
      )}
      <div className="table-wrapper">
        <table className="table" data-testid="bodies-table">
          <caption className="table__caption visually-hidden">Bodies</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Co-chaired by the forum</th>
              <th scope="col">Status</th>
              {manage && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {bodies.map((body) => (
              <tr key={body.id}>
                <td>{body.name}</td>
                <td>{body.forumChairs ? "Yes" : "No"}</td>
                <td>{body.archived ? "Archived" : "Current"}</td>
                {manage && (
                  <td>
                    {!body.archived && (
                      <>
                        <button
                          type="button"
                          className="link-button"
                          data-testid="rename-body"
                          onClick={() => onGo({ name: "body", body })}
                        >
                          Rename<span className="visually-hidden"> {body.name}</span>
                        </button>{" "}
                        <button
                          type="button"
                          className="link-button"
                          data-testid="archive-body"
                          onClick={() => onGo({ name: "archive", body })}
                        >
                          Archive<span className="visually-hidden"> {body.name}</span>
                        </button>
                      </>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

type FormProps = { onDone: (message: string) => void; onCancel: () => void };

function Buttons({
  submit,
  busy,
  onCancel,
}: {
  submit: string;
  busy: boolean;
  onCancel: () => void;
}) {
  return (
    <div className="button-group">
      <button type="submit" className="button" data-testid="submit" aria-disabled={busy}>
        {submit}
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
  );
}

function useBodies(fail: (error: AppError) => void) {
  const onLocked = useContext(LockContext);
  const [bodies, setBodies] = useState<Body[]>([]);
  useEffect(() => {
    listBodies().then(
      (all) => setBodies(all.filter((body) => !body.archived)),
      (thrown: unknown) => {
        const error = toAppError(thrown);
        if (error.kind === "locked" && onLocked) onLocked(error);
        else fail(error);
      },
    );
  }, [fail, onLocked]);
  return bodies.map((body) => ({ value: body.id, label: body.name }));
}

function MeetingForm({ onDone, onCancel }: FormProps) {
  const form = useForm();
  const bodies = useBodies(form.fail);
  const [bodyId, setBodyId] = useState("");
  const [heldOn, setHeldOn] = useState(() => dayFirst(new Date()));
  const [attendance, setAttendance] = useState<Attendance | "">("");
  const [papersReceivedOn, setPapersReceivedOn] = useState("");
  const [notes, setNotes] = useState("");
  usePageTitle("Record a meeting", form.error !== null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await form.run(() =>
      recordBodyMeeting({
        bodyId,
        heldOn,
        attendance: attendance === "" ? null : attendance,
        papersReceivedOn,
        notes,
      }),
    );
    if (result.ok) {
      const meeting = result.value;
      onDone(
        `The ${meeting.bodyName} meeting on ${formatDate(meeting.heldOn)} has been recorded. ` +
          (meeting.papersOnTime
            ? "The papers came 5 working days ahead."
            : "The papers did not come 5 working days ahead."),
      );
    }
  }

  return (
    <>
      <PageHeading>Record a meeting</PageHeading>
      <ErrorSummary
        error={form.error}
        fieldOrder={["bodyId", "heldOn", "attendance", "papersReceivedOn", "notes"]}
        anchors={{ attendance: "attendance-attended" }}
        summaryRef={form.summaryRef}
      />
      <form onSubmit={submit} noValidate>
        <SelectField
          name="bodyId"
          label="Body"
          emptyLabel="Choose the body"
          options={bodies}
          value={bodyId}
          onChange={setBodyId}
          error={form.errorFor("bodyId")}
        />
        <TextField
          name="heldOn"
          label="Date of the meeting"
          hint={DATE_HINT}
          value={heldOn}
          onChange={setHeldOn}
          error={form.errorFor("heldOn")}
          autoComplete="off"
          spellCheck={false}
          width="width-10"
        />
        <RadioGroup
          name="attendance"
          idPrefix="attendance"
          legend="Was the forum there?"
          options={ATTENDANCE_OPTIONS}
          value={attendance}
          onChange={setAttendance}
          error={form.errorFor("attendance")}
        />
        <TextField
          name="papersReceivedOn"
          label="When did the papers arrive? (optional)"
          hint="The protocol asks for them 5 working days before the meeting."
          value={papersReceivedOn}
          onChange={setPapersReceivedOn}
          error={form.errorFor("papersReceivedOn")}
          autoComplete="off"
          spellCheck={false}
          width="width-10"
        />
        <TextArea
          name="notes"
          label="Notes (optional)"
          value={notes}
          onChange={setNotes}
          error={form.errorFor("notes")}
        />
        <Buttons submit="Record the meeting" busy={form.busy} onCancel={onCancel} />
      </form>
    </>
  );
}

function BodyForm({ body, onDone, onCancel }: FormProps & { body: Body | null }) {
  const form = useForm();
  const [name, setName] = useState(body?.name ?? "");
  const [forumChairs, setForumChairs] = useState(body?.forumChairs ?? false);
  const title = body ? `Rename ${body.name}` : "Add a body";
  usePageTitle(body ? "Rename a body" : title, form.error !== null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await form.run(() => saveBody(body?.id ?? null, { name, forumChairs }));
    if (result.ok)
      onDone(
        body ? `${result.value.name} has been saved.` : `${result.value.name} has been added.`,
      );
  }

  return (
    <>
      <PageHeading>{title}</PageHeading>
      <ErrorSummary
        error={form.error}
        fieldOrder={["name", "forumChairs"]}
        summaryRef={form.summaryRef}
      />
      <form onSubmit={submit} noValidate>
        <TextField
          name="name"
          label="Name of the body"
          value={name}
          onChange={setName}
          error={form.errorFor("name")}
          autoComplete="off"
        />
        <Checkbox
          name="forumChairs"
          label="The forum co-chairs it"
          checked={forumChairs}
          onChange={setForumChairs}
          error={form.errorFor("forumChairs")}
        />
        <Buttons
          submit={body ? "Save the name" : "Add the body"}
          busy={form.busy}
          onCancel={onCancel}
        />
      </form>
    </>
  );
}

function ArchiveBody({ body, onDone, onCancel }: FormProps & { body: Body }) {
  const form = useForm();
  usePageTitle(`Archive ${body.name}`, form.error !== null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await form.run(() => archiveBody(body.id));
    if (result.ok) onDone(`${body.name} has been archived. Its meetings and seats are kept.`);
  }
  return (
    <>
      <PageHeading>Archive {body.name}?</PageHeading>
      <ErrorSummary error={form.error} fieldOrder={[]} summaryRef={form.summaryRef} />
      <p className="body">
        It will no longer be offered for new meetings or seats. Its past meetings still count in the
        attendance figures.
      </p>
      <form onSubmit={submit} noValidate>
        <Buttons submit="Yes, archive it" busy={form.busy} onCancel={onCancel} />
      </form>
    </>
  );
}

function SeatForm({ onDone, onCancel }: FormProps) {
  const form = useForm();
  const bodies = useBodies(form.fail);
  const [bodyId, setBodyId] = useState("");
  const [personId, setPersonId] = useState("");
  const [role, setRole] = useState("");
  const [fromOn, setFromOn] = useState("");
  const [untilOn, setUntilOn] = useState("");
  usePageTitle("Add a seat holder", form.error !== null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await form.run(() => addSeat({ bodyId, personId, role, fromOn, untilOn }));
    if (result.ok) onDone(`${result.value.holder} now holds a seat on ${result.value.bodyName}.`);
  }

  return (
    <>
      <PageHeading>Add a seat holder</PageHeading>
      <ErrorSummary
        error={form.error}
        fieldOrder={["bodyId", "personId", "role", "fromOn", "untilOn"]}
        anchors={{ personId: "personSearch" }}
        summaryRef={form.summaryRef}
      />
      <form onSubmit={submit} noValidate>
        <SelectField
          name="bodyId"
          label="Body"
          emptyLabel="Choose the body"
          options={bodies}
          value={bodyId}
          onChange={setBodyId}
          error={form.errorFor("bodyId")}
        />
        <PersonPicker value={personId} onChange={setPersonId} error={form.errorFor("personId")} />
        <TextField
          name="role"
          label="Their role on the body"
          hint="For example representative, deputy or co-chair."
          value={role}
          onChange={setRole}
          error={form.errorFor("role")}
          autoComplete="off"
          width="width-20"
        />
        <TextField
          name="fromOn"
          label="From"
          hint="For example 01/04/2026. Leave it blank for today."
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
          hint="Leave it blank while they hold the seat."
          value={untilOn}
          onChange={setUntilOn}
          error={form.errorFor("untilOn")}
          autoComplete="off"
          spellCheck={false}
          width="width-10"
        />
        <Buttons submit="Add the seat holder" busy={form.busy} onCancel={onCancel} />
      </form>
    </>
  );
}

function EndSeat({ seat, onDone, onCancel }: FormProps & { seat: Seat }) {
  const form = useForm();
  const [untilOn, setUntilOn] = useState("");
  const title = `End ${seat.holder}'s seat on ${seat.bodyName}`;
  usePageTitle("End a seat", form.error !== null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await form.run(() => endSeat(seat.id, untilOn));
    if (result.ok) onDone(`${seat.holder}'s seat on ${seat.bodyName} has been ended.`);
  }
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <ErrorSummary error={form.error} fieldOrder={["untilOn"]} summaryRef={form.summaryRef} />
      <form onSubmit={submit} noValidate>
        <TextField
          name="untilOn"
          label="Last day in the seat"
          hint="For example 31/03/2026. Leave it blank for today."
          value={untilOn}
          onChange={setUntilOn}
          error={form.errorFor("untilOn")}
          autoComplete="off"
          spellCheck={false}
          width="width-10"
        />
        <Buttons submit="End the seat" busy={form.busy} onCancel={onCancel} />
      </form>
    </>
  );
}
