import { useCallback, useContext, useEffect, useRef, useState } from "react";
import { consentPurposes, listAreas, searchMembers } from "../backend";
import type { AppError } from "../bindings/AppError";
import type { Area } from "../bindings/Area";
import type { ConsentPurpose } from "../bindings/ConsentPurpose";
import type { MemberPage } from "../bindings/MemberPage";
import type { MemberQuery } from "../bindings/MemberQuery";
import type { MemberRecord } from "../bindings/MemberRecord";
import type { MemberSort } from "../bindings/MemberSort";
import type { SessionInfo } from "../bindings/SessionInfo";
import { PageHeading } from "../components/PageHeading";
import { SelectField } from "../components/SelectField";
import { TextField } from "../components/TextField";
import { LockContext, useNotify } from "../context";
import { toAppError } from "../errors";
import {
  canSeeSpecialCategory,
  MEMBER_TYPE_FILTER_OPTIONS,
  memberName,
  NEED_OPTIONS,
  PROVISION_OPTIONS,
  SORT_OPTIONS,
  STATUS_LABELS,
  STATUS_OPTIONS,
} from "../members/labels";
import { usePageTitle } from "../pageTitle";
import { Duplicates } from "./Duplicates";
import { ExportMembers } from "./ExportMembers";
import { ImportMembers } from "./ImportMembers";
import { Member } from "./Member";
import { MemberForm } from "./MemberForm";
import { MergeMembers } from "./MergeMembers";

export const PAGE_SIZE = 25;
/** Long enough to skip the searches between keystrokes, short enough to feel instant. */
export const SEARCH_DELAY_MS = 150;

export const EMPTY_QUERY: MemberQuery = {
  text: "",
  status: null,
  areaId: null,
  memberType: null,
  consent: null,
  need: null,
  provision: null,
  sort: "name",
  page: 1,
  pageSize: PAGE_SIZE,
};

type Mode =
  | { name: "list" }
  | { name: "add" }
  | { name: "import" }
  | { name: "export" }
  | { name: "member"; personId: string; record: MemberRecord | null }
  | { name: "duplicates" }
  // `from` is where "Back" returns to before the merge is made.
  | { name: "compare"; a: string; b: string; from: "duplicates" | "member" };

/**
 * Members: the list with search and filters, a member's page and the add form. The search
 * is kept while a member is open, so "Back to members" returns to the same results.
 */
export function Members({ session }: { session: SessionInfo }) {
  const [mode, setMode] = useState<Mode>({ name: "list" });
  const [query, setQuery] = useState<MemberQuery>(EMPTY_QUERY);
  const notify = useNotify();

  if (session.role === "kiosk") return <NotAllowed />;

  const openMember = (personId: string, record: MemberRecord | null = null) => {
    notify(null);
    setMode({ name: "member", personId, record });
  };

  if (mode.name === "add") {
    return (
      <MemberForm
        mode={{ name: "create" }}
        onSaved={(record) => {
          notify(`${memberName(record)} has been added.`);
          setMode({ name: "member", personId: record.id, record });
        }}
        onCancel={() => setMode({ name: "list" })}
        onOpenMember={(personId) => openMember(personId)}
      />
    );
  }
  if (mode.name === "duplicates") {
    return (
      <Duplicates
        session={session}
        onCompare={(a, b) => setMode({ name: "compare", a, b, from: "duplicates" })}
        onOpen={(personId) => openMember(personId)}
        onBack={() => {
          notify(null);
          setMode({ name: "list" });
        }}
      />
    );
  }
  if (mode.name === "compare") {
    const fromMember = mode.from === "member";
    return (
      <MergeMembers
        session={session}
        aId={mode.a}
        bId={mode.b}
        backLabel={fromMember ? "Back to the member's record" : "Back to possible duplicates"}
        onBack={() => {
          notify(null);
          setMode(
            fromMember
              ? { name: "member", personId: mode.a, record: null }
              : { name: "duplicates" },
          );
        }}
        onOpen={(record) => setMode({ name: "member", personId: record.id, record })}
        onDuplicates={() => setMode({ name: "duplicates" })}
      />
    );
  }
  if (mode.name === "import") {
    return <ImportMembers onBack={() => setMode({ name: "list" })} />;
  }
  if (mode.name === "export") {
    return <ExportMembers session={session} onBack={() => setMode({ name: "list" })} />;
  }
  if (mode.name === "member") {
    return (
      <Member
        session={session}
        personId={mode.personId}
        initialRecord={mode.record}
        onBack={() => {
          notify(null);
          setMode({ name: "list" });
        }}
        onCompare={(other) =>
          setMode({ name: "compare", a: mode.personId, b: other, from: "member" })
        }
      />
    );
  }
  return (
    <MemberList
      session={session}
      query={query}
      onQuery={setQuery}
      onOpen={(personId) => openMember(personId)}
      onAdd={() => {
        notify(null);
        setMode({ name: "add" });
      }}
      onImport={() => {
        notify(null);
        setMode({ name: "import" });
      }}
      onExport={() => {
        notify(null);
        setMode({ name: "export" });
      }}
      onDuplicates={() => {
        notify(null);
        setMode({ name: "duplicates" });
      }}
    />
  );
}

