import { type FormEvent, useContext, useEffect, useState } from "react";
import { chooseSavePath, exportTransferPack, importTransferPack, listDrives } from "../backend";
import type { DriveSummary } from "../bindings/DriveSummary";
import type { PackFile } from "../bindings/PackFile";
import type { PackImportReport } from "../bindings/PackImportReport";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorSummary } from "../components/ErrorSummary";
import { FieldError } from "../components/FieldError";
import { PasswordField } from "../components/PasswordField";
import { SelectField } from "../components/SelectField";
import { SummaryList } from "../components/SummaryList";
import { LockContext } from "../context";
import { toAppError, validationError } from "../errors";
import { formatDate } from "../members/labels";
import { useForm } from "../useForm";
import { plural, whole } from "./figures";
import { onFileField } from "./PopulationImport";
import { SectionHeading } from "./SectionHeading";

const FIELDS = [
  "driveId",
  "passphrase",
  "passphraseConfirm",
  "packFile",
  "packPassphrase",
] as const;

export const PASSPHRASE_HINT =
  "Use at least 12 characters. Three or four unrelated words make a strong passphrase that is easy to type, for example \u201cpencil otter harbour gravy\u201d. Not the drive's name. Tell it to whoever imports the pack in person or by phone, never in the same message as the file.";

/** "Coffee morning 2026-11-21.fdpack", as the core names a pack (characters files refuse replaced). */
export function packFileName(drive: Pick<DriveSummary, "name" | "startsOn">): string {
  const name = Array.from(drive.name)
    .map((c) => (/[\p{L}\p{N} _-]/u.test(c) ? c : "-"))
    .slice(0, 60)
    .join("")
    .trim();
  return `${name} ${drive.startsOn}.fdpack`;
}

/** What the passphrase checks in the UI itself find, before the save dialog opens. */
export function exportProblems(
  driveId: string,
  passphrase: string,
  confirm: string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!driveId) errors.driveId = "Select the drive whose sign-ups go in the pack";
  if (!passphrase) errors.passphrase = "Enter a passphrase for the pack";
  else if (!confirm) errors.passphraseConfirm = "Type the passphrase again";
  else if (passphrase !== confirm) errors.passphraseConfirm = "The passphrases do not match";
  return errors;
}

/**
 * Transfer packs (officers and admins): a drive laptop's sign-ups sealed in one encrypted
 * file with a passphrase, and such a file imported into this forum, with a report of what
 * was added, what was already here, and who may already be a member.
 */
