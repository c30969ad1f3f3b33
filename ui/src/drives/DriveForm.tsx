import { type FormEvent, useContext, useEffect, useState } from "react";
import { createDrive, driveVolunteerChoices, listAreas, updateDrive } from "../backend";
import type { AgeBand } from "../bindings/AgeBand";
import type { Area } from "../bindings/Area";
import type { Drive } from "../bindings/Drive";
import type { DriveInput } from "../bindings/DriveInput";
import type { DriveVolunteer } from "../bindings/DriveVolunteer";
import type { Need } from "../bindings/Need";
import type { SessionInfo } from "../bindings/SessionInfo";
import { CheckboxGroup } from "../components/CheckboxGroup";
import { ErrorSummary } from "../components/ErrorSummary";
import { FormButtons } from "../components/FormButtons";
import { PageHeading } from "../components/PageHeading";
import { SelectField } from "../components/SelectField";
import { TextArea } from "../components/TextArea";
import { TextField } from "../components/TextField";
import { LockContext } from "../context";
import { toAppError, validationError } from "../errors";
import { AGE_BAND_OPTIONS, NEED_OPTIONS } from "../members/labels";
import { usePageTitle } from "../pageTitle";
import { useForm } from "../useForm";

const FIELDS = [
  "name",
  "startsOn",
  "endsOn",
  "venue",
  "areaId",
  "targetAreas",
  "targetNeeds",
  "targetAgeBands",
  "targetCommunities",
  "volunteerIds",
  "extraVolunteers",
  "cost",
  "notes",
] as const;

type Draft = Omit<DriveInput, "extraVolunteers"> & { extraVolunteers: string };

/** Pence → "120.50" as a volunteer would type it back; nothing for no cost. */
export function poundsText(pence: number): string {
  if (pence === 0) return "";
  const pounds = Math.floor(pence / 100);
  const rest = pence % 100;
  return rest === 0 ? String(pounds) : `${pounds}.${String(rest).padStart(2, "0")}`;
}

function draftFrom(drive: Drive | null): Draft {
  return {
    name: drive?.name ?? "",
    startsOn: drive?.startsOn ?? "",
    endsOn: drive?.endsOn ?? "",
    venue: drive?.venue ?? "",
    areaId: drive?.areaId ?? null,
    targetAreas: drive?.targetAreas ?? [],
    targetNeeds: drive?.targetNeeds ?? [],
    targetAgeBands: drive?.targetAgeBands ?? [],
    targetCommunities: drive?.targetCommunities ?? "",
    volunteerIds: drive?.volunteers.map((v) => v.userId) ?? [],
    extraVolunteers: drive && drive.extraVolunteers > 0 ? String(drive.extraVolunteers) : "",
    cost: drive ? poundsText(drive.costPence) : "",
    notes: drive?.notes ?? "",
  };
}

type Person = { value: string; label: string };

type DriveFormProps = {
  session: SessionInfo;
  /** The drive being changed, or null for a new one. */
  drive: Drive | null;
  onSaved: (drive: Drive) => void;
  onCancel: () => void;
};

