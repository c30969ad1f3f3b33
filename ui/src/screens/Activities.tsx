import { type FormEvent, useCallback, useContext, useEffect, useRef, useState } from "react";
import {
  formatMinutes,
  KIND_LABELS,
  KIND_OPTIONS,
  LEVEL_LABELS,
  LEVEL_OPTIONS,
  RUNG_LABELS,
  RUNG_OPTIONS,
} from "../activities/labels";
import { listActivities, listOrganisations } from "../backend";
import type { Activity } from "../bindings/Activity";
import type { ActivityFilter } from "../bindings/ActivityFilter";
import type { ActivitySummary } from "../bindings/ActivitySummary";
import type { AppError } from "../bindings/AppError";
import type { OrganisationSummary } from "../bindings/OrganisationSummary";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorSummary } from "../components/ErrorSummary";
import { PageHeading } from "../components/PageHeading";
import { SelectField } from "../components/SelectField";
import { TextField } from "../components/TextField";
import { LockContext, useNotify } from "../context";
import { toAppError } from "../errors";
import { formatDate } from "../members/labels";
import { usePageTitle } from "../pageTitle";
import { canViewActivities } from "../roles";
import { ActivityForm, QuickAdd } from "./ActivityForm";
import { ActivityPage } from "./ActivityPage";
import { Representation } from "./Representation";

export const EMPTY_ACTIVITY_FILTER: ActivityFilter = {
  kind: null,
  level: null,
  rung: null,
  organisationId: null,
  from: "",
  to: "",
  text: "",
};

type Mode =
  | { name: "list" }
  | { name: "quick" }
  | { name: "create" }
  | { name: "edit"; activity: Activity }
  | { name: "activity"; activityId: string; activity: Activity | null }
  | { name: "representation" };

/**
 * The activity log: the list with its filters, the quick add for a meeting attended, the
 * full form, an activity's page with its documents, and the representation page. The
 * filters are kept while an activity is open, so "Back" returns to the same list.
 */
export function Activities({ session }: { session: SessionInfo }) {
  const [mode, setMode] = useState<Mode>({ name: "list" });
  const [filter, setFilter] = useState<ActivityFilter>(EMPTY_ACTIVITY_FILTER);
  const notify = useNotify();

  if (!canViewActivities(session.role)) {
    return <NotAllowed />;
  }

  const go = (next: Mode) => {
    notify(null);
    setMode(next);
  };
  const saved = (message: string) => (activity: Activity) => {
    notify(message.replace("{title}", activity.title));
    setMode({ name: "activity", activityId: activity.id, activity });
  };

  switch (mode.name) {
    case "quick":
      return (
        <QuickAdd
          onSaved={saved("{title} has been added.")}
          onCancel={() => go({ name: "list" })}
        />
      );
    case "create":
      return (
        <ActivityForm
          activity={null}
          onSaved={saved("{title} has been added.")}
          onCancel={() => go({ name: "list" })}
        />
      );
    case "edit":
      return (
        <ActivityForm
          activity={mode.activity}
          onSaved={saved("The changes to {title} have been saved.")}
          onCancel={() =>
            go({ name: "activity", activityId: mode.activity.id, activity: mode.activity })
          }
        />
      );
    case "activity":
      return (
        <ActivityPage
          key={mode.activityId}
          session={session}
          activityId={mode.activityId}
          initial={mode.activity}
          onBack={() => go({ name: "list" })}
          onEdit={(activity) => go({ name: "edit", activity })}
          onDeleted={(title) => {
            setMode({ name: "list" });
            notify(`${title} has been deleted.`);
          }}
        />
      );
    case "representation":
      return <Representation session={session} onBack={() => go({ name: "list" })} />;
    case "list":
      break;
  }
  return (
    <ActivityList
      filter={filter}
      onFilter={setFilter}
      onOpen={(activityId) => go({ name: "activity", activityId, activity: null })}
      onGo={go}
    />
  );
}

function NotAllowed() {
  usePageTitle("Activities");
  return (
    <>
      <PageHeading>Activities</PageHeading>
      <p className="body">This account can only use the sign-up form.</p>
    </>
  );
}

export function activitiesFoundMessage(total: number): string {
  if (total === 0) return "No activities found";
  return total === 1 ? "1 activity found" : `${total.toLocaleString("en-GB")} activities found`;
}

type ActivityListProps = {
  filter: ActivityFilter;
  onFilter: (filter: ActivityFilter) => void;
  onOpen: (activityId: string) => void;
  onGo: (mode: Mode) => void;
};

const orNull = <T extends string>(value: string) => (value === "" ? null : (value as T));

