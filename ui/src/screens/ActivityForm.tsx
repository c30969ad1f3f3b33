import { type FormEvent, useContext, useEffect, useState } from "react";
import {
  dayFirst,
  hoursText,
  KIND_OPTIONS,
  LEVEL_OPTIONS,
  RUNG_OPTIONS,
} from "../activities/labels";
import { MembersPicker } from "../activities/MembersPicker";
import {
  createActivity,
  listBodies,
  listOrganisations,
  recordMeetingAttended,
  updateActivity,
} from "../backend";
import type { Activity } from "../bindings/Activity";
import type { ActivityInput } from "../bindings/ActivityInput";
import type { ActivityKind } from "../bindings/ActivityKind";
import type { Body } from "../bindings/Body";
import type { Level } from "../bindings/Level";
import type { NamedRef } from "../bindings/NamedRef";
import type { OrganisationSummary } from "../bindings/OrganisationSummary";
import type { Rung } from "../bindings/Rung";
import { CheckboxGroup } from "../components/CheckboxGroup";
import { ErrorSummary } from "../components/ErrorSummary";
import { FormButtons } from "../components/FormButtons";
import { PageHeading } from "../components/PageHeading";
import { RadioGroup } from "../components/RadioGroup";
import { SelectField } from "../components/SelectField";
import { TextArea } from "../components/TextArea";
import { TextField } from "../components/TextField";
import { LockContext } from "../context";
import { toAppError } from "../errors";
import { usePageTitle } from "../pageTitle";
import { useForm } from "../useForm";

const ACTIVITY_FIELDS = [
  "title",
  "kind",
  "startsOn",
  "endsOn",
  "level",
  "rung",
  "organisationIds",
  "personIds",
  "parentCarersEngaged",
  "volunteerHours",
  "topic",
  "youSaid",
  "weDid",
  "whatChanged",
  "loopClosedOn",
] as const;

const DATE_HINT = "For example 27/03/2026.";

type Draft = Omit<ActivityInput, "kind" | "level" | "rung" | "personIds"> & {
  kind: ActivityKind | "";
  level: Level | "";
  rung: Rung | "";
  people: NamedRef[];
};

function draftFrom(activity: Activity | null): Draft {
  return {
    title: activity?.title ?? "",
    kind: activity?.kind ?? "",
    startsOn: activity?.startsOn ?? "",
    endsOn: activity?.endsOn ?? "",
    level: activity?.level ?? "",
    rung: activity?.rung ?? "",
    organisationIds: activity?.organisations.map((org) => org.id) ?? [],
    people: activity?.people ?? [],
    parentCarersEngaged: activity?.parentCarersEngaged ? String(activity.parentCarersEngaged) : "",
    volunteerHours: hoursText(activity?.volunteerMinutes ?? 0),
    topic: activity?.topic ?? "",
    youSaid: activity?.youSaid ?? "",
    weDid: activity?.weDid ?? "",
    whatChanged: activity?.whatChanged ?? "",
    loopClosedOn: activity?.loopClosedOn ?? "",
  };
}

function inputFrom({ people, ...draft }: Draft): ActivityInput {
  return {
    ...draft,
    kind: draft.kind === "" ? null : draft.kind,
    level: draft.level === "" ? null : draft.level,
    rung: draft.rung === "" ? null : draft.rung,
    personIds: people.map((person) => person.id),
  };
}

/** Loads something a form's choices need, handing a lock to the app and other failures to the form. */
function useChoices<T>(
  load: () => Promise<T[]>,
  fail: (error: ReturnType<typeof toAppError>) => void,
) {
  const [rows, setRows] = useState<T[]>([]);
  const onLocked = useContext(LockContext);
  useEffect(() => {
    load().then(setRows, (thrown: unknown) => {
      const error = toAppError(thrown);
      if (error.kind === "locked" && onLocked) onLocked(error);
      else fail(error);
    });
  }, [load, fail, onLocked]);
  return rows;
}

const loadOrganisations = () =>
  listOrganisations({
    kind: null,
    status: null,
    areaId: null,
    includeArchived: false,
    withoutAffiliation: false,
  });

type ActivityFormProps = {
  activity: Activity | null;
  onSaved: (activity: Activity) => void;
  onCancel: () => void;
};

