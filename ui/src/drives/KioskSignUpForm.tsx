import { type FormEvent, useState } from "react";
import { submitKioskSignUp } from "../backend";
import type { AgeBand } from "../bindings/AgeBand";
import type { KioskForm } from "../bindings/KioskForm";
import type { KioskSubmission } from "../bindings/KioskSubmission";
import type { Need } from "../bindings/Need";
import type { Provision } from "../bindings/Provision";
import { Checkbox } from "../components/Checkbox";
import { ErrorSummary } from "../components/ErrorSummary";
import { FieldError } from "../components/FieldError";
import { RadioGroup } from "../components/RadioGroup";
import { SelectField } from "../components/SelectField";
import { TextField } from "../components/TextField";
import { useForm } from "../useForm";

type ChildDraft = { ageBand: AgeBand | ""; primaryNeed: Need | ""; provision: Provision | "" };

const BLANK_CHILD: ChildDraft = { ageBand: "", primaryNeed: "", provision: "" };

type Draft = {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  postcode: string;
  heardAbout: string;
  associate: boolean;
};

const BLANK: Draft = {
  firstName: "",
  lastName: "",
  email: "",
  phone: "",
  postcode: "",
  heardAbout: "",
  associate: false,
};

const childId = (index: number, field: keyof ChildDraft) => `child-${index}-${field}`;

type KioskSignUpFormProps = {
  form: KioskForm;
  /** Called on the first change, so the kiosk knows there is something to clear. */
  onDirty: () => void;
  /** Called once the core has kept the sign-up. */
  onSubmitted: () => void;
};

/**
 * The sign-up form itself. Everything typed lives only in this component's state: the kiosk
 * mounts a new one (empty) after each sign-up and after an idle time.
 */