function ActivityList({ filter, onFilter, onOpen, onGo }: ActivityListProps) {
  const onLocked = useContext(LockContext);
  const [rows, setRows] = useState<ActivitySummary[] | null>(null);
  const [organisations, setOrganisations] = useState<OrganisationSummary[]>([]);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  // The typed filters (text and dates) apply on "Apply", so a half-typed date is not an error.
  const [draft, setDraft] = useState<ActivityFilter>(filter);
  const summaryRef = useRef<HTMLDivElement>(null);
  // Only the latest filter's answer is shown, whatever order the answers arrive in.
  const latest = useRef(0);
  const filterError = loadError?.kind === "validation" ? loadError : null;
  usePageTitle("Activities", filterError !== null);

  const failed = useCallback(
    (thrown: unknown) => {
      const error = toAppError(thrown);
      if (error.kind === "locked" && onLocked) onLocked(error);
      else setLoadError(error);
    },
    [onLocked],
  );

  useEffect(() => {
    listOrganisations({
      kind: null,
      status: null,
      areaId: null,
      includeArchived: false,
      withoutAffiliation: false,
    }).then(setOrganisations, failed);
  }, [failed]);

  useEffect(() => {
    const id = ++latest.current;
    listActivities(filter).then(
      (result) => {
        if (id === latest.current) {
          setRows(result);
          setLoadError(null);
        }
      },
      (thrown: unknown) => {
        if (id === latest.current) failed(thrown);
      },
    );
  }, [filter, failed]);

  useEffect(() => {
    if (filterError) summaryRef.current?.focus();
  }, [filterError]);

  const choose = (next: ActivityFilter) => {
    setDraft(next);
    onFilter(next);
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onFilter({ ...draft, from: draft.from.trim(), to: draft.to.trim() });
  };

  return (
    <>
      <PageHeading>Activities</PageHeading>
      <ErrorSummary
        error={filterError}
        fieldOrder={["filterText", "from", "to"]}
        anchors={{ from: "filterFrom", to: "filterTo" }}
        summaryRef={summaryRef}
      />
      {loadError && !filterError && (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">Activities could not be shown</h2>
          <p className="error-summary__message">{loadError.message}</p>
        </div>
      )}
      <p className="body">
        The forum's participation: meetings, consultations, co-production and events, with what
        changed as a result. This is the evidence for the participation grant.
      </p>
      <div className="button-group">
        <button
          type="button"
          className="button"
          data-testid="quick-add"
          onClick={() => onGo({ name: "quick" })}
        >
          Add a meeting attended
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="add-activity"
          onClick={() => onGo({ name: "create" })}
        >
          Add an activity
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="open-representation"
          onClick={() => onGo({ name: "representation" })}
        >
          Representation
        </button>
      </div>
      <form className="search-panel" onSubmit={apply} noValidate>
        <fieldset className="fieldset filters">
          <legend className="fieldset__legend">Filter</legend>
          <div className="filters__grid">
            <SelectField
              name="filterKind"
              label="Kind"
              emptyLabel="Any kind"
              options={KIND_OPTIONS}
              value={filter.kind ?? ""}
              onChange={(value) => choose({ ...draft, kind: orNull(value) })}
            />
            <SelectField
              name="filterLevel"
              label="Level"
              emptyLabel="Any level"
              options={LEVEL_OPTIONS}
              value={filter.level ?? ""}
              onChange={(value) => choose({ ...draft, level: orNull(value) })}
            />
            <SelectField
              name="filterRung"
              label="Ladder rung"
              emptyLabel="Any rung"
              options={RUNG_OPTIONS}
              value={filter.rung ?? ""}
              onChange={(value) => choose({ ...draft, rung: orNull(value) })}
            />
            <SelectField
              name="filterOrganisation"
              label="Partner organisation"
              emptyLabel="Any organisation"
              options={organisations.map((org) => ({ value: org.id, label: org.name }))}
              value={filter.organisationId ?? ""}
              onChange={(value) => choose({ ...draft, organisationId: orNull(value) })}
            />
            <TextField
              name="filterFrom"
              label="From"
              hint="For example 01/04/2026"
              value={draft.from}
              onChange={(from) => setDraft({ ...draft, from })}
              error={filterError?.fields.from}
              autoComplete="off"
              spellCheck={false}
              width="width-10"
            />
            <TextField
              name="filterTo"
              label="To"
              hint="For example 30/06/2026"
              value={draft.to}
              onChange={(to) => setDraft({ ...draft, to })}
              error={filterError?.fields.to}
              autoComplete="off"
              spellCheck={false}
              width="width-10"
            />
            <TextField
              name="filterText"
              label="Words in the title or topic"
              value={draft.text}
              onChange={(text) => setDraft({ ...draft, text })}
              error={filterError?.fields.text}
              autoComplete="off"
            />
          </div>
          <div className="button-group">
            <button type="submit" className="button button--secondary" data-testid="apply-filters">
              Apply filters
            </button>
          </div>
        </fieldset>
      </form>
      <p
        className="body results-count"
        role="status"
        aria-live="polite"
        data-testid="results-count"
      >
        {rows ? activitiesFoundMessage(rows.length) : ""}
      </p>
      {rows === null && !loadError && <p className="body">Loading…</p>}
      {rows && rows.length > 0 && (
        <div className="table-wrapper">
          <table className="table" data-testid="activities-table">
            <caption className="table__caption">Activities, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Title</th>
                <th scope="col">Kind</th>
                <th scope="col">Level</th>
                <th scope="col">Rung</th>
                <th scope="col">Partners</th>
                <th scope="col">Parent carers</th>
                <th scope="col">Volunteer time</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>{formatDate(row.startsOn)}</td>
                  <td>
                    <button
                      type="button"
                      className="link-button link-button--table"
                      data-testid="open-activity"
                      onClick={() => onOpen(row.id)}
                    >
                      {row.title}
                    </button>
                  </td>
                  <td>{KIND_LABELS[row.kind]}</td>
                  <td>{row.level ? LEVEL_LABELS[row.level] : ""}</td>
                  <td>{row.rung ? RUNG_LABELS[row.rung] : ""}</td>
                  <td>{row.organisations}</td>
                  <td>{row.parentCarersEngaged > 0 ? row.parentCarersEngaged : ""}</td>
                  <td>{formatMinutes(row.volunteerMinutes)}</td>
                  <td>{row.hasOutcome ? "Recorded" : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