function NotAllowed() {
  usePageTitle("Members");
  return (
    <>
      <PageHeading>Members</PageHeading>
      <p className="body">This account can only use the sign-up form.</p>
    </>
  );
}

export function foundMessage(total: number): string {
  if (total === 0) return "No members found";
  return total === 1 ? "1 member found" : `${total.toLocaleString("en-GB")} members found`;
}

type MemberListProps = {
  session: SessionInfo;
  query: MemberQuery;
  onQuery: (query: MemberQuery) => void;
  onOpen: (personId: string) => void;
  onAdd: () => void;
  onImport: () => void;
  onExport: () => void;
  onDuplicates: () => void;
};

function MemberList({
  session,
  query,
  onQuery,
  onOpen,
  onAdd,
  onImport,
  onExport,
  onDuplicates,
}: MemberListProps) {
  usePageTitle("Members");
  const onLocked = useContext(LockContext);
  const [page, setPage] = useState<MemberPage | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [areas, setAreas] = useState<Area[]>([]);
  const [purposes, setPurposes] = useState<ConsentPurpose[]>([]);
  // Only the latest search's answer is shown, whatever order the answers arrive in.
  const latest = useRef(0);
  // After Previous or Next, focus moves to the new page of results.
  const tableRef = useRef<HTMLTableElement>(null);
  const paged = useRef(false);
  const special = canSeeSpecialCategory(session.role);

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
    consentPurposes().then(
      (all) =>
        setPurposes(all.filter((p) => p.basis === "consent" || p.basis === "explicit_consent")),
      failed,
    );
  }, [failed]);

  useEffect(() => {
    const id = ++latest.current;
    const timer = window.setTimeout(() => {
      searchMembers(query).then(
        (result) => {
          if (id !== latest.current) return;
          setPage(result);
          setLoadError(null);
          if (paged.current) {
            paged.current = false;
            window.requestAnimationFrame(() => tableRef.current?.focus());
          }
        },
        (thrown: unknown) => {
          if (id === latest.current) failed(thrown);
        },
      );
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [query, failed]);

  /** Any change of search or filter starts again from the first page. */
  const change = (update: Partial<MemberQuery>) => onQuery({ ...query, ...update, page: 1 });
  const orNull = <T extends string>(value: string) => (value === "" ? null : (value as T));

  const pages = page ? Math.max(1, Math.ceil(page.total / page.pageSize)) : 1;

  return (
    <>
      <PageHeading>Members</PageHeading>
      {loadError && (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">Members could not be shown</h2>
          <p className="error-summary__message">{loadError.message}</p>
        </div>
      )}
      <div className="button-group">
        <button type="button" className="button" data-testid="add-member" onClick={onAdd}>
          Add a member
        </button>
        {special && (
          <>
            <button
              type="button"
              className="button button--secondary"
              data-testid="import-members"
              onClick={onImport}
            >
              Import from a spreadsheet
            </button>
            <button
              type="button"
              className="button button--secondary"
              data-testid="export-members"
              onClick={onExport}
            >
              Export a mailing list
            </button>
          </>
        )}
        <button
          type="button"
          className="button button--secondary"
          data-testid="possible-duplicates"
          onClick={onDuplicates}
        >
          Possible duplicates
        </button>
      </div>
      <div className="search-panel">
        <TextField
          name="search"
          label="Search members"
          hint="Name, e-mail, phone or postcode"
          value={query.text}
          onChange={(text) => change({ text })}
          autoComplete="off"
          spellCheck={false}
          width="width-20"
        />
        <fieldset className="fieldset filters">
          <legend className="fieldset__legend">Filter and sort</legend>
          <div className="filters__grid">
            <SelectField
              name="filterStatus"
              label="Membership status"
              emptyLabel="Any status"
              options={STATUS_OPTIONS}
              value={query.status ?? ""}
              onChange={(value) => change({ status: orNull(value) })}
            />
            <SelectField
              name="filterArea"
              label="Area"
              emptyLabel="Any area"
              options={areas.map((area) => ({ value: area.id, label: area.name }))}
              value={query.areaId ?? ""}
              onChange={(value) => change({ areaId: orNull(value) })}
            />
            <SelectField
              name="filterType"
              label="Type of member"
              emptyLabel="Any type"
              options={MEMBER_TYPE_FILTER_OPTIONS}
              value={query.memberType ?? ""}
              onChange={(value) => change({ memberType: orNull(value) })}
            />
            <SelectField
              name="filterConsent"
              label="Can be contacted by"
              emptyLabel="Anyone"
              options={purposes.map((purpose) => ({ value: purpose.id, label: purpose.name }))}
              value={query.consent ?? ""}
              onChange={(value) => change({ consent: orNull(value) })}
            />
            {special && (
              <>
                <SelectField
                  name="filterNeed"
                  label="Child's need"
                  emptyLabel="Any need"
                  options={NEED_OPTIONS}
                  value={query.need ?? ""}
                  onChange={(value) => change({ need: orNull(value) })}
                />
                <SelectField
                  name="filterProvision"
                  label="Child's support"
                  emptyLabel="Any support"
                  options={PROVISION_OPTIONS}
                  value={query.provision ?? ""}
                  onChange={(value) => change({ provision: orNull(value) })}
                />
              </>
            )}
            <SelectField
              name="sort"
              label="Sort by"
              emptyLabel="Last name, A to Z"
              options={SORT_OPTIONS.filter((option) => option.value !== "name")}
              value={query.sort === "name" ? "" : query.sort}
              onChange={(value) => change({ sort: orNull<MemberSort>(value) ?? "name" })}
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
        {page ? foundMessage(page.total) : ""}
      </p>
      {page === null && !loadError && <p className="body">Searching…</p>}
      {page && page.members.length > 0 && (
        <>
          <div className="table-wrapper">
            <table className="table" data-testid="members-table" ref={tableRef} tabIndex={-1}>
              <caption className="table__caption">
                Results
                <span className="visually-hidden">
                  , page {page.page} of {pages}
                </span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Phone</th>
                  <th scope="col">Postcode</th>
                  <th scope="col">Area</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {page.members.map((member) => (
                  <tr key={member.id}>
                    <td>
                      <button
                        type="button"
                        className="link-button link-button--table"
                        data-testid="open-member"
                        onClick={() => onOpen(member.id)}
                      >
                        {memberName(member)}
                      </button>
                    </td>
                    <td>{member.email}</td>
                    <td>{member.phoneDisplay}</td>
                    <td>{member.postcode}</td>
                    <td>{member.areaName}</td>
                    <td>{STATUS_LABELS[member.status]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pagination" aria-label="Pages of results">
            {page.page > 1 && (
              <button
                type="button"
                className="button button--secondary"
                data-testid="previous-page"
                onClick={() => {
                  paged.current = true;
                  onQuery({ ...query, page: page.page - 1 });
                }}
              >
                Previous <span className="visually-hidden">page</span>
              </button>
            )}
            <p className="pagination__status">
              Page {page.page} of {pages}
            </p>
            {page.page < pages && (
              <button
                type="button"
                className="button button--secondary"
                data-testid="next-page"
                onClick={() => {
                  paged.current = true;
                  onQuery({ ...query, page: page.page + 1 });
                }}
              >
                Next <span className="visually-hidden">page</span>
              </button>
            )}
          </nav>
        </>
      )}
    </>
  );
}
