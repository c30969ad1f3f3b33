import { type FormEvent, useCallback, useContext, useEffect, useRef, useState } from "react";
import {
  affiliationSettings,
  groupRenewals,
  listAreas,
  listOrganisations,
  updateAffiliationSettings,
} from "../backend";
import type { AppError } from "../bindings/AppError";
import type { Area } from "../bindings/Area";
import type { Organisation } from "../bindings/Organisation";
import type { OrganisationFilter } from "../bindings/OrganisationFilter";
import type { OrganisationSummary } from "../bindings/OrganisationSummary";
import type { RenewalDue } from "../bindings/RenewalDue";
import type { Renewals } from "../bindings/Renewals";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorSummary } from "../components/ErrorSummary";
import { FormButtons } from "../components/FormButtons";
import { PageHeading } from "../components/PageHeading";
import { SelectField } from "../components/SelectField";
import { TextArea } from "../components/TextArea";
import { TextField } from "../components/TextField";
import { LockContext, useNotify } from "../context";
import { toAppError } from "../errors";
import {
  AFFILIATION_STATUS_OPTIONS,
  KIND_LABELS,
  KIND_OPTIONS,
  statusLabel,
} from "../groups/labels";
import { formatDate } from "../members/labels";
import { usePageTitle } from "../pageTitle";
import { canManageGroups, canViewGroups } from "../roles";
import { useForm } from "../useForm";
import { Group } from "./Group";
import { GroupForm } from "./GroupForm";
import { GroupTerms } from "./GroupTerms";
import { Reach } from "./Reach";
import { SteeringGroup } from "./SteeringGroup";

export const EMPTY_FILTER: OrganisationFilter = {
  kind: null,
  status: null,
  areaId: null,
  includeArchived: false,
  withoutAffiliation: false,
};

/**
 * The affiliation filter's own value for organisations with no affiliation at all; no status
 * describes them, so it sets `withoutAffiliation` rather than a status.
 */
const NO_AFFILIATION = "none";

const AFFILIATION_FILTER_OPTIONS = [
  ...AFFILIATION_STATUS_OPTIONS,
  { value: NO_AFFILIATION, label: "Not affiliated (no enquiry)" },
];

type Mode =
  | { name: "list" }
  | { name: "enquiry" }
  | { name: "create" }
  | { name: "group"; orgId: string; organisation: Organisation | null }
  | { name: "reach" }
  | { name: "terms" }
  | { name: "steering" }
  | { name: "settings" };

/**
 * Affiliated groups and partner bodies: the list with its filters and the renewals due, a
 * group's page, the enquiry and add forms, and the forum's reach. The filters are kept while
 * a group is open, so "Back to groups" returns to the same list.
 */
export function Groups({ session }: { session: SessionInfo }) {
  const [mode, setMode] = useState<Mode>({ name: "list" });
  const [filter, setFilter] = useState<OrganisationFilter>(EMPTY_FILTER);
  const notify = useNotify();

  if (!canViewGroups(session.role)) {
    return <NotAllowed />;
  }

  const go = (next: Mode) => {
    notify(null);
    setMode(next);
  };
  const saved = (message: string) => (organisation: Organisation) => {
    notify(message.replace("{name}", organisation.name));
    setMode({ name: "group", orgId: organisation.id, organisation });
  };

  switch (mode.name) {
    case "enquiry":
      return (
        <GroupForm
          mode={{ name: "enquiry" }}
          onSaved={saved("The enquiry from {name} has been recorded.")}
          onCancel={() => go({ name: "list" })}
        />
      );
    case "create":
      return (
        <GroupForm
          mode={{ name: "create" }}
          onSaved={saved("{name} has been added.")}
          onCancel={() => go({ name: "list" })}
        />
      );
    case "group":
      return (
        <Group
          key={mode.orgId}
          session={session}
          orgId={mode.orgId}
          initial={mode.organisation}
          onBack={() => go({ name: "list" })}
          onRemoved={(name, outcome) => {
            setMode({ name: "list" });
            notify(
              outcome === "archived"
                ? `${name} has been archived. Its history is kept.`
                : `${name} has been deleted.`,
            );
          }}
        />
      );
    case "reach":
      return <Reach onBack={() => go({ name: "list" })} />;
    case "terms":
      return <GroupTerms session={session} onBack={() => go({ name: "list" })} />;
    case "steering":
      return (
        <SteeringGroup
          onBack={() => go({ name: "list" })}
          onOpenGroup={(orgId) => go({ name: "group", orgId, organisation: null })}
        />
      );
    case "settings":
      return (
        <AffiliationSettingsForm
          onDone={(message) => {
            setMode({ name: "list" });
            notify(message);
          }}
          onCancel={() => go({ name: "list" })}
        />
      );
    case "list":
      break;
  }
  return (
    <GroupList
      session={session}
      filter={filter}
      onFilter={setFilter}
      onOpen={(orgId) => go({ name: "group", orgId, organisation: null })}
      onGo={go}
    />
  );
}

