import { type FormEvent, useEffect, useState } from "react";
import { importMembers, onImportProgress } from "../backend";
import type { DuplicatePolicy } from "../bindings/DuplicatePolicy";
import type { ImportField } from "../bindings/ImportField";
import type { Mapping } from "../bindings/ImportMapping";
import type { Problem } from "../bindings/ImportProblem";
import type { ImportProgress } from "../bindings/ImportProgress";
import type { ImportReport } from "../bindings/ImportReport";
import { Checkbox } from "../components/Checkbox";
import { ErrorSummary } from "../components/ErrorSummary";
import { FieldError } from "../components/FieldError";
import { FormButtons } from "../components/FormButtons";
import { PageHeading } from "../components/PageHeading";
import { RadioGroup } from "../components/RadioGroup";
import { SummaryList } from "../components/SummaryList";
import { validationError } from "../errors";
import { formatDateTime } from "../members/labels";
import { usePageTitle } from "../pageTitle";
import { useForm } from "../useForm";

/** The core's `ImportField::label`, in the order the core lists the fields. */
export const IMPORT_FIELD_LABELS: Readonly<Record<ImportField, string>> = {
  first_name: "First name",
  last_name: "Last name",
  full_name: "Full name",
  preferred_name: "Preferred name",
  email: "Email",
  phone: "Phone",
  address_line1: "Address line 1",
  address_line2: "Address line 2",
  town: "Town",
  postcode: "Postcode",
  area: "Area",
  heard_about: "How they heard about the forum",
  membership_type: "Membership type",
  status: "Membership status",
  date_joined: "Date joined",
  consent_email: "Consent: email news",
  consent_sms: "Consent: text messages",
  consent_post: "Consent: post",
  consent_phone: "Consent: phone calls",
  consent_surveys: "Consent: surveys and research",
  consent_photos: "Consent: photos",
  notes: "Notes",
};
const IMPORT_FIELDS = Object.keys(IMPORT_FIELD_LABELS) as ImportField[];

const DUPLICATE_OPTIONS = [
  { value: "skip", label: "Leave the existing member as they are" },
  {
    value: "merge",
    label: "Fill in the existing member's blank details from the spreadsheet",
    hint: "Details already recorded are never overwritten.",
  },
] as const;

type Policy = "good_rows" | "all_or_nothing";
const POLICY_OPTIONS = [
  { value: "good_rows", label: "Import the good rows and list the others" },
  {
    value: "all_or_nothing",
    label: "Import nothing unless every row is good",
    hint: "Correct the spreadsheet and try again until there are no problems.",
  },
] as const;

const FIELDS = ["importFile", "saveMapping"] as const;

type Step =
  | { name: "file" }
  | { name: "preview"; report: ImportReport }
  | { name: "done"; report: ImportReport };

/**
 * Importing members from a CSV or Excel file, in three steps: choose the file, check a
 * preview (a dry run: the column mapping, the counts and every problem), then import.
 */
