import { useContext, useEffect, useState } from "react";
import { getActivity } from "../backend";
import type { ActivitySummary } from "../bindings/ActivitySummary";
import type { DocumentInfo } from "../bindings/DocumentInfo";
import type { EvidenceLink } from "../bindings/EvidenceLink";
import { CheckboxGroup } from "../components/CheckboxGroup";
import { LockContext } from "../context";
import { toAppError } from "../errors";
import { formatDate } from "../members/labels";

type EvidencePickerProps = {
  /** Keeps the boxes' ids apart when several indicators are on one page. */
  name: string;
  /** The quarter's activities; null while they load. */
  quarterActivities: ActivitySummary[] | null;
  /** What the saved review already links, which may lie outside the quarter. */
  linkedActivities: EvidenceLink[];
  linkedDocuments: EvidenceLink[];
  activityIds: string[];
  documentIds: string[];
  onChange: (activityIds: string[], documentIds: string[]) => void;
  activityError?: string;
  documentError?: string;
};

/**
 * Ticks the quarter's activities as evidence, then documents of the ticked ones. Links the
 * saved review already has stay offered even when outside the quarter, so saving never drops
 * evidence nobody unticked.
 */
export function EvidencePicker({
  name,
  quarterActivities,
  linkedActivities,
  linkedDocuments,
  activityIds,
  documentIds,
  onChange,
  activityError,
  documentError,
}: EvidencePickerProps) {
  const [documents, setDocuments] = useState<Record<string, DocumentInfo[]>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const onLocked = useContext(LockContext);

  // Documents are only in an activity's full record, so each ticked activity is fetched once.
  const missing = activityIds.filter((id) => !(id in documents)).join(",");
  useEffect(() => {
    if (!missing) return;
    for (const id of missing.split(",")) {
      getActivity(id).then(
        (activity) => setDocuments((all) => ({ ...all, [id]: activity.documents })),
        (thrown: unknown) => {
          const error = toAppError(thrown);
          if (error.kind === "locked" && onLocked) onLocked(error);
          else setFailure(error.message);
          setDocuments((all) => ({ ...all, [id]: [] }));
        },
      );
    }
  }, [missing, onLocked]);

  const inQuarter = quarterActivities ?? [];
  const activityOptions = [
    ...inQuarter.map((a) => ({ value: a.id, label: `${a.title}, ${formatDate(a.startsOn)}` })),
    ...linkedActivities
      .filter((link) => !inQuarter.some((a) => a.id === link.id))
      .map((link) => ({ value: link.id, label: link.title })),
  ];
  const titleOf = (activityId: string) =>
    activityOptions.find((o) => o.value === activityId)?.label ?? "";
  const documentOptions = activityIds.flatMap((activityId) =>
    (documents[activityId] ?? []).map((doc) => ({
      value: doc.id,
      label: `${doc.fileName} (${titleOf(activityId)})`,
    })),
  );
  for (const link of linkedDocuments) {
    if (!documentOptions.some((o) => o.value === link.id)) {
      documentOptions.push({ value: link.id, label: link.title });
    }
  }

  const chooseActivities = (chosen: string[]) => {
    // An unticked activity takes its documents with it: they were evidence through it.
    const dropped = activityIds.filter((id) => !chosen.includes(id));
    const droppedDocs = new Set(dropped.flatMap((id) => (documents[id] ?? []).map((d) => d.id)));
    onChange(
      chosen,
      documentIds.filter((id) => !droppedDocs.has(id)),
    );
  };

  return (
    <>
      {quarterActivities === null ? (
        <p className="body">Loading the quarter&rsquo;s activities…</p>
      ) : activityOptions.length === 0 ? (
        <p className="body" data-testid={`${name}-no-activities`}>
          No activities are recorded for this quarter yet.
        </p>
      ) : (
        <CheckboxGroup
          name={`${name}-activities`}
          legend="Activities that evidence it"
          hint="The activities recorded in this quarter. Select all that apply."
          options={activityOptions}
          values={activityIds}
          onChange={chooseActivities}
          error={activityError}
        />
      )}
      {failure && (
        <p className="body" role="alert">
          Some documents could not be listed: {failure}
        </p>
      )}
      {documentOptions.length > 0 && (
        <CheckboxGroup
          name={`${name}-documents`}
          legend="Documents that evidence it"
          hint="Minutes, reports or photos attached to the activities selected above."
          options={documentOptions}
          values={documentIds}
          onChange={(chosen) => onChange(activityIds, chosen)}
          error={documentError}
        />
      )}
    </>
  );
}
