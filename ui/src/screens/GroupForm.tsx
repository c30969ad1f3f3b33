import { type FormEvent, useContext, useEffect, useState } from "react";
import { createOrganisation, listAreas, recordGroupEnquiry, updateOrganisation } from "../backend";
import type { Area } from "../bindings/Area";
import type { Meets } from "../bindings/Meets";
import type { Need } from "../bindings/Need";
import type { Organisation } from "../bindings/Organisation";
import type { OrganisationInput } from "../bindings/OrganisationInput";
import type { OrganisationKind } from "../bindings/OrganisationKind";
import { Checkbox } from "../components/Checkbox";
import { CheckboxGroup } from "../components/CheckboxGroup";
import { ErrorSummary } from "../components/ErrorSummary";
import { PageHeading } from "../components/PageHeading";
import { RadioGroup } from "../components/RadioGroup";
import { TextArea } from "../components/TextArea";
import { TextField } from "../components/TextField";
import { LockContext } from "../context";
import { toAppError } from "../errors";
import { KIND_OPTIONS, MEETS_OPTIONS } from "../groups/labels";
import { NEED_OPTIONS } from "../members/labels";
import { usePageTitle } from "../pageTitle";
import { useForm } from "../useForm";

const ORGANISATION_FIELDS = [
  "name",
  "kind",
  "areaIds",
  "allNeeds",
  "needs",
  "meets",
  "website",
  "publicEmail",
  "publicPhone",
  "familiesReached",
  "familiesEstimatedOn",
  "notes",
] as const;

const BLANK_IS_TODAY = "For example 27/03/2025. Leave it blank for today.";

type Draft = Omit<OrganisationInput, "kind" | "meets"> & {
  kind: OrganisationKind | "";
  meets: Meets | "";
};

function draftFrom(organisation: Organisation | null): Draft {
  return {
    name: organisation?.name ?? "",
    kind: organisation?.kind ?? "",
    areaIds: organisation?.areas.map((area) => area.id) ?? [],
    allNeeds: organisation?.allNeeds ?? false,
    needs: organisation?.needs ?? [],
    meets: organisation?.meets ?? "",
    website: organisation?.website ?? "",
    publicEmail: organisation?.publicEmail ?? "",
    // As the volunteer would type it; the core reads it back unchanged.
    publicPhone: organisation?.publicPhoneDisplay ?? organisation?.publicPhone ?? "",
    familiesReached:
      organisation?.familiesReached === null || organisation?.familiesReached === undefined
        ? ""
        : String(organisation.familiesReached),
    familiesEstimatedOn: organisation?.familiesEstimatedOn ?? "",
    notes: organisation?.notes ?? "",
  };
}

function inputFrom(draft: Draft): OrganisationInput {
  return {
    ...draft,
    kind: draft.kind === "" ? null : draft.kind,
    meets: draft.meets === "" ? null : draft.meets,
  };
}

export type GroupFormMode =
  | { name: "enquiry" }
  | { name: "create" }
  | { name: "edit"; organisation: Organisation };

type GroupFormProps = {
  mode: GroupFormMode;
  onSaved: (organisation: Organisation) => void;
  onCancel: () => void;
};

/**
 * An organisation's details: for a new group's enquiry (with its date and note), for an
 * officer adding a partner body, or for changing what is recorded.
 */