export function ImportMembers({ onBack }: { onBack: () => void }) {
  const [step, setStep] = useState<Step>({ name: "file" });
  const [file, setFile] = useState<File | null>(null);
  // The user's own mapping once they change a choice; null maps the headings automatically.
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [duplicates, setDuplicates] = useState<DuplicatePolicy>("skip");
  const [policy, setPolicy] = useState<Policy>("good_rows");
  // Never ticked in advance: saving choices affects every later import of such a file.
  const [remember, setRemember] = useState(false);
  const [running, setRunning] = useState<"checking" | "importing" | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  // Listening for the whole visit, not per run, so a run's first counts are never missed
  // while the listener is still being set up.
  useEffect(() => onImportProgress(setProgress), []);
  const form = useForm();
  const title =
    step.name === "file"
      ? "Import members from a spreadsheet"
      : step.name === "preview"
        ? "Check the import"
        : "Import finished";
  usePageTitle(title, form.error !== null);

  async function preview(chosen: File, withMapping: Mapping | null) {
    setProgress(null);
    setRunning("checking");
    const result = await form.run(() =>
      importMembers(chosen, {
        mapping: withMapping,
        dryRun: true,
        allOrNothing: policy === "all_or_nothing",
        duplicates,
        saveMapping: remember,
      }),
    );
    setRunning(null);
    if (result.ok) {
      setMapping(result.value.mapping);
      setStep({ name: "preview", report: result.value });
    }
  }

  async function chooseFile(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      form.fail(validationError({ importFile: "Select a CSV or Excel file to import" }));
      return;
    }
    await preview(file, null);
  }

  async function runImport() {
    if (!file) return;
    setProgress(null);
    setRunning("importing");
    const result = await form.run(() =>
      importMembers(file, {
        mapping,
        dryRun: false,
        allOrNothing: policy === "all_or_nothing",
        duplicates,
        saveMapping: remember,
      }),
    );
    setRunning(null);
    if (result.ok) setStep({ name: "done", report: result.value });
  }

  return (
    <>
      <PageHeading>{title}</PageHeading>
      <ErrorSummary error={form.error} fieldOrder={FIELDS} summaryRef={form.summaryRef} />
      {running && (
        <Busy
          // A new run starts with a new live region, announcing from 10% again.
          key={running}
          dryRun={running === "checking"}
          progress={progress}
        />
      )}
      {step.name === "file" && (
        <form onSubmit={chooseFile} noValidate>
          <FileField error={form.errorFor("importFile")} onChange={setFile} />
          <FormButtons submitLabel="Continue" busy={form.busy} onCancel={onBack} />
        </form>
      )}
      {step.name === "preview" && file && (
        <>
          <p className="body">
            Nothing has been changed yet. This is what importing <strong>{file.name}</strong> would
            do.
          </p>
          <MappingOrigin report={step.report} />
          <MappingTable
            headers={step.report.headers}
            mapping={mapping ?? step.report.mapping}
            onChange={setMapping}
          />
          <Checkbox
            name="saveMapping"
            label="Remember these column choices for files with the same headings"
            hint={rememberHint(step.report)}
            checked={remember}
            onChange={setRemember}
            error={form.errorFor("saveMapping")}
            testId="save-mapping"
          />
          <button
            type="button"
            className="button button--secondary"
            data-testid="re-preview"
            aria-disabled={form.busy}
            onClick={() => preview(file, mapping)}
          >
            Check again with these choices
          </button>
          <h2 className="heading-m">What would happen</h2>
          <SummaryList
            rows={[
              ["Rows in the file", String(step.report.rows)],
              ["New members", String(step.report.created)],
              ["Existing members filled in", String(step.report.updated)],
              ["Already members (duplicates)", String(step.report.duplicates)],
              ["Rows with problems, not imported", String(step.report.rejected)],
            ]}
          />
          <Problems problems={step.report.problems} />
          <RadioGroup
            name="duplicates"
            idPrefix="duplicates"
            legend="When someone is already a member"
            options={DUPLICATE_OPTIONS}
            value={duplicates}
            onChange={setDuplicates}
          />
          <RadioGroup
            name="policy"
            idPrefix="policy"
            legend="When some rows have problems"
            options={POLICY_OPTIONS}
            value={policy}
            onChange={setPolicy}
          />
          <div className="button-group">
            <button
              type="button"
              className="button"
              data-testid="import"
              aria-disabled={form.busy}
              onClick={runImport}
            >
              Import
            </button>
            <button
              type="button"
              className="button button--secondary"
              data-testid="cancel"
              onClick={onBack}
            >
              Cancel
            </button>
          </div>
        </>
      )}
      {step.name === "done" && (
        <>
          <div className="warning" role="status" data-testid="import-summary">
            <p className="body">{summaryText(step.report)}</p>
          </div>
          {step.report.mappingSaved && (
            <p className="body" data-testid="mapping-saved">
              Your column choices will be used for files with the same headings.
            </p>
          )}
          <Problems problems={step.report.problems} />
          <button type="button" className="button" data-testid="back-to-members" onClick={onBack}>
            Back to members
          </button>
        </>
      )}
    </>
  );
}

/** Where the column choices shown came from, when they are not simply the automatic ones. */
function MappingOrigin({ report }: { report: ImportReport }) {
  if (report.mappingSource === "saved" && report.savedMapping) {
    return (
      <p className="body" data-testid="saved-mapping-used">
        Using the column choices saved on {formatDateTime(report.savedMapping.savedAt)} by{" "}
        {report.savedMapping.savedBy} for files with these headings. You can change them below.
      </p>
    );
  }
  if (report.savedMappingProblem) {
    return (
      <div className="warning" data-testid="saved-mapping-problem">
        <p className="body">{report.savedMappingProblem}</p>
      </div>
    );
  }
  return null;
}