export function KioskSignUpForm({ form: kiosk, onDirty, onSubmitted }: KioskSignUpFormProps) {
  const [draft, setDraft] = useState<Draft>(BLANK);
  // Consent answers by purpose id: nothing is ticked until the person ticks it.
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const [children, setChildren] = useState<ChildDraft[]>([BLANK_CHILD]);
  const form = useForm();
  const special = kiosk.specialPurpose;
  const specialTicked = special !== null && ticked[special.id] === true;

  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) => {
      onDirty();
      setDraft((current) => ({ ...current, [key]: value }));
    };

  const tick = (purposeId: string) => (checked: boolean) => {
    onDirty();
    setTicked((current) => ({ ...current, [purposeId]: checked }));
    // Withdrawing the special-category consent drops whatever was typed about children.
    if (special && purposeId === special.id && !checked) setChildren([BLANK_CHILD]);
  };

  const setChild = (index: number, field: keyof ChildDraft) => (value: string) => {
    onDirty();
    setChildren((current) =>
      current.map((child, i) => (i === index ? { ...child, [field]: value } : child)),
    );
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const purposes = [...kiosk.purposes, ...(special ? [special] : [])];
    const described = children.filter(
      (c) => c.ageBand !== "" || c.primaryNeed !== "" || c.provision !== "",
    );
    const input: KioskSubmission = {
      ...draft,
      consents: purposes.map((p) => ({
        purposeId: p.id,
        statementVersion: p.version,
        given: ticked[p.id] === true,
      })),
      // Children's needs only go with the special-category consent, and only if given.
      children:
        specialTicked && described.length > 0
          ? children.map((c) => ({
              ageBand: c.ageBand === "" ? null : c.ageBand,
              primaryNeed: c.primaryNeed === "" ? null : c.primaryNeed,
              provision: c.provision === "" ? null : c.provision,
            }))
          : [],
    };
    const result = await form.run(() => submitKioskSignUp(input));
    if (result.ok) onSubmitted();
  }

  const firstPurpose = kiosk.purposes[0] ?? special;
  const fieldOrder = [
    "firstName",
    "lastName",
    "email",
    "phone",
    "postcode",
    "heardAbout",
    "associate",
    "consents",
    "children",
    ...children.flatMap((_, i) => [`children.${i}.ageBand`, `children.${i}.provision`]),
  ];
  const anchors: Record<string, string> = {
    ...(firstPurpose ? { consents: `consent-${firstPurpose.id}` } : {}),
    ...(special ? { children: `consent-${special.id}` } : {}),
    ...Object.fromEntries(
      children.flatMap((_, i) => [
        [`children.${i}.ageBand`, `${childId(i, "ageBand")}-${kiosk.ageBands[0]?.value ?? ""}`],
        [
          `children.${i}.provision`,
          `${childId(i, "provision")}-${kiosk.provisions[0]?.value ?? ""}`,
        ],
      ]),
    ),
  };
  const consentsError = form.errorFor("consents");
  const childrenError = form.errorFor("children");

  return (
    <>
      <ErrorSummary
        error={form.error}
        fieldOrder={fieldOrder}
        anchors={anchors}
        summaryRef={form.summaryRef}
      />
      <form onSubmit={submit} noValidate data-testid="kiosk-form" autoComplete="off">
        <h2 className="heading-m">About you</h2>
        <TextField
          name="firstName"
          label="First name"
          value={draft.firstName}
          onChange={set("firstName")}
          error={form.errorFor("firstName")}
          autoComplete="off"
        />
        <TextField
          name="lastName"
          label="Last name"
          value={draft.lastName}
          onChange={set("lastName")}
          error={form.errorFor("lastName")}
          autoComplete="off"
        />
        <fieldset className="fieldset">
          <legend className="fieldset__legend">How can the forum contact you?</legend>
          <div className="hint">Give an e-mail address, a phone number, or both.</div>
          <TextField
            name="email"
            label="E-mail address"
            value={draft.email}
            onChange={set("email")}
            error={form.errorFor("email")}
            autoComplete="off"
            spellCheck={false}
            inputMode="email"
          />
          <TextField
            name="phone"
            label="Phone number"
            value={draft.phone}
            onChange={set("phone")}
            error={form.errorFor("phone")}
            autoComplete="off"
            inputMode="tel"
            width="width-20"
          />
        </fieldset>
        <TextField
          name="postcode"
          label="Postcode"
          hint="For example PR1 2AB. It tells the forum which area you live in."
          value={draft.postcode}
          onChange={set("postcode")}
          error={form.errorFor("postcode")}
          autoComplete="off"
          spellCheck={false}
          width="width-10"
        />
        <TextField
          name="heardAbout"
          label="How did you hear about the forum? (optional)"
          hint="For example, from school, a friend, or at this stall."
          value={draft.heardAbout}
          onChange={set("heardAbout")}
          error={form.errorFor("heardAbout")}
          autoComplete="off"
        />
        <Checkbox
          name="associate"
          label="I am not a parent carer: I support families, for example through my work"
          checked={draft.associate}
          onChange={set("associate")}
          error={form.errorFor("associate")}
        />

        <div className={`form-group${consentsError ? " form-group--error" : ""}`}>
          <fieldset
            className="fieldset"
            aria-describedby={`consents-hint${consentsError ? " consents-error" : ""}`}
            data-testid="consents"
          >
            <legend className="fieldset__legend">
              <h2 className="heading-m">What the forum may contact you about</h2>
            </legend>
            <div className="hint" id="consents-hint">
              Tick each one you agree to. You can leave them all unticked, and change your mind at
              any time.
            </div>
            {consentsError && <FieldError id="consents-error" message={consentsError} />}
            {kiosk.purposes.map((purpose) => (
              <Checkbox
                key={purpose.id}
                name={`consent-${purpose.id}`}
                label={purpose.name}
                hint={purpose.statement}
                checked={ticked[purpose.id] === true}
                onChange={tick(purpose.id)}
                testId={`consent-${purpose.id}`}
              />
            ))}
          </fieldset>
        </div>

        {special && (
          <div className={`form-group${childrenError ? " form-group--error" : ""}`}>
            <fieldset
              className="fieldset"
              aria-describedby={`children-hint${childrenError ? " children-error" : ""}`}
              data-testid="children-section"
            >
              <legend className="fieldset__legend">
                <h2 className="heading-m">Your children's needs (optional)</h2>
              </legend>
              <div className="hint" id="children-hint">
                This helps the forum see which families it reaches. It is sensitive information, so
                the forum keeps it only if you tick the box below. No names or dates of birth.
              </div>
              {childrenError && <FieldError id="children-error" message={childrenError} />}
              <Checkbox
                name={`consent-${special.id}`}
                label={special.name}
                hint={special.statement}
                checked={specialTicked}
                onChange={tick(special.id)}
                testId={`consent-${special.id}`}
              />
              {specialTicked && (
                <div data-testid="children">
                  {children.map((child, index) => (
                    <ChildFields
                      // Rows are only ever added at the end or removed by position.
                      // biome-ignore lint/suspicious/noArrayIndexKey: children have no ids
                      key={index}
                      index={index}
                      child={child}
                      kiosk={kiosk}
                      errorFor={form.errorFor}
                      onChange={setChild}
                      onRemove={
                        children.length > 1
                          ? () => {
                              onDirty();
                              setChildren((current) => current.filter((_, i) => i !== index));
                            }
                          : undefined
                      }
                    />
                  ))}
                  {children.length < kiosk.maxChildren && (
                    <button
                      type="button"
                      className="button button--secondary"
                      data-testid="add-child"
                      onClick={() => {
                        onDirty();
                        setChildren((current) => [...current, BLANK_CHILD]);
                      }}
                    >
                      Add another child
                    </button>
                  )}
                </div>
              )}
            </fieldset>
          </div>
        )}

        <div className="button-group">
          <button type="submit" className="button" data-testid="submit" aria-disabled={form.busy}>
            Sign up
          </button>
        </div>
      </form>
    </>
  );
}

