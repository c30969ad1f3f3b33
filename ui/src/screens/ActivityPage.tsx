import { type FormEvent, useCallback, useContext, useEffect, useState } from "react";
import { formatMinutes, KIND_LABELS, LEVEL_LABELS, RUNG_LABELS } from "../activities/labels";
import {
  addActivityDocument,
  deleteActivity,
  getActivity,
  removeActivityDocument,
  saveActivityDocument,
} from "../backend";
import type { Activity } from "../bindings/Activity";
import type { AppError } from "../bindings/AppError";
import type { DocumentInfo } from "../bindings/DocumentInfo";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorSummary } from "../components/ErrorSummary";
import { FieldError } from "../components/FieldError";
import { PageHeading } from "../components/PageHeading";
import { SummaryList } from "../components/SummaryList";
import { LockContext, useNotify } from "../context";
import { toAppError } from "../errors";
import { formatDate, formatDateTime } from "../members/labels";
import { usePageTitle } from "../pageTitle";
import { canManageEvidence } from "../roles";
import { useForm } from "../useForm";

type ActivityPageProps = {
  session: SessionInfo;
  activityId: string;
  /** The activity just saved, shown at once; otherwise it is loaded. */
  initial: Activity | null;
  onBack: () => void;
  onEdit: (activity: Activity) => void;
  onDeleted: (title: string) => void;
};

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** One activity: its details and outcome, its documents, and (for officers) its deletion. */
export function ActivityPage({
  session,
  activityId,
  initial,
  onBack,
  onEdit,
  onDeleted,
}: ActivityPageProps) {
  const [activity, setActivity] = useState<Activity | null>(initial);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const onLocked = useContext(LockContext);
  usePageTitle(activity?.title ?? "Activity");

  const failed = useCallback(
    (thrown: unknown) => {
      const error = toAppError(thrown);
      if (error.kind === "locked" && onLocked) onLocked(error);
      else setLoadError(error);
    },
    [onLocked],
  );

  const reload = useCallback(() => {
    getActivity(activityId).then(setActivity, failed);
  }, [activityId, failed]);

  useEffect(() => {
    if (!initial) reload();
  }, [initial, reload]);

  if (!activity) {
    return (
      <>
        <PageHeading>Activity</PageHeading>
        {loadError ? (
          <div className="error-summary" role="alert">
            <h2 className="error-summary__title">The activity could not be shown</h2>
            <p className="error-summary__message">{loadError.message}</p>
          </div>
        ) : (
          <p className="body">Loading…</p>
        )}
        <BackButton onBack={onBack} />
      </>
    );
  }

  if (confirmDelete) {
    return (
      <DeleteActivity
        activity={activity}
        onDeleted={() => onDeleted(activity.title)}
        onCancel={() => setConfirmDelete(false)}
      />
    );
  }

  const outcome = activity.youSaid || activity.weDid || activity.whatChanged;
  return (
    <>
      <PageHeading>{activity.title}</PageHeading>
      <SummaryList
        rows={[
          ["Kind", KIND_LABELS[activity.kind]],
          [
            "Date",
            activity.endsOn
              ? `${formatDate(activity.startsOn)} to ${formatDate(activity.endsOn)}`
              : formatDate(activity.startsOn),
          ],
          ["Level", activity.level ? LEVEL_LABELS[activity.level] : ""],
          ["Ladder rung", activity.rung ? RUNG_LABELS[activity.rung] : ""],
          ["Partner organisations", activity.organisations.map((org) => org.name).join(", ")],
          ["Forum members who took part", activity.people.map((person) => person.name).join(", ")],
          [
            "Parent carers engaged",
            activity.parentCarersEngaged > 0 ? String(activity.parentCarersEngaged) : "",
          ],
          ["Volunteer time", formatMinutes(activity.volunteerMinutes)],
          ["Topic or priority area", activity.topic ?? ""],
        ]}
      />
      <h2 className="heading-m">The outcome</h2>
      {outcome ? (
        <SummaryList
          rows={[
            ["You said", activity.youSaid ?? ""],
            ["We did", activity.weDid ?? ""],
            ["What changed", activity.whatChanged ?? ""],
            ["Members told", activity.loopClosedOn ? formatDate(activity.loopClosedOn) : "Not yet"],
          ]}
        />
      ) : (
        <p className="body">No outcome is recorded yet.</p>
      )}
      <div className="button-group">
        <button
          type="button"
          className="button"
          data-testid="edit-activity"
          onClick={() => onEdit(activity)}
        >
          Change the details
        </button>
        <BackButton onBack={onBack} />
      </div>
      <Documents activity={activity} onChanged={reload} />
      {canManageEvidence(session.role) && (
        <>
          <h2 className="heading-m">Delete the activity</h2>
          <button
            type="button"
            className="button button--warning"
            data-testid="delete-activity"
            onClick={() => setConfirmDelete(true)}
          >
            Delete this activity
          </button>
        </>
      )}
    </>
  );
}

