import { type FormEvent, useContext, useEffect, useState } from "react";
import { createMember, detailsDuplicates, listAreas, updateMember } from "../backend";
import type { Area } from "../bindings/Area";
import type { DuplicateMatch } from "../bindings/DuplicateMatch";
import type { MemberDetails } from "../bindings/MemberDetails";
import type { MemberRecord } from "../bindings/MemberRecord";
import type { MembershipStatus } from "../bindings/MembershipStatus";
import type { MemberType } from "../bindings/MemberType";
import { ErrorSummary } from "../components/ErrorSummary";
import { PageHeading } from "../components/PageHeading";
import { RadioGroup } from "../components/RadioGroup";
import { SelectField } from "../components/SelectField";
import { TextArea } from "../components/TextArea";
import { TextField } from "../components/TextField";
import { LockContext } from "../context";
import { toAppError, validationError } from "../errors";
import { MEMBER_TYPE_OPTIONS, memberName } from "../members/labels";
import { usePageTitle } from "../pageTitle";
import { useForm } from "../useForm";

const FIELDS = [
  "firstName",
  "lastName",
  "preferredName",
  "email",
  "phone",
  "addressLine1",
  "addressLine2",
  "town",
  "postcode",
  "areaId",
  "memberType",
  "status",
  "joinedOn",
  "recruitmentSource",
  "heardAbout",
  "notes",
] as const;

const ANCHORS = { memberType: "memberType-parent_carer", status: "status-applicant" };

type StartStatus = Extract<MembershipStatus, "applicant" | "active">;

const STATUS_OPTIONS: { value: StartStatus; label: string; hint: string }[] = [
  {
    value: "applicant",
    label: "Applicant",
    hint: "They have asked to join and the forum has not confirmed it yet.",
  },
  { value: "active", label: "Active member", hint: "They are a member now." },
];

type Draft = Omit<MemberDetails, "areaId" | "memberType"> & {
  areaId: string;
  memberType: MemberType | "";
  status: StartStatus | "";
  joinedOn: string;
};

function draftFrom(record: MemberRecord | null): Draft {
  return {
    firstName: record?.firstName ?? "",
    lastName: record?.lastName ?? "",
    preferredName: record?.preferredName ?? "",
    email: record?.email ?? "",
    // As the volunteer would type it ("07911 123456"); the core reads it back unchanged.
    phone: record?.phoneDisplay ?? record?.phone ?? "",
    addressLine1: record?.addressLine1 ?? "",
    addressLine2: record?.addressLine2 ?? "",
    town: record?.town ?? "",
    postcode: record?.postcode ?? "",
    areaId: record?.areaOverridden ? (record.areaId ?? "") : "",
    heardAbout: record?.heardAbout ?? "",
    notes: record?.notes ?? "",
    memberType: record?.membership?.memberType ?? "",
    recruitmentSource: record?.membership?.recruitmentSource ?? "",
    status: "",
    joinedOn: "",
  };
}

export type MemberFormMode = { name: "create" } | { name: "edit"; record: MemberRecord };

type MemberFormProps = {
  mode: MemberFormMode;
  onSaved: (record: MemberRecord) => void;
  onCancel: () => void;
  /** Opens an existing member the add form warns may be the same person. */
  onOpenMember?: (personId: string) => void;
};

/** Long enough not to ask on every keystroke, short enough to warn before the form is done. */
export const DUPLICATE_CHECK_DELAY_MS = 400;

/** The contact details a half-typed value can spoil; the check is retried without them. */
const CONTACT_FIELDS = ["preferredName", "email", "phone", "postcode"] as const;

/**
 * Who already in the forum may be the person being added. A contact detail that does not
 * pass the form's checks yet (an e-mail address still being typed) is left out rather than
 * hiding a match on the others.
 */
async function possibleDuplicates(details: MemberDetails): Promise<DuplicateMatch[]> {
  try {
    return await detailsDuplicates(details, null);
  } catch (thrown) {
    const error = toAppError(thrown);
    const spoilt = CONTACT_FIELDS.filter((field) => error.fields[field]);
    if (error.kind !== "validation" || spoilt.length === 0) throw error;
    const rest = { ...details };
    for (const field of spoilt) rest[field] = "";
    return detailsDuplicates(rest, null);
  }
}

