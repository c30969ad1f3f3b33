import { useCallback, useContext, useEffect, useState } from "react";
import { getOrganisation, removeGroupContact } from "../backend";
import type { AffiliationStep } from "../bindings/AffiliationStep";
import type { AppError } from "../bindings/AppError";
import type { Contact } from "../bindings/Contact";
import type { CoOption } from "../bindings/CoOption";
import type { Organisation } from "../bindings/Organisation";
import type { RemoveOutcome } from "../bindings/RemoveOutcome";
import type { SessionInfo } from "../bindings/SessionInfo";
import { PageHeading } from "../components/PageHeading";
import { SummaryList } from "../components/SummaryList";
import { type Tab, Tabs } from "../components/Tabs";
import { LockContext, useNotify } from "../context";
import { toAppError } from "../errors";
import { KIND_LABELS, MEETS_LABELS, STEP_LABELS, statusLabel, stepsFor } from "../groups/labels";
import { formatDate, formatDateTime, NEED_NAMES } from "../members/labels";
import { usePageTitle } from "../pageTitle";
import { canManageGroups } from "../roles";
import { useForm } from "../useForm";
import {
  AddContactForm,
  AffiliationStepForm,
  CoOptForm,
  EndCoOptionForm,
  RemoveGroup,
  STEP_WORDS,
} from "./GroupActions";
import { GroupForm } from "./GroupForm";

export type GroupTab = "details" | "affiliation" | "contacts" | "leaders";

const TABS: readonly Tab<GroupTab>[] = [
  { id: "details", label: "Details" },
  { id: "affiliation", label: "Affiliation" },
  { id: "contacts", label: "Contacts" },
  { id: "leaders", label: "Co-opted leaders" },
];

type Mode =
  | { name: "tabs" }
  | { name: "edit" }
  | { name: "step"; step: AffiliationStep }
  | { name: "add-contact" }
  | { name: "co-opt" }
  | { name: "end-co-option"; coOption: CoOption }
  | { name: "remove" };

type GroupProps = {
  session: SessionInfo;
  orgId: string;
  /** The organisation just saved, if any: no need to read it (and audit a view) again. */
  initial: Organisation | null;
  onBack: () => void;
  onRemoved: (name: string, outcome: RemoveOutcome) => void;
};

/** One organisation's page, in tabs; each change opens its own form in its place. */
export function Group({ session, orgId, initial, onBack, onRemoved }: GroupProps) {
  const [organisation, setOrganisation] = useState<Organisation | null>(initial);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [tab, setTab] = useState<GroupTab>("details");
  const [mode, setMode] = useState<Mode>({ name: "tabs" });
  const onLocked = useContext(LockContext);
  const notify = useNotify();

  const failed = useCallback(
    (thrown: unknown) => {
      const error = toAppError(thrown);
      if (error.kind === "locked" && onLocked) onLocked(error);
      else setLoadError(error);
    },
    [onLocked],
  );

  useEffect(() => {
    if (initial) return;
    getOrganisation(orgId).then(setOrganisation, failed);
  }, [orgId, initial, failed]);

  if (!organisation) {
    return <GroupLoading error={loadError} onBack={onBack} />;
  }

  const done = (next: GroupTab) => (saved: Organisation, message: string) => {
    setOrganisation(saved);
    setTab(next);
    setMode({ name: "tabs" });
    notify(message);
  };
  const cancel = () => setMode({ name: "tabs" });
  const open = (next: Mode) => {
    notify(null);
    setMode(next);
  };

  switch (mode.name) {
    case "edit":
      return (
        <GroupForm
          mode={{ name: "edit", organisation }}
          onSaved={(saved) => done("details")(saved, `Changes to ${saved.name} have been saved.`)}
          onCancel={cancel}
        />
      );
    case "step":
      return (
        <AffiliationStepForm
          organisation={organisation}
          step={mode.step}
          onDone={done("affiliation")}
          onCancel={cancel}
        />
      );
    case "add-contact":
      return (
        <AddContactForm organisation={organisation} onDone={done("contacts")} onCancel={cancel} />
      );
    case "co-opt":
      return <CoOptForm organisation={organisation} onDone={done("leaders")} onCancel={cancel} />;
    case "end-co-option":
      return (
        <EndCoOptionForm
          organisation={organisation}
          coOption={mode.coOption}
          onDone={done("leaders")}
          onCancel={cancel}
        />
      );
    case "remove":
      return (
        <RemoveGroup
          organisation={organisation}
          onRemoved={(outcome) => onRemoved(organisation.name, outcome)}
          onCancel={cancel}
        />
      );
    case "tabs":
      break;
  }

  const manage = canManageGroups(session.role) && !organisation.archived;
  const label = TABS.find((t) => t.id === tab)?.label ?? "";
  return (
    <GroupTabs title={`${label}: ${organisation.name}`} onBack={onBack}>
      <PageHeading>{organisation.name}</PageHeading>
      {loadError && (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">There is a problem</h2>
          <p className="error-summary__message">{loadError.message}</p>
        </div>
      )}
      {organisation.archived && (
        <div className="warning">
          <p className="body">
            This organisation is archived: its record is kept but cannot change.
          </p>
        </div>
      )}
      <p className="body">
        {KIND_LABELS[organisation.kind]}. Affiliation:{" "}
        <strong data-testid="affiliation-status">
          {statusLabel(organisation.affiliation?.status)}
        </strong>
      </p>
      <Tabs label="Organisation's record" tabs={TABS} selected={tab} onSelect={setTab}>
        {tab === "details" && (
          <DetailsTab
            organisation={organisation}
            manage={manage}
            onEdit={() => open({ name: "edit" })}
            onRemove={() => open({ name: "remove" })}
          />
        )}
        {tab === "affiliation" && (
          <AffiliationTab
            organisation={organisation}
            steps={
              organisation.archived ? [] : stepsFor(session.role, organisation.affiliation?.status)
            }
            onStep={(step) => open({ name: "step", step })}
          />
        )}
        {tab === "contacts" && (
          <ContactsTab
            organisation={organisation}
            manage={manage}
            onAdd={() => open({ name: "add-contact" })}
            onRemoved={done("contacts")}
          />
        )}
        {tab === "leaders" && (
          <LeadersTab
            organisation={organisation}
            manage={manage}
            onAdd={() => open({ name: "co-opt" })}
            onEnd={(coOption) => open({ name: "end-co-option", coOption })}
          />
        )}
      </Tabs>
    </GroupTabs>
  );
}