function NotAllowed() {
  usePageTitle("Groups");
  return (
    <>
      <PageHeading>Groups</PageHeading>
      <p className="body">This account can only use the sign-up form.</p>
    </>
  );
}

export function groupsFoundMessage(total: number): string {
  if (total === 0) return "No organisations found";
  return total === 1
    ? "1 organisation found"
    : `${total.toLocaleString("en-GB")} organisations found`;
}

type GroupListProps = {
  session: SessionInfo;
  filter: OrganisationFilter;
  onFilter: (filter: OrganisationFilter) => void;
  onOpen: (orgId: string) => void;
  onGo: (mode: Mode) => void;
};

function GroupList({ session, filter, onFilter, onOpen, onGo }: GroupListProps) {
  usePageTitle("Groups");
  const onLocked = useContext(LockContext);
  const [rows, setRows] = useState<OrganisationSummary[] | null>(null);
  const [renewals, setRenewals] = useState<Renewals | null>(null);
  const [areas, setAreas] = useState<Area[]>([]);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  // Only the latest filter's answer is shown, whatever order the answers arrive in.
  const latest = useRef(0);
  const manage = canManageGroups(session.role);

  const failed = useCallback(
    (thrown: unknown) => {
      const error = toAppError(thrown);
      if (error.kind === "locked" && onLocked) onLocked(error);
      else setLoadError(error);
    },
    [onLocked],
  );

  useEffect(() => {
    listAreas().then(setAreas, failed);
    groupRenewals().then(setRenewals, failed);
  }, [failed]);

  useEffect(() => {
    const id = ++latest.current;
    listOrganisations(filter).then((result) => {
      if (id === latest.current) setRows(result);
    }, failed);
  }, [filter, failed]);

  const orNull = <T extends string>(value: string) => (value === "" ? null : (value as T));

  return (
    <>
      <PageHeading>Groups</PageHeading>
      {loadError && (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">Groups could not be shown</h2>
          <p className="error-summary__message">{loadError.message}</p>
        </div>
      )}
      <p className="body">
        Local parent carer groups affiliated to the forum, and partner bodies such as the local
        authority, the NHS, schools and SENDIASS.
      </p>
      <div className="button-group">
        <button
          type="button"
          className="button"
          data-testid="record-enquiry"
          onClick={() => onGo({ name: "enquiry" })}
        >
          Record an enquiry
        </button>
        {manage && (
          <button
            type="button"
            className="button button--secondary"
            data-testid="add-organisation"
            onClick={() => onGo({ name: "create" })}
          >
            Add an organisation
          </button>
        )}
        <button
          type="button"
          className="button button--secondary"
          data-testid="open-reach"
          onClick={() => onGo({ name: "reach" })}
        >
          The forum's reach
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="open-steering-group"
          onClick={() => onGo({ name: "steering" })}
        >
          Co-opted onto the steering group
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="open-terms"
          onClick={() => onGo({ name: "terms" })}
        >
          Affiliation terms
        </button>
        {manage && (
          <button
            type="button"
            className="button button--secondary"
            data-testid="affiliation-settings"
            onClick={() => onGo({ name: "settings" })}
          >
            Affiliation settings
          </button>
        )}
      </div>
      {renewals && <RenewalsPanel renewals={renewals} onOpen={onOpen} />}
      <div className="search-panel">
        <fieldset className="fieldset filters">
          <legend className="fieldset__legend">Filter</legend>
          <div className="filters__grid">
            <SelectField
              name="filterKind"
              label="Kind"
              emptyLabel="Any kind"
              options={KIND_OPTIONS}
              value={filter.kind ?? ""}
              onChange={(value) => onFilter({ ...filter, kind: orNull(value) })}
            />
            <SelectField
              name="filterStatus"
              label="Affiliation"
              emptyLabel="Any"
              options={AFFILIATION_FILTER_OPTIONS}
              value={filter.withoutAffiliation ? NO_AFFILIATION : (filter.status ?? "")}
              onChange={(value) =>
                onFilter({
                  ...filter,
                  status: value === NO_AFFILIATION ? null : orNull(value),
                  withoutAffiliation: value === NO_AFFILIATION,
                })
              }
            />
            <SelectField
              name="filterArea"
              label="Area"
              emptyLabel="Any area"
              options={areas.map((area) => ({ value: area.id, label: area.name }))}
              value={filter.areaId ?? ""}
              onChange={(value) => onFilter({ ...filter, areaId: orNull(value) })}
            />
          </div>
        </fieldset>
      </div>
      <p
        className="body results-count"
        role="status"
        aria-live="polite"
        data-testid="results-count"
      >
        {rows ? groupsFoundMessage(rows.length) : ""}
      </p>
      {rows === null && !loadError && <p className="body">Loading…</p>}
      {rows && rows.length > 0 && (
        <div className="table-wrapper">
          <table className="table" data-testid="groups-table">
            <caption className="table__caption">Organisations</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Areas</th>
                <th scope="col">Affiliation</th>
                <th scope="col">Renewal due</th>
                <th scope="col">Families reached</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <button
                      type="button"
                      className="link-button link-button--table"
                      data-testid="open-group"
                      onClick={() => onOpen(row.id)}
                    >
                      {row.name}
                    </button>
                  </td>
                  <td>{KIND_LABELS[row.kind]}</td>
                  <td>{row.areas}</td>
                  <td>{statusLabel(row.status)}</td>
                  <td>{formatDate(row.renewalDueOn)}</td>
                  <td>{row.familiesReached?.toLocaleString("en-GB")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function daysWords(days: number): string {
  if (days === 0) return "due today";
  const n = Math.abs(days);
  const unit = n === 1 ? "day" : "days";
  return days < 0 ? `${n} ${unit} overdue` : `in ${n} ${unit}`;
}

/** What is overdue for renewal and what falls due within the window, soonest first. */
function RenewalsPanel({ renewals, onOpen }: { renewals: Renewals; onOpen: (id: string) => void }) {
  const list = (rows: RenewalDue[], testId: string) => (
    <ul className="list" data-testid={testId}>
      {rows.map((row) => (
        <li key={row.organisationId}>
          <button type="button" className="link-button" onClick={() => onOpen(row.organisationId)}>
            {row.name}
          </button>
          : {formatDate(row.renewalDueOn)} ({daysWords(row.days)})
        </li>
      ))}
    </ul>
  );
  return (
    <section className="inset" aria-labelledby="renewals-heading" data-testid="renewals-panel">
      <h2 className="heading-m" id="renewals-heading">
        Renewals due
      </h2>
      <h3 className="heading-s">Overdue</h3>
      {renewals.overdue.length === 0 ? (
        <p className="body">None.</p>
      ) : (
        list(renewals.overdue, "renewals-overdue")
      )}
      <h3 className="heading-s">Due in the next {renewals.windowDays} days</h3>
      {renewals.dueSoon.length === 0 ? (
        <p className="body">None.</p>
      ) : (
        list(renewals.dueSoon, "renewals-due-soon")
      )}
    </section>
  );
}

function AffiliationSettingsForm({
  onDone,
  onCancel,
}: {
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [months, setMonths] = useState("");
  const [benefits, setBenefits] = useState("");
  const [loaded, setLoaded] = useState(false);
  const form = useForm();
  usePageTitle("Affiliation settings", form.error !== null);

  useEffect(() => {
    void form
      .run(() => affiliationSettings())
      .then((result) => {
        if (!result.ok) return;
        setMonths(String(result.value.renewalMonths));
        setBenefits(result.value.benefits);
        setLoaded(true);
      });
  }, [form.run]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const renewalMonths = /^\s*\d+\s*$/.test(months) ? Number(months) : 0;
    const result = await form.run(() => updateAffiliationSettings({ renewalMonths, benefits }));
    if (result.ok) onDone("The affiliation settings have been saved.");
  }

  return (
    <>
      <PageHeading>Affiliation settings</PageHeading>
      <ErrorSummary
        error={form.error}
        fieldOrder={["renewalMonths", "benefits"]}
        summaryRef={form.summaryRef}
      />
      {loaded && (
        <form onSubmit={submit} noValidate>
          <TextField
            name="renewalMonths"
            label="How often do groups renew their affiliation?"
            hint="In months, from 1 to 60. Usually 12. It applies from the next approval or renewal."
            value={months}
            onChange={setMonths}
            error={form.errorFor("renewalMonths")}
            inputMode="numeric"
            autoComplete="off"
            width="width-4"
          />
          <TextArea
            name="benefits"
            label="What the forum offers affiliated groups, and asks of them"
            hint="Shown on every group's page."
            value={benefits}
            onChange={setBenefits}
            error={form.errorFor("benefits")}
            rows={8}
          />
          <FormButtons submitLabel="Save settings" busy={form.busy} onCancel={onCancel} />
        </form>
      )}
    </>
  );
}