/** Adding a member, or changing their details, in the GOV.UK form pattern. */
export function MemberForm({ mode, onSaved, onCancel, onOpenMember }: MemberFormProps) {
  const editing = mode.name === "edit" ? mode.record : null;
  const [draft, setDraft] = useState<Draft>(() => draftFrom(editing));
  const [areas, setAreas] = useState<Area[]>([]);
  const [matches, setMatches] = useState<DuplicateMatch[]>([]);
  const form = useForm();
  const onLocked = useContext(LockContext);
  const title = editing ? `Change ${memberName(editing)}'s details` : "Add a member";
  usePageTitle(editing ? "Change a member's details" : "Add a member", form.error !== null);

  useEffect(() => {
    listAreas().then(setAreas, (thrown: unknown) => {
      const error = toAppError(thrown);
      if (error.kind === "locked" && onLocked) onLocked(error);
      // Otherwise the area is simply worked out from the postcode.
    });
  }, [onLocked]);

  const { firstName, lastName, preferredName, email, phone, postcode } = draft;
  useEffect(() => {
    // Only the add form warns: a saved record's own page lists its possible duplicates.
    const named = firstName.trim() !== "" && lastName.trim() !== "";
    const reachable = [email, phone, postcode].some((value) => value.trim() !== "");
    if (editing || !named || !reachable) {
      setMatches([]);
      return;
    }
    let current = true;
    const timer = window.setTimeout(() => {
      const details: MemberDetails = {
        firstName,
        lastName,
        preferredName,
        email,
        phone,
        postcode,
        addressLine1: "",
        addressLine2: "",
        town: "",
        areaId: null,
        heardAbout: "",
        notes: "",
        memberType: null,
        recruitmentSource: "",
      };
      possibleDuplicates(details).then(
        (found) => {
          if (current) setMatches(found);
        },
        (thrown: unknown) => {
          if (!current) return;
          const error = toAppError(thrown);
          if (error.kind === "locked" && onLocked) onLocked(error);
          // Otherwise there is no warning: it never stops the member being saved.
          else setMatches([]);
        },
      );
    }, DUPLICATE_CHECK_DELAY_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [editing, firstName, lastName, preferredName, email, phone, postcode, onLocked]);

  const set =
    <K extends keyof Draft>(field: K) =>
    (value: Draft[K]) =>
      setDraft((current) => ({ ...current, [field]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { status, joinedOn, areaId, memberType, ...rest } = draft;
    const details: MemberDetails = {
      ...rest,
      areaId: areaId === "" ? null : areaId,
      memberType: memberType === "" ? null : memberType,
    };
    if (editing) {
      const result = await form.run(() => updateMember(editing.id, details));
      if (result.ok) onSaved(result.value);
      return;
    }
    if (status === "") {
      form.fail(
        validationError({ status: "Select whether they are an applicant or an active member" }),
      );
      return;
    }
    const result = await form.run(() =>
      createMember(details, { status, joinedOn: joinedOn.trim() === "" ? null : joinedOn.trim() }),
    );
    if (result.ok) onSaved(result.value);
  }

  return (
    <>
      <PageHeading>{title}</PageHeading>
      <ErrorSummary
        error={form.error}
        fieldOrder={FIELDS}
        anchors={ANCHORS}
        summaryRef={form.summaryRef}
      />
      <form onSubmit={submit} noValidate>
        <h2 className="heading-m heading-m--form">Name</h2>
        <TextField
          name="firstName"
          label="First name"
          value={draft.firstName}
          onChange={set("firstName")}
          error={form.errorFor("firstName")}
          autoComplete="off"
          width="width-20"
        />
        <TextField
          name="lastName"
          label="Last name"
          value={draft.lastName}
          onChange={set("lastName")}
          error={form.errorFor("lastName")}
          autoComplete="off"
          width="width-20"
        />
        <TextField
          name="preferredName"
          label="Name they like to be called (optional)"
          hint="Only if it is different from their first name."
          value={draft.preferredName}
          onChange={set("preferredName")}
          error={form.errorFor("preferredName")}
          autoComplete="off"
          width="width-20"
        />

        <h2 className="heading-m heading-m--form">Contact details</h2>
        <TextField
          name="email"
          label="E-mail address (optional)"
          hint="Family members can share one e-mail address."
          value={draft.email}
          onChange={set("email")}
          error={form.errorFor("email")}
          autoComplete="off"
          spellCheck={false}
          inputMode="email"
        />
        <TextField
          name="phone"
          label="Phone number (optional)"
          hint="For example 07700 900123 or 01772 123456."
          value={draft.phone}
          onChange={set("phone")}
          error={form.errorFor("phone")}
          autoComplete="off"
          inputMode="tel"
          width="width-20"
        />
        <TextField
          name="addressLine1"
          label="Address line 1 (optional)"
          value={draft.addressLine1}
          onChange={set("addressLine1")}
          error={form.errorFor("addressLine1")}
          autoComplete="off"
        />
        <TextField
          name="addressLine2"
          label="Address line 2 (optional)"
          value={draft.addressLine2}
          onChange={set("addressLine2")}
          error={form.errorFor("addressLine2")}
          autoComplete="off"
        />
        <TextField
          name="town"
          label="Town or city (optional)"
          value={draft.town}
          onChange={set("town")}
          error={form.errorFor("town")}
          autoComplete="off"
          width="width-20"
        />
        <TextField
          name="postcode"
          label="Postcode (optional)"
          hint="ForumDesk uses it to work out which of the forum's areas they live in."
          value={draft.postcode}
          onChange={set("postcode")}
          error={form.errorFor("postcode")}
          autoComplete="off"
          spellCheck={false}
          width="width-10"
        />
        <SelectField
          name="areaId"
          label="Area"
          hint="Leave this to be worked out from the postcode, unless it gives the wrong area."
          emptyLabel="Work it out from the postcode"
          options={areas.map((area) => ({ value: area.id, label: area.name }))}
          value={draft.areaId}
          onChange={set("areaId")}
          error={form.errorFor("areaId")}
        />

        <h2 className="heading-m heading-m--form">Membership</h2>
        <RadioGroup
          name="memberType"
          idPrefix="memberType"
          legend="Type of member"
          options={MEMBER_TYPE_OPTIONS}
          value={draft.memberType}
          onChange={set("memberType")}
          error={form.errorFor("memberType")}
        />
        {!editing && (
          <>
            <RadioGroup
              name="status"
              idPrefix="status"
              legend="Are they an applicant or an active member?"
              options={STATUS_OPTIONS}
              value={draft.status}
              onChange={set("status")}
              error={form.errorFor("status")}
            />
            <TextField
              name="joinedOn"
              label="Date they joined (optional)"
              hint="For example 27/03/2025. Leave it blank if they joined today."
              value={draft.joinedOn}
              onChange={set("joinedOn")}
              error={form.errorFor("joinedOn")}
              autoComplete="off"
              spellCheck={false}
              width="width-10"
            />
          </>
        )}
        <TextField
          name="recruitmentSource"
          label="Who or what signed them up (optional)"
          hint="For example a coffee morning, a school event or a volunteer's name."
          value={draft.recruitmentSource}
          onChange={set("recruitmentSource")}
          error={form.errorFor("recruitmentSource")}
          autoComplete="off"
        />
        <TextField
          name="heardAbout"
          label="How they heard about the forum (optional)"
          hint="For example from their child's school, Facebook or a friend."
          value={draft.heardAbout}
          onChange={set("heardAbout")}
          error={form.errorFor("heardAbout")}
          autoComplete="off"
        />
        <TextArea
          name="notes"
          label="Notes (optional)"
          hint="Anything the forum needs to know to keep in touch with them. Do not write about their children's needs here."
          value={draft.notes}
          onChange={set("notes")}
          error={form.errorFor("notes")}
        />
        {/* Just above the buttons, not beside the contact details it is about: it appears a
            moment after typing stops, and anything it pushed down could move out from under a
            click already on its way (a radio button ticked as "Type of member" jumped). Here
            it moves only the buttons, and it is read before saving. */}
        <div aria-live="polite" data-testid="duplicate-check">
          {matches.length > 0 && <DuplicateWarning matches={matches} onOpenMember={onOpenMember} />}
        </div>
        <div className="button-group">
          <button type="submit" className="button" data-testid="submit" aria-disabled={form.busy}>
            {editing ? "Save changes" : "Add member"}
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

function DuplicateWarning({
  matches,
  onOpenMember,
}: {
  matches: DuplicateMatch[];
  onOpenMember?: (personId: string) => void;
}) {
  return (
    <div className="warning" data-testid="duplicate-warning">
      <p className="body">This may be the same person as:</p>
      <ul className="list list--bullet">
        {matches.map((match) => (
          <li key={match.personId}>
            {onOpenMember ? (
              <button
                type="button"
                className="link-button"
                data-testid="open-duplicate"
                onClick={() => onOpenMember(match.personId)}
              >
                {memberName(match)}
              </button>
            ) : (
              memberName(match)
            )}{" "}
            ({match.reason})
          </li>
        ))}
      </ul>
      <p className="body">
        If they are already a member, open their record instead of adding them again. If this is
        someone else, carry on: you can still add them.
      </p>
    </div>
  );
}
