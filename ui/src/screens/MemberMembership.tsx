import { type FormEvent, useState } from "react";
import {
  approveMembership,
  lapseMembership,
  recordLeaving,
  rejoinMembership,
  renewMembership,
} from "../backend";
import type { MemberRecord } from "../bindings/MemberRecord";
import type { MembershipEvent } from "../bindings/MembershipEvent";
import type { MembershipEventKind } from "../bindings/MembershipEventKind";
import type { MembershipStatus } from "../bindings/MembershipStatus";
import { ErrorSummary } from "../components/ErrorSummary";
import { PageHeading } from "../components/PageHeading";
import { SummaryList } from "../components/SummaryList";
import { TextArea } from "../components/TextArea";
import { TextField } from "../components/TextField";
import { formatDate, MEMBER_TYPE_LABELS, memberName, STATUS_LABELS } from "../members/labels";
import { usePageTitle } from "../pageTitle";
import { useForm } from "../useForm";

export type MembershipAction = "approve" | "renew" | "lapse" | "leave" | "rejoin";

/** The changes the core allows from each status, in the order the buttons are shown. */
export function allowedActions(status: MembershipStatus): MembershipAction[] {
  switch (status) {
    case "applicant":
      return ["approve", "leave"];
    case "active":
    case "renewal_due":
      return ["renew", "lapse", "leave"];
    case "lapsed":
      return ["rejoin", "leave"];
    case "left":
      return ["rejoin"];
  }
}

const EVENT_LABELS: Record<MembershipEventKind, string> = {
  joined: "Joined",
  renewed: "Renewed",
  lapsed: "Lapsed",
  left: "Left",
  rejoined: "Rejoined",
};

const MAX_REASON = 2000;

type ActionWords = {
  button: string;
  heading: (name: string) => string;
  dateLabel: string;
  dateHint: string;
  submit: string;
  done: (name: string, record: MemberRecord) => string;
};

const BLANK_IS_TODAY = "For example 27/03/2025. Leave it blank for today.";

const ACTIONS: Record<MembershipAction, ActionWords> = {
  approve: {
    button: "Approve membership",
    heading: (name) => `Approve ${name}'s membership`,
    dateLabel: "Date their membership starts",
    dateHint: `${BLANK_IS_TODAY} Their first renewal is one renewal period after this date.`,
    submit: "Approve membership",
    done: (name, record) =>
      `${name} is now an active member. Their renewal is due on ${formatDate(record.membership?.renewalDueOn)}.`,
  },
  renew: {
    button: "Renew membership",
    heading: (name) => `Renew ${name}'s membership`,
    dateLabel: "Date they renewed",
    dateHint: `${BLANK_IS_TODAY} If they renew before their renewal date, they keep the time they had left.`,
    submit: "Renew membership",
    done: (name, record) =>
      `${name}'s membership has been renewed. The next renewal is due on ${formatDate(record.membership?.renewalDueOn)}.`,
  },
  lapse: {
    button: "Mark as lapsed",
    heading: (name) => `Mark ${name}'s membership as lapsed`,
    dateLabel: "Date their membership lapsed",
    dateHint: `${BLANK_IS_TODAY} They can rejoin at any time.`,
    submit: "Mark as lapsed",
    done: (name) => `${name}'s membership is now lapsed.`,
  },
  leave: {
    button: "Record leaving",
    heading: (name) => `Record that ${name} has left the forum`,
    dateLabel: "Date they left",
    dateHint: BLANK_IS_TODAY,
    submit: "Record leaving",
    done: (name) => `${name} has been recorded as having left the forum.`,
  },
  rejoin: {
    button: "Rejoin",
    heading: (name) => `Rejoin ${name} to the forum`,
    dateLabel: "Date they rejoined",
    dateHint: `${BLANK_IS_TODAY} Their next renewal is one renewal period after this date.`,
    submit: "Rejoin",
    done: (name, record) =>
      `${name} is an active member again. Their renewal is due on ${formatDate(record.membership?.renewalDueOn)}.`,
  },
};

type MembershipTabProps = {
  record: MemberRecord;
  history: MembershipEvent[] | null;
  onAction: (action: MembershipAction) => void;
};

