import { type FormEvent, useContext, useEffect, useState } from "react";
import {
  auditActions,
  auditUsers,
  chooseSavePath,
  listAudit,
  saveAuditExport,
  verifyAudit,
} from "../backend";
import type { AuditAction } from "../bindings/AuditAction";
import type { AuditFilter } from "../bindings/AuditFilter";
import type { AuditRow } from "../bindings/AuditRow";
import type { AuditUser } from "../bindings/AuditUser";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorSummary } from "../components/ErrorSummary";
import { SelectField } from "../components/SelectField";
import { TextField } from "../components/TextField";
import { LockContext } from "../context";
import { toAppError } from "../errors";
import { useForm } from "../useForm";

const FIELDS = ["personId", "userId", "action", "from", "to"] as const;

type Filters = { personId: string; userId: string; action: string; from: string; to: string };
const EMPTY: Filters = { personId: "", userId: "", action: "", from: "", to: "" };

function toFilter(f: Filters, before: number | null): AuditFilter {
  const given = (v: string) => (v.trim() === "" ? null : v.trim());
  return {
    personId: given(f.personId),
    userId: given(f.userId),
    action: given(f.action),
    from: given(f.from),
    to: given(f.to),
    before,
    pageSize: 50,
  };
}

function when(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime())
    ? at
    : date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium" });
}

/**
 * The audit log for officers and admins: filter by person, user, kind of entry and dates;
 * page back through older entries; check the chain; export the filtered entries for an
 * auditor (members appear only by id).
 */
export function AuditLog({ session }: { session: SessionInfo }) {
  const allowed = session.role === "admin" || session.role === "officer";
  const onLocked = useContext(LockContext);
  const form = useForm();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [users, setUsers] = useState<AuditUser[]>([]);
  const [actions, setActions] = useState<AuditAction[]>([]);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    if (!allowed) return;
    const failed = (thrown: unknown) => {
      const error = toAppError(thrown);
      if (error.kind === "locked" && onLocked) onLocked(error);
    };
    Promise.resolve(auditUsers()).then((u) => Array.isArray(u) && setUsers(u), failed);
    Promise.resolve(auditActions()).then((a) => Array.isArray(a) && setActions(a), failed);
    Promise.resolve(listAudit(toFilter(EMPTY, null))).then((page) => {
      if (page) {
        setRows(page.entries);
        setNext(page.nextBefore);
      }
    }, failed);
  }, [allowed, onLocked]);

  if (!allowed) {
    return <p className="body">Only officers and admins can see the audit log.</p>;
  }

  const set = (field: keyof Filters) => (value: string) =>
    setDraft((d) => ({ ...d, [field]: value }));

  async function search(event: FormEvent) {
    event.preventDefault();
    const done = await form.run(() => listAudit(toFilter(draft, null)));
    if (done.ok) {
      setApplied(draft);
      setRows(done.value.entries);
      setNext(done.value.nextBefore);
      setStatus(
        done.value.entries.length === 0
          ? "No entries match."
          : `Showing the newest ${done.value.entries.length} matching entries.`,
      );
    }
  }

  async function older() {
    if (next === null) return;
    const done = await form.run(() => listAudit(toFilter(applied, next)));
    if (done.ok) {
      setRows((r) => [...(r ?? []), ...done.value.entries]);
      setNext(done.value.nextBefore);
      setStatus(`Showing ${(rows?.length ?? 0) + done.value.entries.length} entries.`);
    }
  }

  async function verify() {
    setStatus("Checking the audit trail…");
    const done = await form.run(() => verifyAudit());
    if (done.ok) {
      setStatus(
        done.value.intact
          ? `The audit trail is intact: ${done.value.entries} entries checked.`
          : `The audit trail has been tampered with: ${done.value.problem ?? ""}`,
      );
    } else {
      setStatus(null);
    }
  }

  async function exportCsv() {
    const today = new Date().toISOString().slice(0, 10);
    const done = await form.run(async () => {
      const path = await chooseSavePath(
        "Save the audit log for an auditor",
        `audit-log-${today}.csv`,
        {
          name: "CSV file",
          extensions: ["csv"],
        },
      );
      return path ? saveAuditExport(toFilter(applied, null), path) : null;
    });
    if (done.ok && done.value) {
      setStatus(`${done.value.entries} entries saved for the auditor.`);
    }
  }

  return (
    <section aria-labelledby="audit-heading">
      <h2 className="heading-m" id="audit-heading">
        Audit log
      </h2>
      <p className="body">
        Who did what, and when. Entries name people only by their record id, never by name.
      </p>
      <div role="status" className={status ? "notification" : "notification--empty"}>
        {status}
      </div>
      <ErrorSummary error={form.error} fieldOrder={FIELDS} summaryRef={form.summaryRef} />
      <form onSubmit={search} noValidate>
        <TextField
          name="personId"
          label="Person (record id)"
          hint="Shown on the person's record"
          value={draft.personId}
          onChange={set("personId")}
          error={form.errorFor("personId")}
          spellCheck={false}
        />
        <SelectField
          name="userId"
          label="User"
          value={draft.userId}
          onChange={set("userId")}
          emptyLabel="Any user"
          options={users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
          error={form.errorFor("userId")}
        />
        <SelectField
          name="action"
          label="What was done"
          value={draft.action}
          onChange={set("action")}
          emptyLabel="Anything"
          options={actions.map((a) => ({ value: a.action, label: a.words }))}
          error={form.errorFor("action")}
        />
        <TextField
          name="from"
          label="From"
          hint="For example, 01/04/2026"
          value={draft.from}
          onChange={set("from")}
          error={form.errorFor("from")}
          width="width-10"
        />
        <TextField
          name="to"
          label="To"
          hint="For example, 30/04/2026"
          value={draft.to}
          onChange={set("to")}
          error={form.errorFor("to")}
          width="width-10"
        />
        <div className="button-group">
          <button type="submit" className="button" disabled={form.busy}>
            Show entries
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={verify}
            data-testid="verify-audit"
          >
            Check the audit trail
          </button>
          <button type="button" className="button button--secondary" onClick={exportCsv}>
            Export for an auditor
          </button>
        </div>
      </form>
      {rows && rows.length > 0 && (
        <div className="table-wrapper">
          <table className="table" data-testid="audit-table">
            <caption className="visually-hidden">Audit entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">User</th>
                <th scope="col">What</th>
                <th scope="col">Record</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.seq}>
                  <td>{when(r.at)}</td>
                  <td>{r.userName ?? "ForumDesk"}</td>
                  <td>{r.actionWords}</td>
                  <td>
                    {r.entity}
                    {r.entityId ? ` ${r.entityId}` : ""}
                  </td>
                  <td>
                    <code>{JSON.stringify(r.changes)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows && rows.length === 0 && <p className="body">No entries match.</p>}
      {next !== null && (
        <button type="button" className="button button--secondary" onClick={older}>
          Older entries
        </button>
      )}
    </section>
  );
}