function ChildFields({
  index,
  child,
  kiosk,
  errorFor,
  onChange,
  onRemove,
}: {
  index: number;
  child: ChildDraft;
  kiosk: KioskForm;
  errorFor: (field: string) => string | undefined;
  onChange: (index: number, field: keyof ChildDraft) => (value: string) => void;
  onRemove?: () => void;
}) {
  const n = index + 1;
  return (
    <fieldset className="fieldset kiosk__child" data-testid={`child-${index}`}>
      <legend className="fieldset__legend">Child {n}</legend>
      <RadioGroup
        name={childId(index, "ageBand")}
        idPrefix={childId(index, "ageBand")}
        legend={`How old is child ${n}?`}
        options={kiosk.ageBands}
        value={child.ageBand}
        onChange={onChange(index, "ageBand")}
        error={errorFor(`children.${index}.ageBand`)}
      />
      <SelectField
        name={childId(index, "primaryNeed")}
        label={`Child ${n}'s main need (optional)`}
        emptyLabel="Not sure, or I would rather not say"
        options={kiosk.needs}
        value={child.primaryNeed}
        onChange={onChange(index, "primaryNeed")}
        error={errorFor(`children.${index}.primaryNeed`)}
      />
      <RadioGroup
        name={childId(index, "provision")}
        idPrefix={childId(index, "provision")}
        legend={`What support does child ${n} get at school or college?`}
        options={kiosk.provisions}
        value={child.provision}
        onChange={onChange(index, "provision")}
        error={errorFor(`children.${index}.provision`)}
      />
      {onRemove && (
        <button
          type="button"
          className="button button--secondary"
          data-testid={`remove-child-${index}`}
          onClick={onRemove}
        >
          Remove child {n}
        </button>
      )}
    </fieldset>
  );
}