function BackButton({ onBack }: { onBack: () => void }) {
  return (
    <button type="button" className="button button--secondary" data-testid="back" onClick={onBack}>
      Back to activities
    </button>
  );
}

/** The documents attached to an activity: attach, save a copy out, remove. */
function Documents({ activity, onChanged }: { activity: Activity; onChanged: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const form = useForm();
  const notify = useNotify();

  async function attach(event: FormEvent) {
    event.preventDefault();
    const chosen = file;
    const result = await form.run(() => {
      if (!chosen) {
        const error: AppError = {
          kind: "validation",
          message: "Choose a file to attach",
          fields: { file: "Choose a file to attach" },
        };
        return Promise.reject(error);
      }
      return addActivityDocument(activity.id, chosen);
    });
    if (result.ok) {
      setFile(null);
      // A file input cannot be cleared by value; a new one replaces it.
      setInputKey((n) => n + 1);
      onChanged();
      notify(`${result.value.fileName} has been attached.`);
    }
  }

  async function saveOut(document: DocumentInfo) {
    const result = await form.run(() => saveActivityDocument(document.id, document.fileName));
    if (result.ok && result.value) notify(`${document.fileName} has been saved.`);
  }

  async function remove(document: DocumentInfo) {
    const result = await form.run(() => removeActivityDocument(document.id));
    if (result.ok) {
      onChanged();
      notify(`${document.fileName} has been removed.`);
    }
  }

  const fileError = form.errorFor("file");
  return (
    <section aria-labelledby="documents-heading">
      <h2 className="heading-m" id="documents-heading">
        Documents
      </h2>
      <ErrorSummary error={form.error} fieldOrder={["file"]} summaryRef={form.summaryRef} />
      {activity.documents.length === 0 ? (
        <p className="body">No documents are attached.</p>
      ) : (
        <div className="table-wrapper">
          <table className="table" data-testid="documents-table">
            <caption className="table__caption visually-hidden">Documents</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Size</th>
                <th scope="col">Added</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {activity.documents.map((document) => (
                <tr key={document.id}>
                  <td>{document.fileName}</td>
                  <td>{size(document.size)}</td>
                  <td>{formatDateTime(document.addedAt)}</td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      data-testid="save-document"
                      onClick={() => saveOut(document)}
                    >
                      Save a copy<span className="visually-hidden"> of {document.fileName}</span>
                    </button>{" "}
                    <button
                      type="button"
                      className="link-button"
                      data-testid="remove-document"
                      onClick={() => remove(document)}
                    >
                      Remove<span className="visually-hidden"> {document.fileName}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form onSubmit={attach} noValidate>
        <div className={`form-group${fileError ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="file">
            Attach a document
          </label>
          <div className="hint" id="file-hint">
            Minutes, a report or a photo of a flip chart, up to 20 MB. It is kept inside the
            encrypted database.
          </div>
          {fileError && <FieldError id="file-error" message={fileError} />}
          <input
            key={inputKey}
            className="file-upload"
            id="file"
            name="file"
            type="file"
            aria-describedby={fileError ? "file-hint file-error" : "file-hint"}
            aria-invalid={fileError ? true : undefined}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
        <button
          type="submit"
          className="button button--secondary"
          data-testid="attach-document"
          aria-disabled={form.busy}
        >
          Attach the document
        </button>
      </form>
    </section>
  );
}

function DeleteActivity({
  activity,
  onDeleted,
  onCancel,
}: {
  activity: Activity;
  onDeleted: () => void;
  onCancel: () => void;
}) {
  const form = useForm();
  usePageTitle(`Delete ${activity.title}`, form.error !== null);
  async function confirm() {
    const result = await form.run(() => deleteActivity(activity.id));
    if (result.ok) onDeleted();
  }
  return (
    <>
      <PageHeading>Delete {activity.title}?</PageHeading>
      <ErrorSummary error={form.error} fieldOrder={[]} summaryRef={form.summaryRef} />
      <div className="warning">
        <p className="body">
          The activity, its outcome and its {activity.documents.length}{" "}
          {activity.documents.length === 1 ? "document" : "documents"} will be deleted. This cannot
          be undone; the audit trail keeps a note that it was deleted.
        </p>
      </div>
      <div className="button-group">
        <button
          type="button"
          className="button button--warning"
          data-testid="confirm-delete"
          aria-disabled={form.busy}
          onClick={confirm}
        >
          Yes, delete it
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="cancel"
          onClick={onCancel}
        >
          Cancel
        </button>
      </div>
    </>
  );
}