/** Where the membership stands, the changes that can be made from here, and its history. */
export function MembershipTab({ record, history, onAction }: MembershipTabProps) {
  const m = record.membership;
  if (!m) {
    return (
      <>
        <h2 className="heading-m heading-m--tab">Membership</h2>
        <p className="body">There is no membership recorded for this person.</p>
      </>
    );
  }
  const current = m.status !== "lapsed" && m.status !== "left";
  return (
    <>
      <h2 className="heading-m heading-m--tab">Membership</h2>
      <SummaryList
        rows={[
          ["Type of member", MEMBER_TYPE_LABELS[m.memberType]],
          [
            "Status",
            <span key="status" data-testid="membership-status">
              {STATUS_LABELS[m.status]}
            </span>,
          ],
          [m.status === "applicant" ? "Applied" : "Joined", formatDate(m.joinedOn)],
          ...(current ? ([["Renewal due", formatDate(m.renewalDueOn)]] as const) : []),
          ...(m.status === "left"
            ? ([
                ["Left", formatDate(m.leftOn)],
                [
                  "Reason for leaving",
                  m.leavingReason && (
                    <span className="notes" data-testid="leaving-reason">
                      {m.leavingReason}
                    </span>
                  ),
                ],
              ] as const)
            : []),
          ["Recruited by", m.recruitmentSource],
          ["Record added", record.source === "entered" ? "Typed in ForumDesk" : record.source],
        ]}
      />
      <div className="button-group" data-testid="membership-actions">
        {allowedActions(m.status).map((action, index) => (
          <button
            key={action}
            type="button"
            className={index === 0 ? "button" : "button button--secondary"}
            data-testid={`membership-${action}`}
            onClick={() => onAction(action)}
          >
            {ACTIONS[action].button}
          </button>
        ))}
      </div>
      <MembershipHistory history={history} />
    </>
  );
}

function MembershipHistory({ history }: { history: MembershipEvent[] | null }) {
  if (history === null) return <p className="body">Loading the history…</p>;
  if (history.length === 0) {
    return (
      <>
        <h3 className="heading-s">History</h3>
        <p className="body">No changes to this membership have been recorded.</p>
      </>
    );
  }
  return (
    <div className="table-wrapper">
      <table className="table table--words" data-testid="membership-history">
        <caption className="table__caption table__caption--m">History</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">What happened</th>
            <th scope="col">Reason</th>
            <th scope="col">Recorded by</th>
          </tr>
        </thead>
        <tbody>
          {history.map((event) => (
            <tr key={event.id}>
              <td>{formatDate(event.onDate)}</td>
              <td>{EVENT_LABELS[event.kind]}</td>
              <td>{event.reason && <span className="notes">{event.reason}</span>}</td>
              <td>{event.recordedBy ?? "ForumDesk, automatically"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type MembershipChangeProps = {
  record: MemberRecord;
  action: MembershipAction;
  onDone: (record: MemberRecord, message: string) => void;
  onCancel: () => void;
};

/** One lifecycle change as a form: the date it took effect and, for leaving, why. */
export function MembershipChange({ record, action, onDone, onCancel }: MembershipChangeProps) {
  const words = ACTIONS[action];
  const name = memberName(record);
  const [onDate, setOnDate] = useState("");
  const [reason, setReason] = useState("");
  const form = useForm();
  const title = words.heading(name);
  usePageTitle(title, form.error !== null);
  const fields = action === "leave" ? (["onDate", "reason"] as const) : (["onDate"] as const);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { onDate: onDate.trim() };
    const result = await form.run(() => {
      switch (action) {
        case "approve":
          return approveMembership(record.id, input);
        case "renew":
          return renewMembership(record.id, input);
        case "lapse":
          return lapseMembership(record.id, input);
        case "leave":
          return recordLeaving(record.id, { ...input, reason });
        case "rejoin":
          return rejoinMembership(record.id, input);
      }
    });
    if (result.ok) onDone(result.value, words.done(memberName(result.value), result.value));
  }

  return (
    <>
      <PageHeading>{title}</PageHeading>
      <ErrorSummary error={form.error} fieldOrder={fields} summaryRef={form.summaryRef} />
      <form onSubmit={submit} noValidate>
        <TextField
          name="onDate"
          label={words.dateLabel}
          hint={words.dateHint}
          value={onDate}
          onChange={setOnDate}
          error={form.errorFor("onDate")}
          autoComplete="off"
          spellCheck={false}
          width="width-10"
        />
        {action === "leave" && (
          <TextArea
            name="reason"
            label="Why did they leave?"
            hint={`For example, their child has left education, or they have moved away. Up to ${MAX_REASON} characters.`}
            value={reason}
            onChange={setReason}
            error={form.errorFor("reason")}
            rows={5}
          />
        )}
        <div className="button-group">
          <button type="submit" className="button" data-testid="submit" aria-disabled={form.busy}>
            {words.submit}
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
      </form>
    </>
  );
}
