import { useContext, useEffect, useState } from "react";
import { addBudgetLine, createGrant, listGrants, markGrantPartDone, recordSpend } from "../backend";
import type { AppError } from "../bindings/AppError";
import type { GrantPeriod } from "../bindings/GrantPeriod";
import { ErrorSummary } from "../components/ErrorSummary";
import { TextField } from "../components/TextField";
import { LockContext, useNotify } from "../context";
import { toAppError } from "../errors";
import { formatDate } from "../members/labels";
import { useForm } from "../useForm";

export const pounds = (pence: number) =>
  (pence / 100).toLocaleString("en-GB", { style: "currency", currency: "GBP" });

/** Grant years, each with its tranches, returns, and budget lines planned against actual. */
export function GrantPeriods() {
  const [grants, setGrants] = useState<GrantPeriod[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const onLocked = useContext(LockContext);

  useEffect(() => {
    listGrants().then(setGrants, (thrown: unknown) => {
      const failure = toAppError(thrown);
      if (failure.kind === "locked" && onLocked) onLocked(failure);
      else setError(failure);
    });
  }, [onLocked]);

  const replace = (grant: GrantPeriod) =>
    setGrants((all) => {
      const others = (all ?? []).filter((g) => g.id !== grant.id);
      return [grant, ...others].sort((a, b) => b.startsOn.localeCompare(a.startsOn));
    });

  return (
    <>
      {error && (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">The grant years could not be shown</h2>
          <p className="error-summary__message">{error.message}</p>
        </div>
      )}
      {grants?.length === 0 && <p className="body">No grant year has been added yet.</p>}
      {grants?.map((grant) => (
        <Grant key={grant.id} grant={grant} onChanged={replace} />
      ))}
      <NewGrant onCreated={replace} />
    </>
  );
}

function Grant({ grant, onChanged }: { grant: GrantPeriod; onChanged: (g: GrantPeriod) => void }) {
  const { error, run, busy, summaryRef } = useForm();
  const notify = useNotify();
  const done = async (partId: string, what: string) => {
    const result = await run(() => markGrantPartDone(partId, ""));
    if (result.ok) {
      onChanged(result.value);
      notify(`${what} recorded for today.`);
    }
  };
  return (
    <section
      className="card"
      aria-labelledby={`grant-${grant.id}`}
      data-testid={`grant-${grant.label}`}
    >
      <h2 className="heading-m" id={`grant-${grant.id}`}>
        Grant year {grant.label}: {pounds(grant.amountPence)}
      </h2>
      <ErrorSummary error={error} fieldOrder={[]} summaryRef={summaryRef} />
      <table className="table">
        <caption className="table__caption table__caption--s">Tranches and returns</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Due</th>
            <th scope="col">Done</th>
          </tr>
        </thead>
        <tbody>
          {grant.tranches.map((t) => (
            <tr key={t.id}>
              <th scope="row">Tranche of {pounds(t.amountPence)}</th>
              <td>{formatDate(t.dueOn)}</td>
              <td>
                {t.receivedOn ? (
                  `Received ${formatDate(t.receivedOn)}`
                ) : (
                  <button
                    type="button"
                    className="link-button"
                    disabled={busy}
                    onClick={() => void done(t.id, "Tranche received")}
                  >
                    Mark received today
                    <span className="visually-hidden"> (tranche due {formatDate(t.dueOn)})</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
          {grant.returns.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.title}</th>
              <td>{formatDate(r.dueOn)}</td>
              <td>
                {r.submittedOn ? (
                  `Submitted ${formatDate(r.submittedOn)}`
                ) : (
                  <button
                    type="button"
                    className="link-button"
                    disabled={busy}
                    onClick={() => void done(r.id, "Return submitted")}
                  >
                    Mark submitted today<span className="visually-hidden"> ({r.title})</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="table table--numeric" data-testid={`budget-${grant.label}`}>
        <caption className="table__caption table__caption--s">
          Budget: planned against actual
        </caption>
        <thead>
          <tr>
            <th scope="col">Budget line</th>
            <th scope="col">Planned</th>
            <th scope="col">Actual</th>
          </tr>
        </thead>
        <tbody>
          {grant.budget.map((line) => (
            <tr key={line.id}>
              <th scope="row">{line.name}</th>
              <td>{pounds(line.plannedPence)}</td>
              <td>{pounds(line.actualPence)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td>{pounds(grant.plannedPence)}</td>
            <td>{pounds(grant.spentPence)}</td>
          </tr>
        </tfoot>
      </table>
      <BudgetLineForm grant={grant} onChanged={onChanged} />
      {grant.budget.length > 0 && <SpendForm grant={grant} onChanged={onChanged} />}
    </section>
  );
}

function BudgetLineForm({
  grant,
  onChanged,
}: {
  grant: GrantPeriod;
  onChanged: (g: GrantPeriod) => void;
}) {
  const [name, setName] = useState("");
  const [planned, setPlanned] = useState("");
  const { error, errorFor, run, busy, summaryRef } = useForm();
  const prefix = `line-${grant.label}`;
  return (
    <form
      noValidate
      aria-label={`Add a budget line to ${grant.label}`}
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await run(() => addBudgetLine(grant.id, { name, planned }));
        if (result.ok) {
          onChanged(result.value);
          setName("");
          setPlanned("");
        }
      }}
    >
      <h3 className="heading-s">Add a budget line</h3>
      <ErrorSummary
        error={error}
        fieldOrder={["name", "planned"]}
        anchors={{ name: `${prefix}-name`, planned: `${prefix}-planned` }}
        summaryRef={summaryRef}
      />
      <TextField
        name={`${prefix}-name`}
        label="Budget line"
        value={name}
        onChange={setName}
        error={errorFor("name")}
      />
      <TextField
        name={`${prefix}-planned`}
        label="Planned, in pounds"
        value={planned}
        onChange={setPlanned}
        error={errorFor("planned")}
        width="width-10"
      />
      <button
        type="submit"
        className="button button--secondary"
        disabled={busy}
        data-testid={`add-line-${grant.label}`}
      >
        Add budget line
      </button>
    </form>
  );
}

function SpendForm({
  grant,
  onChanged,
}: {
  grant: GrantPeriod;
  onChanged: (g: GrantPeriod) => void;
}) {
  const [budgetLineId, setBudgetLineId] = useState(grant.budget[0]?.id ?? "");
  const [spentOn, setSpentOn] = useState("");
  const [amount, setAmount] = useState("");
  const [description, setDescription] = useState("");
  const { error, errorFor, run, busy, summaryRef } = useForm();
  const notify = useNotify();
  const prefix = `spend-${grant.label}`;
  return (
    <form
      noValidate
      aria-label={`Record spending in ${grant.label}`}
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await run(() => recordSpend({ budgetLineId, spentOn, amount, description }));
        if (result.ok) {
          onChanged(result.value);
          setAmount("");
          setDescription("");
          notify("Spending recorded.");
        }
      }}
    >
      <h3 className="heading-s">Record spending</h3>
      <ErrorSummary
        error={error}
        fieldOrder={["budgetLineId", "spentOn", "amount", "description"]}
        anchors={{
          budgetLineId: `${prefix}-line`,
          spentOn: `${prefix}-on`,
          amount: `${prefix}-amount`,
          description: `${prefix}-description`,
        }}
        summaryRef={summaryRef}
      />
      <div className="form-group">
        <label className="label" htmlFor={`${prefix}-line`}>
          Budget line
        </label>
        <select
          id={`${prefix}-line`}
          className="select"
          value={budgetLineId}
          onChange={(e) => setBudgetLineId(e.target.value)}
        >
          {grant.budget.map((line) => (
            <option key={line.id} value={line.id}>
              {line.name}
            </option>
          ))}
        </select>
      </div>
      <TextField
        name={`${prefix}-on`}
        label="Date spent"
        hint="For example 10/05/2026"
        value={spentOn}
        onChange={setSpentOn}
        error={errorFor("spentOn")}
        width="width-10"
      />
      <TextField
        name={`${prefix}-amount`}
        label="Amount, in pounds"
        value={amount}
        onChange={setAmount}
        error={errorFor("amount")}
        width="width-10"
      />
      <TextField
        name={`${prefix}-description`}
        label="What it was for"
        value={description}
        onChange={setDescription}
        error={errorFor("description")}
      />
      <button
        type="submit"
        className="button button--secondary"
        disabled={busy}
        data-testid={`record-spend-${grant.label}`}
      >
        Record spending
      </button>
    </form>
  );
}

function NewGrant({ onCreated }: { onCreated: (g: GrantPeriod) => void }) {
  const [year, setYear] = useState("");
  const [amount, setAmount] = useState("");
  const [tranches, setTranches] = useState([
    { dueOn: "", amount: "" },
    { dueOn: "", amount: "" },
  ]);
  const [returnDue, setReturnDue] = useState("");
  const { error, errorFor, run, busy, summaryRef } = useForm();
  const notify = useNotify();
  const setTranche = (index: number, field: "dueOn" | "amount", value: string) =>
    setTranches((all) => all.map((t, i) => (i === index ? { ...t, [field]: value } : t)));
  const trancheFields = tranches.flatMap((_, i) => [`tranches.${i}.dueOn`, `tranches.${i}.amount`]);
  return (
    <form
      noValidate
      data-testid="new-grant"
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await run(() =>
          createGrant({
            year,
            amount,
            // Blank rows are the spare second tranche left unused.
            tranches: tranches.filter((t) => t.dueOn.trim() || t.amount.trim()),
            returns: returnDue.trim() ? [{ title: "Grant return", dueOn: returnDue }] : [],
            notes: "",
          }),
        );
        if (result.ok) {
          onCreated(result.value);
          notify(`Grant year ${result.value.label} added.`);
        }
      }}
    >
      <h2 className="heading-m">Add a grant year</h2>
      <ErrorSummary
        error={error}
        fieldOrder={["year", "amount", "tranches", ...trancheFields, "returns.0.dueOn"]}
        anchors={{ tranches: "tranches.0.dueOn", "returns.0.dueOn": "return-due" }}
        summaryRef={summaryRef}
      />
      <TextField
        name="year"
        label="Year the grant starts"
        hint="April to March, for example 2026/27"
        value={year}
        onChange={setYear}
        error={errorFor("year")}
        width="width-10"
      />
      <TextField
        name="amount"
        label="Grant amount, in pounds"
        value={amount}
        onChange={setAmount}
        error={errorFor("amount")}
        width="width-10"
      />
      <fieldset
        className={`fieldset form-group${errorFor("tranches") ? " form-group--error" : ""}`}
      >
        <legend className="fieldset__legend">Tranches</legend>
        {errorFor("tranches") && (
          <p className="error-message" id="tranches-error">
            <span className="visually-hidden">Error:</span> {errorFor("tranches")}
          </p>
        )}
        {tranches.map((t, i) => (
          // The rows are positional: the core names errors by index.
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed positional rows
          <div key={i}>
            <TextField
              name={`tranches.${i}.dueOn`}
              label={`Tranche ${i + 1} due`}
              value={t.dueOn}
              onChange={(v) => setTranche(i, "dueOn", v)}
              error={errorFor(`tranches.${i}.dueOn`)}
              width="width-10"
            />
            <TextField
              name={`tranches.${i}.amount`}
              label={`Tranche ${i + 1} amount, in pounds`}
              value={t.amount}
              onChange={(v) => setTranche(i, "amount", v)}
              error={errorFor(`tranches.${i}.amount`)}
              width="width-10"
            />
          </div>
        ))}
      </fieldset>
      <TextField
        name="return-due"
        label="Grant return due (optional)"
        value={returnDue}
        onChange={setReturnDue}
        error={errorFor("returns.0.dueOn")}
        width="width-10"
      />
      <button type="submit" className="button" disabled={busy} data-testid="create-grant">
        Add grant year
      </button>
    </form>
  );
}