export function TransferPacks({ session }: { session: SessionInfo }) {
  const allowed = session.role === "admin" || session.role === "officer";
  const onLocked = useContext(LockContext);
  const form = useForm();
  const { fail } = form;
  const [drives, setDrives] = useState<DriveSummary[]>([]);
  const [driveId, setDriveId] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const [confirm, setConfirm] = useState("");
  const [exported, setExported] = useState<{ file: PackFile; driveName: string } | null>(null);
  const [packFile, setPackFile] = useState<File | null>(null);
  const [packPassphrase, setPackPassphrase] = useState("");
  const [report, setReport] = useState<PackImportReport | null>(null);
  // A new file input after each import, so the one just imported is not chosen again unseen.
  const [fileKey, setFileKey] = useState(0);

  useEffect(() => {
    if (!allowed) return;
    listDrives().then(setDrives, (thrown: unknown) => {
      const error = toAppError(thrown);
      if (error.kind === "locked" && onLocked) onLocked(error);
      else fail(error);
    });
  }, [allowed, onLocked, fail]);

  if (!allowed) {
    return (
      <p className="body" data-testid="packs-not-allowed">
        Only officers and admins export and import transfer packs.
      </p>
    );
  }

  async function exportPack(event: FormEvent) {
    event.preventDefault();
    const problems = exportProblems(driveId, passphrase, confirm);
    const drive = drives.find((d) => d.id === driveId);
    if (Object.keys(problems).length > 0 || !drive) {
      fail(validationError(problems));
      return;
    }
    setExported(null);
    const result = await form.run(async () => {
      const path = await chooseSavePath("Save the transfer pack", packFileName(drive), {
        name: "ForumDesk transfer pack",
        extensions: ["fdpack"],
      });
      return path === null
        ? null
        : exportTransferPack(driveId, { passphrase, passphraseConfirm: confirm }, path);
    });
    if (result.ok && result.value) {
      setExported({ file: result.value, driveName: drive.name });
      setPassphrase("");
      setConfirm("");
    }
  }

  async function importPack(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!packFile) errors.packFile = "Select the transfer pack (.fdpack file) to import";
    if (!packPassphrase) errors.packPassphrase = "Enter the pack's passphrase";
    if (!packFile || !packPassphrase) {
      fail(validationError(errors));
      return;
    }
    setReport(null);
    const result = await form.run(async () => {
      try {
        return await importTransferPack(packFile, packPassphrase);
      } catch (thrown) {
        // The core names the field "passphrase"; on this page that is the import's own field.
        const error = onFileField(toAppError(thrown), "packFile");
        const { passphrase: wrong, ...others } = error.fields;
        throw wrong ? { ...error, fields: { ...others, packPassphrase: wrong } } : error;
      }
    });
    if (result.ok) {
      setReport(result.value);
      setPackFile(null);
      setPackPassphrase("");
      setFileKey((k) => k + 1);
    }
  }

  return (
    <section aria-labelledby="packs-heading" data-testid="transfer-packs">
      <SectionHeading id="packs-heading">Transfer packs</SectionHeading>
      <ErrorSummary error={form.error} fieldOrder={FIELDS} summaryRef={form.summaryRef} />
      <p className="body">
        A drive laptop often has its own small ForumDesk. A transfer pack carries a drive's sign-ups
        from it to the forum's main ForumDesk in one encrypted file: only the sign-ups, and only
        what the kiosk collected.
      </p>

      <h3 className="heading-s">Export a drive's sign-ups</h3>
      {exported && (
        <div className="warning" role="status" data-testid="pack-exported">
          <p className="body">
            The pack for {exported.driveName} is saved with{" "}
            {plural(exported.file.signups, "sign-up", "sign-ups")}.
            {exported.file.leftOut > 0 &&
              ` ${plural(exported.file.leftOut, "sign-up was", "sign-ups were")} left out because they were merged into another record or discarded.`}{" "}
            Give the passphrase to whoever imports it separately from the file.
          </p>
        </div>
      )}
      <form onSubmit={exportPack} noValidate data-testid="pack-export-form">
        <SelectField
          name="driveId"
          label="Drive"
          hint="Its sign-ups still on record go in the pack, pending or accepted."
          emptyLabel="Choose a drive"
          options={drives.map((d) => ({
            value: d.id,
            label: `${d.name}, ${formatDate(d.startsOn)} (${plural(d.signups, "sign-up", "sign-ups")})`,
          }))}
          value={driveId}
          onChange={setDriveId}
          error={form.errorFor("driveId")}
        />
        <PasswordField
          name="passphrase"
          label="Passphrase"
          hint={PASSPHRASE_HINT}
          value={passphrase}
          onChange={setPassphrase}
          error={form.errorFor("passphrase")}
          autoComplete="new-password"
          width="width-20"
        />
        <PasswordField
          name="passphraseConfirm"
          label="Passphrase again"
          hint="Type the same passphrase again."
          value={confirm}
          onChange={setConfirm}
          error={form.errorFor("passphraseConfirm")}
          autoComplete="new-password"
          width="width-20"
        />
        <button
          type="submit"
          className="button"
          data-testid="export-pack"
          aria-disabled={form.busy}
        >
          Save the pack…
        </button>
      </form>

      <h3 className="heading-s">Import a pack</h3>
      <p className="body">
        Each new sign-up joins the review queue as an applicant. Sign-ups already here are skipped,
        so importing a pack twice adds nothing.
      </p>
      {report && <ImportReport report={report} />}
      <form onSubmit={importPack} noValidate data-testid="pack-import-form">
        <PackFileField key={fileKey} error={form.errorFor("packFile")} onChange={setPackFile} />
        <PasswordField
          name="packPassphrase"
          label="The pack's passphrase"
          hint="The passphrase typed when the pack was exported on the drive laptop."
          value={packPassphrase}
          onChange={setPackPassphrase}
          error={form.errorFor("packPassphrase")}
          autoComplete="current-password"
          width="width-20"
        />
        <button
          type="submit"
          className="button"
          data-testid="import-pack"
          aria-disabled={form.busy}
        >
          Import the pack
        </button>
      </form>
    </section>
  );
}

function ImportReport({ report }: { report: PackImportReport }) {
  return (
    <div data-testid="pack-import-report">
      <div className="warning" role="status">
        <p className="body">
          {report.created === 0
            ? "Nothing new: every sign-up in this pack was already here."
            : `${plural(report.created, "sign-up", "sign-ups")} added to the review queue, to accept, merge with an existing member or discard.`}
        </p>
      </div>
      <SummaryList
        rows={[
          [
            "Drive",
            report.driveCreated ? `${report.driveName} (added to this forum)` : report.driveName,
          ],
          ["Sign-ups in the pack", whole(report.signups)],
          ["Added now", whole(report.created)],
          ["Already imported, skipped", whole(report.alreadyImported)],
          ["May already be members (duplicates)", whole(report.duplicates)],
        ]}
      />
    </div>
  );
}

function PackFileField({
  error,
  onChange,
}: {
  error: string | undefined;
  onChange: (file: File | null) => void;
}) {
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor="packFile">
        Transfer pack
      </label>
      <div className="hint" id="packFile-hint">
        The .fdpack file saved on the drive laptop.
      </div>
      {error && <FieldError id="packFile-error" message={error} />}
      <input
        className="file-upload"
        type="file"
        id="packFile"
        name="packFile"
        accept=".fdpack"
        aria-describedby={error ? "packFile-hint packFile-error" : "packFile-hint"}
        aria-invalid={error ? true : undefined}
        onChange={(event) => onChange(event.target.files?.[0] ?? null)}
      />
    </div>
  );
}
