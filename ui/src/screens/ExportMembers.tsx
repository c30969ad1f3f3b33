import { type FormEvent, useContext, useEffect, useState } from "react";
import { chooseExportPath, consentPurposes, exportMembers } from "../backend";
import type { ConsentPurpose } from "../bindings/ConsentPurpose";
import type { ExportFile } from "../bindings/ExportFile";
import type { ExportFormat } from "../bindings/ExportFormat";
import type { SessionInfo } from "../bindings/SessionInfo";
import { Checkbox } from "../components/Checkbox";
import { ErrorSummary } from "../components/ErrorSummary";
import { PageHeading } from "../components/PageHeading";
import { RadioGroup } from "../components/RadioGroup";
import { SelectField } from "../components/SelectField";
import { LockContext } from "../context";
import { toAppError, validationError } from "../errors";
import { usePageTitle } from "../pageTitle";
import { useForm } from "../useForm";

const FIELDS = ["purpose", "format", "includeSpecial"] as const;
const ANCHORS = { format: "format-csv" };

const FORMAT_OPTIONS = [
  { value: "csv", label: "CSV", hint: "Opens in any spreadsheet or mail-merge program." },
  { value: "xlsx", label: "Excel workbook (.xlsx)" },
] as const;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The summary after saving: who was written, and who agreed but cannot be reached. */
export function exportSummary(file: ExportFile): string {
  return `${plural(file.rows, "person", "people")} written to ${file.fileName}; ${plural(
    file.missingContact,
    "person agreed but has",
    "people agreed but have",
  )} no e-mail address.`;
}

/**
 * Exporting a mailing list: only the people who agreed to the chosen purpose. The file is
 * written where the user chooses in the native "Save as" dialog.
 */
export function ExportMembers({ session, onBack }: { session: SessionInfo; onBack: () => void }) {
  usePageTitle("Export a mailing list");
  const onLocked = useContext(LockContext);
  const [purposes, setPurposes] = useState<ConsentPurpose[]>([]);
  const [purpose, setPurpose] = useState("");
  const [format, setFormat] = useState<ExportFormat | "">("");
  const [includeSpecial, setIncludeSpecial] = useState(false);
  const [saved, setSaved] = useState<ExportFile | null>(null);
  const form = useForm();
  const { fail } = form;
  const admin = session.role === "admin";

  useEffect(() => {
    consentPurposes().then(
      (all) =>
        // Never the special category purpose itself: that is not a reason to write to anyone.
        setPurposes(all.filter((p) => !p.special)),
      (thrown: unknown) => {
        const error = toAppError(thrown);
        if (error.kind === "locked" && onLocked) onLocked(error);
        else fail(error);
      },
    );
  }, [onLocked, fail]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!purpose) errors.purpose = "Select what the list is for";
    if (!format) errors.format = "Select CSV or Excel";
    if (!format || !purpose) {
      form.fail(validationError(errors));
      return;
    }
    const input = { purpose, format, includeSpecial: admin && includeSpecial };
    const result = await form.run(async () => {
      const path = await chooseExportPath(
        `mailing-list-${purpose}.${format === "xlsx" ? "xlsx" : "csv"}`,
        format === "xlsx",
      );
      return path === null ? null : exportMembers(input, path);
    });
    if (result.ok && result.value) setSaved(result.value);
  }

  return (
    <>
      <PageHeading>Export a mailing list</PageHeading>
      <ErrorSummary
        error={form.error}
        fieldOrder={FIELDS}
        anchors={ANCHORS}
        summaryRef={form.summaryRef}
      />
      {saved && (
        <div className="warning" role="status" data-testid="export-summary">
          <p className="body">{exportSummary(saved)}</p>
        </div>
      )}
      <form onSubmit={submit} noValidate>
        <SelectField
          name="purpose"
          label="What is the list for?"
          hint="Only people who have agreed to this are included."
          emptyLabel="Choose a purpose"
          options={purposes.map((p) => ({ value: p.id, label: p.name }))}
          value={purpose}
          onChange={setPurpose}
          error={form.errorFor("purpose")}
        />
        <RadioGroup
          name="format"
          idPrefix="format"
          legend="File type"
          options={FORMAT_OPTIONS}
          value={format}
          onChange={setFormat}
          error={form.errorFor("format")}
        />
        {admin && (
          <Checkbox
            name="includeSpecial"
            label="Include children's needs and equality information"
            hint="Warning: this is special category information. Only include it when the purpose needs it, and keep the file safe."
            checked={includeSpecial}
            onChange={setIncludeSpecial}
            error={form.errorFor("includeSpecial")}
          />
        )}
        <div className="button-group">
          <button type="submit" className="button" data-testid="submit" aria-disabled={form.busy}>
            Save…
          </button>
          <button
            type="button"
            className="button button--secondary"
            data-testid="back-to-members"
            onClick={onBack}
          >
            Back to members
          </button>
        </div>
      </form>
    </>
  );
}