function rememberHint(report: ImportReport): string {
  const saved = report.savedMapping;
  const replaces = saved
    ? ` This replaces the choices saved on ${formatDateTime(saved.savedAt)} by ${saved.savedBy}.`
    : "";
  return `They are saved when you import, and used the next time a file has these headings.${replaces}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function summaryText(report: ImportReport): string {
  if (!report.applied) {
    return `Nothing was imported: ${plural(report.rejected, "row has", "rows have")} problems and you chose to import nothing unless every row is good.`;
  }
  return [
    `${plural(report.created, "new member", "new members")} added`,
    `${plural(report.updated, "existing member", "existing members")} filled in`,
    `${plural(report.duplicates, "duplicate", "duplicates")}`,
    `${plural(report.rejected, "row", "rows")} not imported because of problems`,
  ].join("; ");
}

const COUNT = new Intl.NumberFormat("en-GB");

/**
 * "Checked 12,000 of 100,000 rows" for a preview, "12,000 of 100,000 rows done" for the import.
 * Once every row is counted the core still writes the search index and commits, which takes
 * a few seconds for a large file, so a full bar says what it is waiting for.
 */
export function progressText({ rowsDone, rowsTotal, dryRun }: ImportProgress): string {
  const rows = rowsTotal === 1 ? "row" : "rows";
  if (rowsDone >= rowsTotal) {
    const all = rowsTotal === 1 ? "the row" : `all ${COUNT.format(rowsTotal)} rows`;
    return dryRun ? `Checked ${all}: preparing the report…` : `Read ${all}: saving…`;
  }
  const counts = `${COUNT.format(rowsDone)} of ${COUNT.format(rowsTotal)} ${rows}`;
  return dryRun ? `Checked ${counts}` : `${counts} done`;
}

/**
 * Shown while a request runs: a bar filled by the core's counts, which arrive after each
 * batch of rows. Until the first count (or for a file without rows) the <progress> has no
 * value, which browsers and screen readers present as "busy". The count under the bar
 * changes with every batch, so screen readers are told only at each tenth of the file.
 */
function Busy({ dryRun, progress }: { dryRun: boolean; progress: ImportProgress | null }) {
  // A preview's late count must not fill the import's bar.
  const known = progress && progress.dryRun === dryRun && progress.rowsTotal > 0 ? progress : null;
  const [announced, setAnnounced] = useState({ tenth: 0, text: "" });
  const tenth = known ? Math.floor((known.rowsDone * 10) / known.rowsTotal) : 0;
  if (known && tenth > announced.tenth) {
    setAnnounced({ tenth, text: progressText(known) });
  }
  return (
    <div className="form-group" data-testid="import-busy">
      <label className="label" htmlFor="import-progress">
        {dryRun ? "Checking the file…" : "Importing…"}
      </label>
      {known ? (
        <>
          <progress
            id="import-progress"
            value={known.rowsDone}
            max={known.rowsTotal}
            aria-describedby="import-progress-count"
          />
          <p className="body" id="import-progress-count" data-testid="import-progress-count">
            {progressText(known)}
          </p>
        </>
      ) : (
        <progress id="import-progress" />
      )}
      <p className="visually-hidden" role="status" data-testid="import-progress-announcement">
        {announced.text}
      </p>
    </div>
  );
}

function FileField({
  error,
  onChange,
}: {
  error: string | undefined;
  onChange: (file: File | null) => void;
}) {
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor="importFile">
        Spreadsheet to import
      </label>
      <div className="hint" id="importFile-hint">
        A CSV file or an Excel workbook (.xlsx) with a heading row. Nothing changes until the last
        step: first you will see what the import would do.
      </div>
      {error && <FieldError id="importFile-error" message={error} />}
      <input
        className="file-upload"
        type="file"
        id="importFile"
        name="importFile"
        accept=".csv,.xlsx"
        aria-describedby={error ? "importFile-hint importFile-error" : "importFile-hint"}
        aria-invalid={error ? true : undefined}
        onChange={(event) => onChange(event.target.files?.[0] ?? null)}
      />
    </div>
  );
}

function MappingTable({
  headers,
  mapping,
  onChange,
}: {
  headers: readonly string[];
  mapping: Mapping;
  onChange: (mapping: Mapping) => void;
}) {
  return (
    <div className="table-wrapper">
      <table className="table" data-testid="import-mapping">
        <caption className="table__caption">Which member detail each column fills</caption>
        <thead>
          <tr>
            <th scope="col">Spreadsheet heading</th>
            <th scope="col">Member detail</th>
          </tr>
        </thead>
        <tbody>
          {headers.map((heading, index) => {
            const id = `mapping-${index}`;
            const name = heading || `Column ${index + 1}`;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are identified by position
              <tr key={index}>
                <th scope="row" id={`${id}-heading`}>
                  {name}
                </th>
                <td>
                  <label className="visually-hidden" htmlFor={id}>
                    Member detail for the column {name}
                  </label>
                  <select
                    className="select"
                    id={id}
                    value={mapping[index] ?? ""}
                    onChange={(event) => {
                      const next = headers.map((_, i) => mapping[i] ?? null);
                      next[index] =
                        event.target.value === "" ? null : (event.target.value as ImportField);
                      onChange(next);
                    }}
                  >
                    <option value="">Don't import</option>
                    {IMPORT_FIELDS.map((field) => (
                      <option key={field} value={field}>
                        {IMPORT_FIELD_LABELS[field]}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Problems({ problems }: { problems: readonly Problem[] }) {
  if (problems.length === 0) {
    return <p className="body">No problems were found.</p>;
  }
  return (
    <div className="table-wrapper">
      <table className="table" data-testid="import-problems">
        <caption className="table__caption">
          {plural(problems.length, "problem", "problems")} (rows are numbered as in the spreadsheet)
        </caption>
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Column</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a row can have several problems
            <tr key={index}>
              <td>{problem.row}</td>
              <td>{problem.column}</td>
              <td>{problem.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
