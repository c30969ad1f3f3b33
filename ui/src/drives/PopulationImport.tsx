import { type FormEvent, useState } from "react";
import { importPopulation } from "../backend";
import type { AppError } from "../bindings/AppError";
import type { Problem } from "../bindings/ImportProblem";
import type { Population } from "../bindings/Population";
import type { PopulationImportReport } from "../bindings/PopulationImportReport";
import { ErrorSummary } from "../components/ErrorSummary";
import { FieldError } from "../components/FieldError";
import { FormButtons } from "../components/FormButtons";
import { TextField } from "../components/TextField";
import { toAppError, validationError } from "../errors";
import { useForm } from "../useForm";
import { plural, whole } from "./figures";
import { SOURCE_HINT, sourceInput, YEAR_HINT } from "./PopulationSourceForm";
import { SectionHeading } from "./SectionHeading";

const FIELDS = ["populationFile", "year", "source"] as const;

/** The CSV template, as the README documents it. */
export const TEMPLATE = `area,primary_need,age_band,children
Preston,ASD,5-10,480
Preston,Social emotional and mental health,11-15,310
Chorley,SEMH,11 to 15,150`;

/**
 * A problem with the file as a whole (no column heading, too big, not a spreadsheet) has no
 * field of its own: it belongs on the file chooser.
 */
export function onFileField(error: AppError, field: string): AppError {
  if (error.kind !== "validation" || Object.keys(error.fields).length > 0) return error;
  return { ...error, fields: { [field]: error.message } };
}

/**
 * Imports the population figures from a CSV or Excel file laid out as the README's template.
 * Every row is checked first: with any problem nothing changes, and every problem is listed
 * with its row and column; otherwise the file's figures replace all those held.
 */
export function PopulationImport({
  figures,
  onDone,
}: {
  figures: Population | null;
  onDone: (imported: boolean) => void;
}) {
  const form = useForm();
  const [file, setFile] = useState<File | null>(null);
  const [year, setYear] = useState(figures?.year == null ? "" : String(figures.year));
  const [source, setSource] = useState(figures?.source ?? "");
  const [report, setReport] = useState<PopulationImportReport | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = sourceInput(year, source);
    const errors: Record<string, string> = checked.ok ? {} : checked.error;
    if (!file) errors.populationFile = "Select a CSV or Excel file of population figures";
    if (!file || !checked.ok) {
      form.fail(validationError(errors));
      return;
    }
    setReport(null);
    const result = await form.run(async () => {
      try {
        return await importPopulation(file, checked.input);
      } catch (thrown) {
        throw onFileField(toAppError(thrown), "populationFile");
      }
    });
    if (result.ok) setReport(result.value);
  }

  if (report?.applied) {
    return (
      <section aria-labelledby="population-import-heading" data-testid="population-import-done">
        <SectionHeading id="population-import-heading" focus>
          Population figures imported
        </SectionHeading>
        <div className="warning" role="status" data-testid="population-import-summary">
          <p className="body">
            {plural(report.cells, "figure", "figures")} imported from {file?.name}, for{" "}
            {whole(report.totalChildren)} children and young people. They replace the figures held
            before.
          </p>
        </div>
        <IgnoredColumns columns={report.ignoredColumns} />
        <button
          type="button"
          className="button"
          data-testid="back-to-figures"
          onClick={() => onDone(true)}
        >
          Back to the figures
        </button>
      </section>
    );
  }

  return (
    <section aria-labelledby="population-import-heading" data-testid="population-import">
      <SectionHeading id="population-import-heading" focus>
        Import population figures
      </SectionHeading>
      <ErrorSummary
        error={form.error}
        fieldOrder={FIELDS}
        anchors={{ year: "importYear", source: "importSource" }}
        summaryRef={form.summaryRef}
      />
      {report && (
        <div data-testid="population-import-problems">
          <div className="warning" role="status">
            <p className="body">
              Nothing was imported: {plural(report.problems.length, "problem was", "problems were")}{" "}
              found in {plural(report.rows, "row", "rows")}. Correct the file and import it again;
              the figures held are unchanged.
            </p>
          </div>
          <Problems problems={report.problems} />
          <IgnoredColumns columns={report.ignoredColumns} />
        </div>
      )}
      <p className="body">
        The file needs a heading row with four columns, one row per area, primary need and age band.
        The README describes this template in full, under "Recruitment drives", "Where to aim the
        next drive". For example:
      </p>
      <pre className="template" data-testid="population-template">
        {TEMPLATE}
      </pre>
      <ul className="list list--bullet">
        <li>area: one of the forum's areas, named exactly as under Areas;</li>
        <li>
          primary_need: a SEN2 code such as ASD, SEMH or SLCN, or the need's name, for example
          "Autistic spectrum disorder";
        </li>
        <li>age_band: 0-4, 5-10, 11-15, 16-19 or 20-25 (or "5 to 10");</li>
        <li>children: the number of children and young people, a whole number.</li>
      </ul>
      <form onSubmit={submit} noValidate>
        <FileField error={form.errorFor("populationFile")} onChange={setFile} />
        <TextField
          name="importYear"
          label="Year the figures describe"
          hint={YEAR_HINT}
          value={year}
          onChange={setYear}
          error={form.errorFor("year")}
          autoComplete="off"
          inputMode="numeric"
          width="width-4"
        />
        <TextField
          name="importSource"
          label="Where the figures come from"
          hint={SOURCE_HINT}
          value={source}
          onChange={setSource}
          error={form.errorFor("source")}
          autoComplete="off"
        />
        <FormButtons
          submitLabel="Import the figures"
          busy={form.busy}
          onCancel={() => onDone(false)}
        />
      </form>
    </section>
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
      <label className="label" htmlFor="populationFile">
        File of population figures
      </label>
      <div className="hint" id="populationFile-hint">
        A CSV file or an Excel workbook (.xlsx). Its figures replace all those held, but only if
        every row is right: otherwise nothing changes and you see every problem.
      </div>
      {error && <FieldError id="populationFile-error" message={error} />}
      <input
        className="file-upload"
        type="file"
        id="populationFile"
        name="populationFile"
        accept=".csv,.xlsx"
        aria-describedby={
          error ? "populationFile-hint populationFile-error" : "populationFile-hint"
        }
        aria-invalid={error ? true : undefined}
        onChange={(event) => onChange(event.target.files?.[0] ?? null)}
      />
    </div>
  );
}

function IgnoredColumns({ columns }: { columns: readonly string[] }) {
  if (columns.length === 0) return null;
  return (
    <p className="body" data-testid="population-ignored-columns">
      Columns not part of the template were left unread: {columns.join(", ")}.
    </p>
  );
}

function Problems({ problems }: { problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <div className="table-wrapper">
      <table className="table" data-testid="population-problems">
        <caption className="table__caption table__caption--m">
          {plural(problems.length, "problem", "problems")} (rows are numbered as in the spreadsheet,
          the heading row is row 1)
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