export function GroupForm({ mode, onSaved, onCancel }: GroupFormProps) {
  const editing = mode.name === "edit" ? mode.organisation : null;
  const enquiry = mode.name === "enquiry";
  const [draft, setDraft] = useState<Draft>(() => draftFrom(editing));
  const [onDate, setOnDate] = useState("");
  const [note, setNote] = useState("");
  const [areas, setAreas] = useState<Area[]>([]);
  const form = useForm();
  const onLocked = useContext(LockContext);
  const title = editing
    ? `Change ${editing.name}'s details`
    : enquiry
      ? "Record an enquiry from a group"
      : "Add an organisation";
  usePageTitle(editing ? "Change an organisation's details" : title, form.error !== null);

  useEffect(() => {
    listAreas().then(setAreas, (thrown: unknown) => {
      const error = toAppError(thrown);
      if (error.kind === "locked" && onLocked) onLocked(error);
      else form.fail(error);
    });
  }, [onLocked, form.fail]);

  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((current) => ({ ...current, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = inputFrom(draft);
    const result = await form.run(() => {
      if (editing) return updateOrganisation(editing.id, input);
      if (enquiry)
        return recordGroupEnquiry(input, { onDate: onDate.trim(), note, termsVersion: null });
      return createOrganisation(input);
    });
    if (result.ok) onSaved(result.value);
  }

  const fields = enquiry ? [...ORGANISATION_FIELDS, "onDate", "note"] : ORGANISATION_FIELDS;
  const firstArea = areas[0]?.id;
  const anchors: Record<string, string> = {
    kind: "kind-parent_group",
    meets: "meets-online",
    allNeeds: "allNeeds",
    needs: draft.allNeeds ? "allNeeds" : "needs-SPLD",
    ...(firstArea ? { areaIds: `areaIds-${firstArea}` } : {}),
  };

  return (
    <>
      <PageHeading>{title}</PageHeading>
      <ErrorSummary
        error={form.error}
        fieldOrder={fields}
        anchors={anchors}
        summaryRef={form.summaryRef}
      />
      {enquiry && (
        <p className="body">
          Use this when a group the forum does not know yet gets in touch about affiliating. An
          officer can then record its application and approve it.
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <TextField
          name="name"
          label="Name of the organisation"
          value={draft.name}
          onChange={set("name")}
          error={form.errorFor("name")}
          autoComplete="off"
        />
        <RadioGroup
          name="kind"
          idPrefix="kind"
          legend="What kind of organisation is it?"
          options={KIND_OPTIONS}
          value={draft.kind}
          onChange={set("kind")}
          error={form.errorFor("kind")}
        />
        {areas.length > 0 ? (
          <CheckboxGroup
            name="areaIds"
            legend="Which of the forum's areas does it cover?"
            hint="Select all that apply."
            options={areas.map((area) => ({ value: area.id, label: area.name }))}
            values={draft.areaIds}
            onChange={set("areaIds")}
            error={form.errorFor("areaIds")}
          />
        ) : (
          <p className="body" id="areaIds">
            The forum has no areas yet. An admin can add them in Settings, under Areas.
          </p>
        )}
        <fieldset className="fieldset">
          <legend className="fieldset__legend">Which needs does it focus on?</legend>
          <Checkbox
            name="allNeeds"
            label="All needs: families whatever their child's needs"
            checked={draft.allNeeds}
            onChange={set("allNeeds")}
            error={form.errorFor("allNeeds")}
            testId="all-needs"
          />
          {!draft.allNeeds && (
            <CheckboxGroup
              name="needs"
              legend="Or the particular needs it focuses on"
              hint="Select all that apply."
              options={NEED_OPTIONS}
              values={draft.needs}
              onChange={(values: Need[]) => set("needs")(values)}
              error={form.errorFor("needs")}
            />
          )}
        </fieldset>
        <RadioGroup
          name="meets"
          idPrefix="meets"
          legend="How does it meet? (optional)"
          options={MEETS_OPTIONS}
          value={draft.meets}
          onChange={set("meets")}
          error={form.errorFor("meets")}
        />
        <TextField
          name="website"
          label="Website (optional)"
          hint="For example www.group.org.uk"
          value={draft.website}
          onChange={set("website")}
          error={form.errorFor("website")}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          name="publicEmail"
          label="Public e-mail address (optional)"
          hint="The address the group gives to families, not a person's own."
          value={draft.publicEmail}
          onChange={set("publicEmail")}
          error={form.errorFor("publicEmail")}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          name="publicPhone"
          label="Public phone number (optional)"
          value={draft.publicPhone}
          onChange={set("publicPhone")}
          error={form.errorFor("publicPhone")}
          autoComplete="off"
          inputMode="tel"
          width="width-20"
        />
        <TextField
          name="familiesReached"
          label="About how many families does it reach? (optional)"
          hint="A whole number, for example 120. It is used for the forum's reach."
          value={draft.familiesReached}
          onChange={set("familiesReached")}
          error={form.errorFor("familiesReached")}
          autoComplete="off"
          inputMode="numeric"
          width="width-10"
        />
        <TextField
          name="familiesEstimatedOn"
          label="When was that estimate made? (optional)"
          hint={BLANK_IS_TODAY}
          value={draft.familiesEstimatedOn}
          onChange={set("familiesEstimatedOn")}
          error={form.errorFor("familiesEstimatedOn")}
          autoComplete="off"
          spellCheck={false}
          width="width-10"
        />
        <TextArea
          name="notes"
          label="Notes (optional)"
          value={draft.notes}
          onChange={set("notes")}
          error={form.errorFor("notes")}
        />
        {enquiry && (
          <>
            <h2 className="heading-m heading-m--form">The enquiry</h2>
            <TextField
              name="onDate"
              label="Date of the enquiry"
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
              label="Note (optional)"
              hint="For example, who got in touch and how."
              value={note}
              onChange={setNote}
              error={form.errorFor("note")}
            />
          </>
        )}
        <div className="button-group">
          <button type="submit" className="button" data-testid="submit" aria-disabled={form.busy}>
            {editing ? "Save changes" : enquiry ? "Record the enquiry" : "Add the organisation"}
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
