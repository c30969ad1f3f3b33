import { type FormEvent, useState } from "react";
import { removeChild, saveChild, saveEquality } from "../backend";
import type { AgeBand } from "../bindings/AgeBand";
import type { ChildRecord } from "../bindings/ChildRecord";
import type { MemberRecord } from "../bindings/MemberRecord";
import type { Need } from "../bindings/Need";
import type { Provision } from "../bindings/Provision";
import type { SchoolPhase } from "../bindings/SchoolPhase";
import type { SettingType } from "../bindings/SettingType";
import type { SpecialCategory } from "../bindings/SpecialCategory";
import { CheckboxGroup } from "../components/CheckboxGroup";
import { ErrorSummary } from "../components/ErrorSummary";
import { FormButtons } from "../components/FormButtons";
import { PageHeading } from "../components/PageHeading";
import { RadioGroup } from "../components/RadioGroup";
import { SelectField } from "../components/SelectField";
import { SummaryList } from "../components/SummaryList";
import { TextField } from "../components/TextField";
import { validationError } from "../errors";
import {
  AGE_BAND_LABELS,
  AGE_BAND_OPTIONS,
  NEED_OPTIONS,
  needLabel,
  PROVISION_LABELS,
  PROVISION_OPTIONS,
  SCHOOL_PHASE_LABELS,
  SCHOOL_PHASE_OPTIONS,
  SETTING_TYPE_LABELS,
  SETTING_TYPE_OPTIONS,
} from "../members/labels";
import { usePageTitle } from "../pageTitle";
import { useForm } from "../useForm";
import { SPECIAL_CATEGORY } from "./MemberConsent";

function consentGiven(record: MemberRecord): boolean {
  return record.consents.some((c) => c.purposeId === SPECIAL_CATEGORY && c.given === true);
}

function childAge(child: ChildRecord): string {
  if (child.yearOfBirth !== null) return `Born in ${child.yearOfBirth}`;
  if (child.ageBand !== null) return `Aged ${AGE_BAND_LABELS[child.ageBand]}`;
  return "";
}

type ChildrenTabProps = {
  record: MemberRecord;
  special: SpecialCategory;
  onSaved: (record: MemberRecord, message: string) => void;
  onAdd: () => void;
  onChange: (child: ChildRecord) => void;
  onRemove: (child: ChildRecord, number: number) => void;
  onGoToConsent: () => void;
};