/** A recruitment drive's details: for planning a new drive or changing what is recorded. */
export function DriveForm({ session, drive, onSaved, onCancel }: DriveFormProps) {
  const [draft, setDraft] = useState<Draft>(() => draftFrom(drive));
  const [areas, setAreas] = useState<Area[]>([]);
  const [people, setPeople] = useState<Person[]>(() => volunteersFrom(session, drive, []));
  const form = useForm();
  const onLocked = useContext(LockContext);
  const title = drive ? `Change the details of ${drive.name}` : "Plan a recruitment drive";
  usePageTitle(drive ? "Change a drive's details" : title, form.error !== null);

  useEffect(() => {
    listAreas().then(setAreas, (thrown: unknown) => {
      const error = toAppError(thrown);
      if (error.kind === "locked" && onLocked) onLocked(error);
      else form.fail(error);
    });
  }, [onLocked, form.fail]);

  useEffect(() => {
    // Active users who are not kiosks; without the list, you and those already named.
    driveVolunteerChoices().then(
      (choices) => setPeople(volunteersFrom(session, drive, choices)),
      () => {},
    );
  }, [session, drive]);

  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((current) => ({ ...current, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const helpers = draft.extraVolunteers.trim();
    if (helpers !== "" && !/^\d{1,4}$/.test(helpers)) {
      form.fail(
        validationError({
          extraVolunteers: "Enter the number of helpers without an account as a number, like 2",
        }),
      );
      return;
    }
    const input: DriveInput = {
      ...draft,
      areaId: draft.areaId === "" ? null : draft.areaId,
      extraVolunteers: helpers === "" ? 0 : Number(helpers),
    };
    const result = await form.run(() =>
      drive ? updateDrive(drive.id, input) : createDrive(input),
    );
    if (result.ok) onSaved(result.value);
  }

  const areaOptions = areas.map((area) => ({ value: area.id, label: area.name }));
  const anchors: Record<string, string> = {
    targetNeeds: "targetNeeds-SPLD",
    targetAgeBands: "targetAgeBands-0-4",
    ...(areas[0] ? { targetAreas: `targetAreas-${areas[0].id}` } : {}),
    ...(people[0] ? { volunteerIds: `volunteerIds-${people[0].value}` } : {}),
  };

  return (
    <>
      <PageHeading>{title}</PageHeading>
      <ErrorSummary
        error={form.error}
        fieldOrder={FIELDS}
        anchors={anchors}
        summaryRef={form.summaryRef}
      />
      <form onSubmit={submit} noValidate data-testid="drive-form">
        <TextField
          name="name"
          label="Name of the drive"
          hint="For example, Local offer event 2026 or Coffee morning at St Mary's."
          value={draft.name}
          onChange={set("name")}
          error={form.errorFor("name")}
          autoComplete="off"
        />
        <TextField
          name="startsOn"
          label="Date of the drive"
          hint="For example 27/03/2026. For a drive over several days, the first day."
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
          hint="Leave it blank for a drive on one day."
          value={draft.endsOn}
          onChange={set("endsOn")}
          error={form.errorFor("endsOn")}
          autoComplete="off"
          spellCheck={false}
          width="width-10"
        />
        <TextField
          name="venue"
          label="Venue (optional)"
          hint="For example, the school, clinic or library."
          value={draft.venue}
          onChange={set("venue")}
          error={form.errorFor("venue")}
          autoComplete="off"
        />
        <SelectField
          name="areaId"
          label="Area the venue is in (optional)"
          emptyLabel="Not in one of the forum's areas"
          options={areaOptions}
          value={draft.areaId ?? ""}
          onChange={(value) => set("areaId")(value === "" ? null : value)}
          error={form.errorFor("areaId")}
        />
        <h2 className="heading-m heading-m--form">Who the drive aims to reach</h2>
        {areas.length > 0 ? (
          <CheckboxGroup
            name="targetAreas"
            legend="Areas (optional)"
            hint="Select all that apply."
            options={areaOptions}
            values={draft.targetAreas}
            onChange={set("targetAreas")}
            error={form.errorFor("targetAreas")}
          />
        ) : (
          <p className="body" id="targetAreas">
            The forum has no areas yet. An admin can add them in Settings, under Areas.
          </p>
        )}
        <CheckboxGroup
          name="targetNeeds"
          legend="Children's needs (optional)"
          hint="Select all that apply."
          options={NEED_OPTIONS}
          values={draft.targetNeeds}
          onChange={(values: Need[]) => set("targetNeeds")(values)}
          error={form.errorFor("targetNeeds")}
        />
        <CheckboxGroup
          name="targetAgeBands"
          legend="Children's ages (optional)"
          hint="Select all that apply."
          options={AGE_BAND_OPTIONS}
          values={draft.targetAgeBands}
          onChange={(values: AgeBand[]) => set("targetAgeBands")(values)}
          error={form.errorFor("targetAgeBands")}
        />
        <TextArea
          name="targetCommunities"
          label="Communities (optional)"
          hint="For example, families who speak Polish, or dads and male carers."
          value={draft.targetCommunities}
          onChange={set("targetCommunities")}
          error={form.errorFor("targetCommunities")}
          rows={2}
        />
        <h2 className="heading-m heading-m--form">Who was there and what it cost</h2>
        <CheckboxGroup
          name="volunteerIds"
          legend="Volunteers with a ForumDesk account (optional)"
          hint="Select all that apply."
          options={people}
          values={draft.volunteerIds}
          onChange={set("volunteerIds")}
          error={form.errorFor("volunteerIds")}
        />
        <TextField
          name="extraVolunteers"
          label="Helpers without an account (optional)"
          hint="How many, for example 2."
          value={draft.extraVolunteers}
          onChange={set("extraVolunteers")}
          error={form.errorFor("extraVolunteers")}
          autoComplete="off"
          inputMode="numeric"
          width="width-4"
        />
        <TextField
          name="cost"
          label="Cost in pounds (optional)"
          hint="Stall fee, printing, travel and so on, for example 120.50."
          value={draft.cost}
          onChange={set("cost")}
          error={form.errorFor("cost")}
          autoComplete="off"
          inputMode="decimal"
          width="width-10"
        />
        <TextArea
          name="notes"
          label="Notes (optional)"
          value={draft.notes}
          onChange={set("notes")}
          error={form.errorFor("notes")}
        />
        <FormButtons
          submitLabel={drive ? "Save changes" : "Add the drive"}
          busy={form.busy}
          onCancel={onCancel}
        />
      </form>
    </>
  );
}

/** The people who can be named as volunteers: the core's choices, those already named, and you. */
function volunteersFrom(
  session: SessionInfo,
  drive: Drive | null,
  choices: readonly DriveVolunteer[],
): Person[] {
  const seen = new Map<string, string>();
  for (const v of choices) seen.set(v.userId, v.displayName);
  for (const v of drive?.volunteers ?? []) seen.set(v.userId, v.displayName);
  if (!seen.has(session.userId)) seen.set(session.userId, session.displayName);
  return [...seen].map(([value, label]) => ({ value, label }));
}