function GroupTabs({
  title,
  onBack,
  children,
}: {
  title: string;
  onBack: () => void;
  children: React.ReactNode;
}) {
  usePageTitle(title);
  return (
    <>
      <BackLink onBack={onBack} />
      {children}
    </>
  );
}

function BackLink({ onBack }: { onBack: () => void }) {
  return (
    <button
      type="button"
      className="link-button back-link"
      data-testid="back-to-groups"
      onClick={onBack}
    >
      Back to groups
    </button>
  );
}

function GroupLoading({ error, onBack }: { error: AppError | null; onBack: () => void }) {
  usePageTitle("Group", error !== null);
  return (
    <>
      <BackLink onBack={onBack} />
      <PageHeading>{error ? "This organisation could not be shown" : "Group"}</PageHeading>
      {error ? <p className="body">{error.message}</p> : <p className="body">Loading…</p>}
    </>
  );
}

function DetailsTab({
  organisation: o,
  manage,
  onEdit,
  onRemove,
}: {
  organisation: Organisation;
  manage: boolean;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const families =
    o.familiesReached === null
      ? null
      : `About ${o.familiesReached.toLocaleString("en-GB")}${
          o.familiesEstimatedOn ? `, estimated on ${formatDate(o.familiesEstimatedOn)}` : ""
        }`;
  return (
    <>
      <h2 className="heading-m heading-m--tab">Details</h2>
      <SummaryList
        rows={[
          ["Kind", KIND_LABELS[o.kind]],
          ["Areas covered", o.areas.map((area) => area.name).join(", ")],
          [
            "Needs focus",
            o.allNeeds ? (
              "All needs"
            ) : (
              <ul className="list" key="needs">
                {o.needs.map((need) => (
                  <li key={need}>{NEED_NAMES[need]}</li>
                ))}
              </ul>
            ),
          ],
          ["How it meets", o.meets && MEETS_LABELS[o.meets]],
          // Shown as text, not a link: opening it here would take the ForumDesk window away.
          [
            "Website",
            o.website && (
              <span className="inset" data-testid="website">
                {o.website}
              </span>
            ),
          ],
          ["Public e-mail", o.publicEmail],
          ["Public phone", o.publicPhoneDisplay],
          ["Families it reaches", families],
          ["Notes", o.notes && <span className="notes">{o.notes}</span>],
        ]}
      />
      <h3 className="heading-s">What the forum offers affiliated groups, and asks of them</h3>
      {o.benefits.trim() ? (
        <p className="body notes" data-testid="benefits">
          {o.benefits}
        </p>
      ) : (
        <p className="body hint">
          Not written yet. An officer can add it under Affiliation settings.
        </p>
      )}
      {manage && (
        <div className="button-group">
          <button type="button" className="button" data-testid="edit-group" onClick={onEdit}>
            Change details
          </button>
          <button
            type="button"
            className="button button--secondary"
            data-testid="remove-group"
            onClick={onRemove}
          >
            Remove
          </button>
        </div>
      )}
    </>
  );
}

function AffiliationTab({
  organisation: o,
  steps,
  onStep,
}: {
  organisation: Organisation;
  steps: AffiliationStep[];
  onStep: (step: AffiliationStep) => void;
}) {
  const a = o.affiliation;
  return (
    <>
      <h2 className="heading-m heading-m--tab">Affiliation</h2>
      <SummaryList
        rows={[
          ["Status", statusLabel(a?.status)],
          ["Terms accepted", a?.termsVersion ? `Version ${a.termsVersion}` : null],
          ["Approved", formatDate(a?.approvedOn)],
          [
            "Renewal due",
            a?.renewalDueOn && <span data-testid="renewal-due">{formatDate(a.renewalDueOn)}</span>,
          ],
        ]}
      />
      {steps.length > 0 && (
        <div className="button-group" data-testid="affiliation-actions">
          {steps.map((step, index) => (
            <button
              key={step}
              type="button"
              className={index === 0 ? "button" : "button button--secondary"}
              data-testid={`step-${step}`}
              onClick={() => onStep(step)}
            >
              {STEP_WORDS[step].button}
            </button>
          ))}
        </div>
      )}
      {o.timeline.length === 0 ? (
        <p className="body">No affiliation steps have been recorded.</p>
      ) : (
        <div className="table-wrapper">
          <table className="table table--words" data-testid="timeline">
            <caption className="table__caption table__caption--m">Timeline, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Step</th>
                <th scope="col">Note or minute reference</th>
                <th scope="col">Recorded by</th>
              </tr>
            </thead>
            <tbody>
              {o.timeline.map((event) => (
                <tr key={event.id}>
                  <td>{formatDate(event.onDate)}</td>
                  <td>
                    {STEP_LABELS[event.step]}
                    {event.termsVersion !== null && ` (terms version ${event.termsVersion})`}
                  </td>
                  <td>{event.note && <span className="notes">{event.note}</span>}</td>
                  <td>
                    {event.recordedBy ?? "Unknown"}
                    <span className="hint">, {formatDateTime(event.recordedAt)}</span>
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

function ContactsTab({
  organisation: o,
  manage,
  onAdd,
  onRemoved,
}: {
  organisation: Organisation;
  manage: boolean;
  onAdd: () => void;
  onRemoved: (saved: Organisation, message: string) => void;
}) {
  const form = useForm();
  const remove = async (contact: Contact) => {
    const result = await form.run(() => removeGroupContact(o.id, contact.id));
    if (result.ok) {
      onRemoved(
        result.value,
        `${contact.firstName} ${contact.lastName} is no longer recorded as ${contact.role}.`,
      );
    }
  };
  return (
    <>
      <h2 className="heading-m heading-m--tab">Contacts</h2>
      {form.error && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={form.summaryRef}>
          <h3 className="error-summary__title">There is a problem</h3>
          <p className="error-summary__message">{form.error.message}</p>
        </div>
      )}
      {o.contacts.length === 0 ? (
        <p className="body">No contacts are recorded.</p>
      ) : (
        <div className="table-wrapper">
          <table className="table table--words" data-testid="contacts">
            <caption className="visually-hidden">Contacts</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">E-mail</th>
                <th scope="col">Phone</th>
                {manage && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {o.contacts.map((contact) => (
                <tr key={contact.id}>
                  <td>
                    {contact.firstName} {contact.lastName}
                  </td>
                  <td>{contact.role}</td>
                  <td>{contact.email}</td>
                  <td>{contact.phoneDisplay}</td>
                  {manage && (
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        data-testid="remove-contact"
                        aria-disabled={form.busy}
                        onClick={() => void remove(contact)}
                      >
                        Remove
                        <span className="visually-hidden">
                          {" "}
                          {contact.firstName} {contact.lastName} as {contact.role}
                        </span>
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {manage && (
        <button type="button" className="button" data-testid="add-contact" onClick={onAdd}>
          Add a contact
        </button>
      )}
    </>
  );
}

function LeadersTab({
  organisation: o,
  manage,
  onAdd,
  onEnd,
}: {
  organisation: Organisation;
  manage: boolean;
  onAdd: () => void;
  onEnd: (coOption: CoOption) => void;
}) {
  return (
    <>
      <h2 className="heading-m heading-m--tab">Co-opted leaders</h2>
      <p className="body">Leaders of this group co-opted onto the forum's steering group.</p>
      {o.coOptions.length === 0 ? (
        <p className="body">No one from this group has been co-opted.</p>
      ) : (
        <div className="table-wrapper">
          <table className="table table--words" data-testid="co-options">
            <caption className="visually-hidden">Co-opted leaders</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">From</th>
                <th scope="col">Until</th>
                <th scope="col">Note</th>
                {manage && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {o.coOptions.map((c) => (
                <tr key={c.id}>
                  <td>
                    {c.firstName} {c.lastName}
                  </td>
                  <td>{formatDate(c.fromOn)}</td>
                  <td>{c.untilOn ? formatDate(c.untilOn) : "Serving"}</td>
                  <td>{c.note && <span className="notes">{c.note}</span>}</td>
                  {manage && (
                    <td>
                      {c.untilOn === null && (
                        <button
                          type="button"
                          className="link-button"
                          data-testid="end-co-option"
                          onClick={() => onEnd(c)}
                        >
                          End
                          <span className="visually-hidden">
                            {" "}
                            {c.firstName} {c.lastName}'s co-option
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
      {manage && (
        <button type="button" className="button" data-testid="co-opt" onClick={onAdd}>
          Co-opt a leader
        </button>
      )}
    </>
  );
}