/** Officers and admins only: children's needs and equality information, under explicit consent. */
export function ChildrenTab({
  record,
  special,
  onSaved,
  onAdd,
  onChange,
  onRemove,
  onGoToConsent,
}: ChildrenTabProps) {
  if (!consentGiven(record)) {
    return (
      <>
        <h2 className="heading-m heading-m--tab">Children's needs</h2>
        <p className="body" data-testid="no-special-consent">
          ForumDesk can only keep information about their children's needs, and their equality
          information, when the parent carer has given their explicit consent for it. No consent is
          recorded, so nothing is kept.
        </p>
        <p className="body">
          If they agree, record it on the Consent tab under "Children's needs and equality
          information", then come back here.
        </p>
        <button
          type="button"
          className="button button--secondary"
          data-testid="go-to-consent"
          onClick={onGoToConsent}
        >
          Go to the Consent tab
        </button>
      </>
    );
  }
  return (
    <>
      <h2 className="heading-m heading-m--tab">Children's needs</h2>
      <p className="body">
        Only a year of birth or an age band is kept for each child, never their name or full date of
        birth.
      </p>
      {special.children.length === 0 ? (
        <p className="body">No children's details have been added.</p>
      ) : (
        <ol className="child-list" data-testid="children-list">
          {special.children.map((child, index) => {
            const number = index + 1;
            return (
              <li key={child.id} className="child-list__item" data-testid="child">
                <h3 className="heading-s">Child {number}</h3>
                <SummaryList
                  rows={[
                    ["Age", childAge(child)],
                    ["Main need", child.primaryNeed && needLabel(child.primaryNeed)],
                    [
                      "Other needs",
                      child.secondaryNeeds.length > 0 &&
                        child.secondaryNeeds.map(needLabel).join("; "),
                    ],
                    ["Support", PROVISION_LABELS[child.provision]],
                    [
                      "School or college",
                      child.schoolPhase && SCHOOL_PHASE_LABELS[child.schoolPhase],
                    ],
                    [
                      "Type of setting",
                      child.settingType && SETTING_TYPE_LABELS[child.settingType],
                    ],
                    ["Local authority", child.localAuthority],
                  ]}
                />
                <div className="button-group button-group--tight">
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    data-testid={`change-child-${number}`}
                    onClick={() => onChange(child)}
                  >
                    Change <span className="visually-hidden">child {number}'s details</span>
                  </button>
                  <button
                    type="button"
                    className="button button--warning button--small"
                    data-testid={`remove-child-${number}`}
                    onClick={() => onRemove(child, number)}
                  >
                    Remove <span className="visually-hidden">child {number}'s details</span>
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <button type="button" className="button" data-testid="add-child" onClick={onAdd}>
        Add a child's details
      </button>
      <EqualityForm record={record} special={special} onSaved={onSaved} />
    </>
  );
}

const EQUALITY_FIELDS = ["ethnicity", "firstLanguage"] as const;

function EqualityForm({
  record,
  special,
  onSaved,
}: {
  record: MemberRecord;
  special: SpecialCategory;
  onSaved: (record: MemberRecord, message: string) => void;
}) {
  const [ethnicity, setEthnicity] = useState(special.ethnicity ?? "");
  const [firstLanguage, setFirstLanguage] = useState(special.firstLanguage ?? "");
  const form = useForm();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await form.run(() => saveEquality(record.id, { ethnicity, firstLanguage }));
    if (result.ok) onSaved(result.value, "Their equality information has been saved.");
  }

  return (
    <section aria-labelledby="equality-heading">
      <h2 className="heading-m" id="equality-heading">
        Equality information
      </h2>
      <p className="body">
        This helps the forum show that its members reflect the families in the area. Only record
        what they have chosen to tell you.
      </p>
      <ErrorSummary error={form.error} fieldOrder={EQUALITY_FIELDS} summaryRef={form.summaryRef} />
      <form onSubmit={submit} noValidate>
        <TextField
          name="ethnicity"
          label="Ethnic group (optional)"
          hint="In their own words, for example White British or Pakistani. Leave blank if they prefer not to say."
          value={ethnicity}
          onChange={setEthnicity}
          error={form.errorFor("ethnicity")}
          autoComplete="off"
          width="width-20"
        />
        <TextField
          name="firstLanguage"
          label="First language (optional)"
          hint="For example English, Polish or British Sign Language."
          value={firstLanguage}
          onChange={setFirstLanguage}
          error={form.errorFor("firstLanguage")}
          autoComplete="off"
          width="width-20"
        />
        <button
          type="submit"
          className="button button--secondary"
          data-testid="save-equality"
          aria-disabled={form.busy}
        >
          Save equality information
        </button>
      </form>
    </section>
  );
}

const CHILD_FIELDS = [
  "yearOfBirth",
  "ageBand",
  "primaryNeed",
  "secondaryNeeds",
  "provision",
  "schoolPhase",
  "settingType",
  "localAuthority",
] as const;

const CHILD_ANCHORS = { provision: "provision-ehcp", secondaryNeeds: "secondaryNeeds-SPLD" };

type ChildDraft = {
  yearOfBirth: string;
  ageBand: AgeBand | "";
  primaryNeed: Need | "";
  secondaryNeeds: Need[];
  provision: Provision | "";
  schoolPhase: SchoolPhase | "";
  settingType: SettingType | "";
  localAuthority: string;
};

function draftFrom(child: ChildRecord | null): ChildDraft {
  return {
    yearOfBirth: child?.yearOfBirth?.toString() ?? "",
    ageBand: child?.ageBand ?? "",
    primaryNeed: child?.primaryNeed ?? "",
    secondaryNeeds: child?.secondaryNeeds ?? [],
    provision: child?.provision ?? "",
    schoolPhase: child?.schoolPhase ?? "",
    settingType: child?.settingType ?? "",
    localAuthority: child?.localAuthority ?? "",
  };
}

type ChildFormProps = {
  personId: string;
  memberName: string;
  child: ChildRecord | null;
  onSaved: (record: MemberRecord) => void;
  onCancel: () => void;
};

/** Adds or changes one child's details: age, needs (SEN2), support and school. */
export function ChildForm({ personId, memberName, child, onSaved, onCancel }: ChildFormProps) {
  const [draft, setDraft] = useState<ChildDraft>(() => draftFrom(child));
  const form = useForm();
  const title = child ? "Change a child's details" : "Add a child's details";
  usePageTitle(title, form.error !== null);

  const set =
    <K extends keyof ChildDraft>(field: K) =>
    (value: ChildDraft[K]) =>
      setDraft((current) => ({ ...current, [field]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    const year = draft.yearOfBirth.trim();
    if (year !== "" && !/^\d{4}$/.test(year)) {
      errors.yearOfBirth = "Enter the year they were born as 4 numbers, for example 2015";
    }
    if (draft.provision === "") {
      errors.provision = "Select the support they get, or Not known";
    }
    const { provision } = draft;
    if (Object.keys(errors).length > 0 || provision === "") {
      form.fail(validationError(errors));
      return;
    }
    const result = await form.run(() =>
      saveChild(personId, child?.id ?? null, {
        yearOfBirth: year === "" ? null : Number(year),
        ageBand: draft.ageBand || null,
        primaryNeed: draft.primaryNeed || null,
        secondaryNeeds: draft.secondaryNeeds,
        provision,
        schoolPhase: draft.schoolPhase || null,
        settingType: draft.settingType || null,
        localAuthority: draft.localAuthority,
      }),
    );
    if (result.ok) onSaved(result.value);
  }

  return (
    <>
      <PageHeading>{title}</PageHeading>
      <p className="body">For {memberName}. Do not enter the child's name or full date of birth.</p>
      <ErrorSummary
        error={form.error}
        fieldOrder={CHILD_FIELDS}
        anchors={CHILD_ANCHORS}
        summaryRef={form.summaryRef}
      />
      <form onSubmit={submit} noValidate>
        <TextField
          name="yearOfBirth"
          label="Year of birth"
          hint="For example 2015. If you do not know it, choose an age band below instead."
          value={draft.yearOfBirth}
          onChange={set("yearOfBirth")}
          error={form.errorFor("yearOfBirth")}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          width="width-4"
        />
        <SelectField
          name="ageBand"
          label="Age band"
          hint="Only if you do not know the year they were born."
          emptyLabel="Not chosen"
          options={AGE_BAND_OPTIONS}
          value={draft.ageBand}
          onChange={(value) => set("ageBand")(value as AgeBand | "")}
          error={form.errorFor("ageBand")}
        />
        <SelectField
          name="primaryNeed"
          label="Main need (optional)"
          hint="The type of need the school or local authority records, if known."
          emptyLabel="Not known"
          options={NEED_OPTIONS}
          value={draft.primaryNeed}
          onChange={(value) => set("primaryNeed")(value as Need | "")}
          error={form.errorFor("primaryNeed")}
        />
        <CheckboxGroup
          name="secondaryNeeds"
          legend="Other needs (optional)"
          hint="Select all that apply. Do not select the main need again."
          options={NEED_OPTIONS}
          values={draft.secondaryNeeds}
          onChange={set("secondaryNeeds")}
          error={form.errorFor("secondaryNeeds")}
        />
        <RadioGroup
          name="provision"
          idPrefix="provision"
          legend="What support do they get?"
          options={PROVISION_OPTIONS}
          value={draft.provision}
          onChange={set("provision")}
          error={form.errorFor("provision")}
        />
        <SelectField
          name="schoolPhase"
          label="Stage of education (optional)"
          emptyLabel="Not known"
          options={SCHOOL_PHASE_OPTIONS}
          value={draft.schoolPhase}
          onChange={(value) => set("schoolPhase")(value as SchoolPhase | "")}
          error={form.errorFor("schoolPhase")}
        />
        <SelectField
          name="settingType"
          label="Type of school or setting (optional)"
          emptyLabel="Not known"
          options={SETTING_TYPE_OPTIONS}
          value={draft.settingType}
          onChange={(value) => set("settingType")(value as SettingType | "")}
          error={form.errorFor("settingType")}
        />
        <TextField
          name="localAuthority"
          label="Local authority (optional)"
          hint="The council responsible for their support, for example Lancashire."
          value={draft.localAuthority}
          onChange={set("localAuthority")}
          error={form.errorFor("localAuthority")}
          autoComplete="off"
          width="width-20"
        />
        <FormButtons submitLabel="Save child's details" busy={form.busy} onCancel={onCancel} />
      </form>
    </>
  );
}

type RemoveChildProps = {
  personId: string;
  child: ChildRecord;
  number: number;
  onDone: (record: MemberRecord) => void;
  onCancel: () => void;
};

export function RemoveChild({ personId, child, number, onDone, onCancel }: RemoveChildProps) {
  const form = useForm();
  usePageTitle("Remove a child's details", form.error !== null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await form.run(() => removeChild(personId, child.id));
    if (result.ok) onDone(result.value);
  }

  const age = childAge(child);
  return (
    <>
      <PageHeading>Are you sure you want to remove child {number}'s details?</PageHeading>
      <p className="body">
        {age ? `${age}. ` : ""}
        {child.primaryNeed ? `Main need: ${needLabel(child.primaryNeed)}. ` : ""}
        Their details will be deleted. Counts for reports are kept without anything that says who
        they were about.
      </p>
      <ErrorSummary error={form.error} fieldOrder={[]} summaryRef={form.summaryRef} />
      <form onSubmit={submit} noValidate>
        <div className="button-group">
          <button
            type="submit"
            className="button button--warning"
            data-testid="submit"
            aria-disabled={form.busy}
          >
            Yes, remove the details
          </button>
          <button
            type="button"
            className="button button--secondary"
            data-testid="cancel"
            onClick={onCancel}
          >
            No, go back
          </button>
        </div>
      </form>
    </>
  );
}