/** Every detail of an activity, for adding one in full or changing what is recorded. */
export function ActivityForm({ activity, onSaved, onCancel }: ActivityFormProps) {
  const [draft, setDraft] = useState<Draft>(() => draftFrom(activity));
  const form = useForm();
  const organisations = useChoices(loadOrganisations, form.fail);
  const title = activity ? `Change ${activity.title}` : "Add an activity";
  usePageTitle(activity ? "Change an activity" : title, form.error !== null);

  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((current) => ({ ...current, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = inputFrom(draft);
    const result = await form.run(() =>
      activity ? updateActivity(activity.id, input) : createActivity(input),
    );
    if (result.ok) onSaved(result.value);
  }

  const firstOrg = organisations[0]?.id;
  const anchors: Record<string, string> = {
    level: "level-individual",
    personIds: "memberSearch",
    ...(firstOrg ? { organisationIds: `organisationIds-${firstOrg}` } : {}),
  };

  return (
    <>
      <PageHeading>{title}</PageHeading>
      <ErrorSummary
        error={form.error}
        fieldOrder={ACTIVITY_FIELDS}
        anchors={anchors}
        summaryRef={form.summaryRef}
      />
      <form onSubmit={submit} noValidate>
        <TextField
          name="title"
          label="Title"
          hint="For example SEND Partnership Board, or Short breaks survey."
          value={draft.title}
          onChange={set("title")}
          error={form.errorFor("title")}
          autoComplete="off"
        />
        <SelectField
          name="kind"
          label="Kind of activity"
          emptyLabel="Choose a kind"
          options={KIND_OPTIONS}
          value={draft.kind}
          onChange={(value) => set("kind")(value as ActivityKind | "")}
          error={form.errorFor("kind")}
        />
        <TextField
          name="startsOn"
          label="Date"
          hint={DATE_HINT}
          value={draft.startsOn}
          onChange={set("startsOn")}
          error={form.errorFor("startsOn")}
          autoComplete="off"
          spellCheck={false}
          width="width-10"
        />
        <TextField
          name="endsOn"
          label="Last day (optional)"
          hint="Only for an activity over several days."
          value={draft.endsOn}
          onChange={set("endsOn")}
          error={form.errorFor("endsOn")}
          autoComplete="off"
          spellCheck={false}
          width="width-10"
        />
        <RadioGroup
          name="level"
          idPrefix="level"
          legend="Level (optional)"
          options={LEVEL_OPTIONS}
          value={draft.level}
          onChange={set("level")}
          error={form.errorFor("level")}
        />
        <SelectField
          name="rung"
          label="Rung of the co-production ladder (optional)"
          hint="From co-production at the top to education at the bottom."
          emptyLabel="Not given"
          options={RUNG_OPTIONS}
          value={draft.rung}
          onChange={(value) => set("rung")(value as Rung | "")}
          error={form.errorFor("rung")}
        />
        {organisations.length > 0 ? (
          <CheckboxGroup
            name="organisationIds"
            legend="Partner organisations (optional)"
            hint="Select all that apply."
            options={organisations.map((org: OrganisationSummary) => ({
              value: org.id,
              label: org.name,
            }))}
            values={draft.organisationIds}
            onChange={set("organisationIds")}
            error={form.errorFor("organisationIds")}
          />
        ) : (
          <p className="body" id="organisationIds">
            No organisations are recorded yet. They are added under Groups.
          </p>
        )}
        <MembersPicker
          label="Forum members who took part (optional)"
          chosen={draft.people}
          onChange={set("people")}
          error={form.errorFor("personIds")}
        />
        <TextField
          name="parentCarersEngaged"
          label="Parent carers engaged (optional)"
          hint="Everyone reached, members or not. A whole number, for example 12."
          value={draft.parentCarersEngaged}
          onChange={set("parentCarersEngaged")}
          error={form.errorFor("parentCarersEngaged")}
          autoComplete="off"
          inputMode="numeric"
          width="width-5"
        />
        <TextField
          name="volunteerHours"
          label="Volunteer hours (optional)"
          hint="For example 2.5 or 1:30 for an hour and a half."
          value={draft.volunteerHours}
          onChange={set("volunteerHours")}
          error={form.errorFor("volunteerHours")}
          autoComplete="off"
          spellCheck={false}
          width="width-5"
        />
        <TextField
          name="topic"
          label="Topic or SEND priority area (optional)"
          value={draft.topic}
          onChange={set("topic")}
          error={form.errorFor("topic")}
          autoComplete="off"
        />
        <h2 className="heading-m heading-m--form">The outcome</h2>
        <TextArea
          name="youSaid"
          label="You said (optional)"
          hint="What parent carers told the forum or the partners."
          value={draft.youSaid}
          onChange={set("youSaid")}
          error={form.errorFor("youSaid")}
        />
        <TextArea
          name="weDid"
          label="We did (optional)"
          hint="What the forum or the partners did about it."
          value={draft.weDid}
          onChange={set("weDid")}
          error={form.errorFor("weDid")}
        />
        <TextArea
          name="whatChanged"
          label="What changed (optional)"
          value={draft.whatChanged}
          onChange={set("whatChanged")}
          error={form.errorFor("whatChanged")}
        />
        <TextField
          name="loopClosedOn"
          label="When were members told? (optional)"
          hint="Closing the loop: the date members heard what changed. Leave it blank until then."
          value={draft.loopClosedOn}
          onChange={set("loopClosedOn")}
          error={form.errorFor("loopClosedOn")}
          autoComplete="off"
          spellCheck={false}
          width="width-10"
        />
        <div className="button-group">
          <button type="submit" className="button" data-testid="submit" aria-disabled={form.busy}>
            {activity ? "Save changes" : "Add the activity"}
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

/** The quick add's one choice names a body ("body:<id>") or a partner ("org:<id>"). */
const BODY = "body:";
const ORG = "org:";

type QuickAddProps = {
  onSaved: (activity: Activity) => void;
  onCancel: () => void;
};

/**
 * "A meeting attended" in a few fields: where, when and who went. It is recorded as a
 * strategic board meeting; at a body, the meeting also counts towards its attendance.
 */
export function QuickAdd({ onSaved, onCancel }: QuickAddProps) {
  const [where, setWhere] = useState("");
  const [heldOn, setHeldOn] = useState(() => dayFirst(new Date()));
  const [people, setPeople] = useState<NamedRef[]>([]);
  const form = useForm();
  const bodies = useChoices(listBodies, form.fail);
  const organisations = useChoices(loadOrganisations, form.fail);
  usePageTitle("Add a meeting attended", form.error !== null);

  const choices = [
    ...bodies
      .filter((body: Body) => !body.archived)
      .map((body) => ({ value: `${BODY}${body.id}`, label: body.name })),
    ...organisations.map((org) => ({ value: `${ORG}${org.id}`, label: `${org.name} (partner)` })),
  ];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const bodyId = where.startsWith(BODY) ? where.slice(BODY.length) : null;
    const orgId = where.startsWith(ORG) ? where.slice(ORG.length) : null;
    const title = choices
      .find((choice) => choice.value === where)
      ?.label.replace(/ \(partner\)$/, "");
    const personIds = people.map((person) => person.id);
    const result = await form.run(() =>
      bodyId
        ? recordMeetingAttended({
            bodyId,
            heldOn,
            attendance: "attended",
            papersReceivedOn: "",
            personIds,
            notes: "",
          })
        : createActivity({
            title: title ?? "",
            kind: "board_meeting",
            startsOn: heldOn,
            endsOn: "",
            level: "strategic",
            rung: null,
            organisationIds: orgId ? [orgId] : [],
            personIds,
            parentCarersEngaged: "",
            volunteerHours: "",
            topic: "",
            youSaid: "",
            weDid: "",
            whatChanged: "",
            loopClosedOn: "",
          }),
    );
    if (result.ok) onSaved(result.value);
  }

  return (
    <>
      <PageHeading>Add a meeting attended</PageHeading>
      <ErrorSummary
        error={form.error}
        fieldOrder={["title", "bodyId", "startsOn", "heldOn", "personIds"]}
        anchors={{ title: "where", bodyId: "where", heldOn: "startsOn", personIds: "memberSearch" }}
        summaryRef={form.summaryRef}
      />
      <form onSubmit={submit} noValidate>
        <SelectField
          name="where"
          label="Which meeting?"
          hint="A body where the forum holds a seat, or a partner organisation."
          emptyLabel="Choose the body or partner"
          options={choices}
          value={where}
          onChange={setWhere}
          error={form.errorFor("title") ?? form.errorFor("bodyId")}
          testId="quick-where"
        />
        <TextField
          name="startsOn"
          label="Date of the meeting"
          hint={DATE_HINT}
          value={heldOn}
          onChange={setHeldOn}
          error={form.errorFor("startsOn") ?? form.errorFor("heldOn")}
          autoComplete="off"
          spellCheck={false}
          width="width-10"
        />
        <MembersPicker
          label="Who went?"
          chosen={people}
          onChange={setPeople}
          error={form.errorFor("personIds")}
        />
        <FormButtons submitLabel="Add the meeting" busy={form.busy} onCancel={onCancel} />
      </form>
    </>
  );
}
