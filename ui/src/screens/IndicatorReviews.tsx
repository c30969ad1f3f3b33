import { useCallback, useContext, useEffect, useState } from "react";
import { indicatorReviews, listActivities, reviewIndicator } from "../backend";
import type { ActivitySummary } from "../bindings/ActivitySummary";
import type { AppError } from "../bindings/AppError";
import type { IndicatorReview } from "../bindings/IndicatorReview";
import type { ReviewStatus } from "../bindings/ReviewStatus";
import { ErrorSummary } from "../components/ErrorSummary";
import { RadioGroup } from "../components/RadioGroup";
import { TextArea } from "../components/TextArea";
import { TextField } from "../components/TextField";
import { LockContext, useNotify } from "../context";
import { toAppError } from "../errors";
import { formatDate } from "../members/labels";
import { useForm } from "../useForm";
import { EvidencePicker } from "./EvidencePicker";

export const STATUS_OPTIONS: readonly { value: ReviewStatus; label: string }[] = [
  { value: "met", label: "Met" },
  { value: "partly", label: "Partly met" },
  { value: "not_met", label: "Not met" },
  { value: "not_yet_due", label: "Not yet due" },
];

export const STATUS_LABELS: Record<ReviewStatus, string> = Object.fromEntries(
  STATUS_OPTIONS.map((o) => [o.value, o.label]),
) as Record<ReviewStatus, string>;

/** Pick a quarter, then judge each indicator beside what the data says about it. */
export function IndicatorReviews({ canReview }: { canReview: boolean }) {
  const [quarter, setQuarter] = useState("");
  const [shown, setShown] = useState("");
  const [reviews, setReviews] = useState<IndicatorReview[] | null>(null);
  const [activities, setActivities] = useState<ActivitySummary[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const onLocked = useContext(LockContext);

  const load = useCallback(
    (which: string) => {
      setError(null);
      setActivities(null);
      const fail = (thrown: unknown) => {
        const failure = toAppError(thrown);
        if (failure.kind === "locked" && onLocked) onLocked(failure);
        else setError(failure);
      };
      indicatorReviews(which).then((loaded) => {
        setReviews(loaded);
        const quarter = loaded[0];
        // Only reviewers pick evidence; every card offers the same quarter's activities.
        if (!canReview || !quarter) return;
        listActivities({
          kind: null,
          level: null,
          rung: null,
          organisationId: null,
          from: quarter.quarterStart,
          to: quarter.quarterEnd,
          text: "",
        }).then(setActivities, fail);
      }, fail);
    },
    [onLocked, canReview],
  );

  useEffect(() => load(shown), [load, shown]);

  const first = reviews?.[0];
  return (
    <>
      <form
        className="filter"
        onSubmit={(event) => {
          event.preventDefault();
          setShown(quarter);
          load(quarter);
        }}
      >
        <TextField
          name="quarter"
          label="Quarter"
          hint="Any date in the quarter, for example 15/06/2026. Blank for this quarter."
          value={quarter}
          onChange={setQuarter}
          width="width-10"
          error={error?.fields.quarter}
        />
        <button type="submit" className="button button--secondary" data-testid="show-quarter">
          Show quarter
        </button>
      </form>
      {error && !error.fields.quarter && (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">The indicators could not be shown</h2>
          <p className="error-summary__message">{error.message}</p>
        </div>
      )}
      {first && (
        <h2 className="heading-m" data-testid="quarter-heading">
          {formatDate(first.quarterStart)} to {formatDate(first.quarterEnd)}
        </h2>
      )}
      {reviews?.map((review) => (
        <IndicatorCard
          // A new quarter is a new form: the last quarter's choices must not carry over.
          key={`${review.indicatorId}-${review.quarterStart}`}
          review={review}
          canReview={canReview}
          quarterActivities={activities}
          onSaved={(saved) =>
            setReviews((all) =>
              (all ?? []).map((r) => (r.indicatorId === saved.indicatorId ? saved : r)),
            )
          }
        />
      ))}
    </>
  );
}

function IndicatorCard({
  review,
  canReview,
  quarterActivities,
  onSaved,
}: {
  review: IndicatorReview;
  canReview: boolean;
  quarterActivities: ActivitySummary[] | null;
  onSaved: (review: IndicatorReview) => void;
}) {
  const [status, setStatus] = useState<ReviewStatus | "">(review.status ?? "");
  const [comment, setComment] = useState(review.comment ?? "");
  const [activityIds, setActivityIds] = useState(() => review.activities.map((a) => a.id));
  const [documentIds, setDocumentIds] = useState(() => review.documents.map((d) => d.id));
  const { error, errorFor, run, busy, summaryRef } = useForm();
  const notify = useNotify();
  const id = review.indicatorId;
  const evidence = [...review.activities, ...review.documents];

  const save = async () => {
    const result = await run(() =>
      reviewIndicator(id, {
        quarter: review.quarterStart,
        status: status === "" ? null : status,
        comment,
        activityIds,
        documentIds,
      }),
    );
    if (result.ok) {
      onSaved(result.value);
      notify(`Review of "${review.title}" saved.`);
    }
  };

  return (
    <section className="card" aria-labelledby={`indicator-${id}`} data-testid={`indicator-${id}`}>
      <h3 className="heading-s" id={`indicator-${id}`}>
        {review.title}
      </h3>
      <p className="body" data-testid={`computed-${id}`}>
        {review.computed
          ? `What the data says: ${review.computed}`
          : "No figure is computed for this indicator."}
      </p>
      {evidence.length > 0 && (
        <>
          <p className="body">Evidence linked:</p>
          <ul className="list">
            {evidence.map((link) => (
              <li key={link.id}>{link.title}</li>
            ))}
          </ul>
        </>
      )}
      {canReview ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <ErrorSummary
            error={error}
            fieldOrder={["status", "comment", "activityIds", "documentIds"]}
            anchors={{
              status: `${id}-status-met`,
              comment: `${id}-comment`,
              // The core names a bad link only when one was chosen, so the first box exists.
              activityIds: `${id}-activities-${activityIds[0] ?? ""}`,
              documentIds: `${id}-documents-${documentIds[0] ?? ""}`,
            }}
            summaryRef={summaryRef}
          />
          <RadioGroup
            name={`${id}-status`}
            idPrefix={`${id}-status`}
            legend="Status this quarter"
            options={STATUS_OPTIONS}
            value={status}
            onChange={setStatus}
            error={errorFor("status")}
          />
          <TextArea
            name={`${id}-comment`}
            label="Comment"
            value={comment}
            onChange={setComment}
            error={errorFor("comment")}
            rows={3}
          />
          <EvidencePicker
            name={id}
            quarterActivities={quarterActivities}
            linkedActivities={review.activities}
            linkedDocuments={review.documents}
            activityIds={activityIds}
            documentIds={documentIds}
            onChange={(activities, documents) => {
              setActivityIds(activities);
              setDocumentIds(documents);
            }}
            activityError={errorFor("activityIds")}
            documentError={errorFor("documentIds")}
          />
          <button type="submit" className="button" disabled={busy} data-testid={`save-${id}`}>
            Save review
          </button>
        </form>
      ) : (
        <p className="body" data-testid={`status-${id}`}>
          {review.status ? STATUS_LABELS[review.status] : "Not reviewed yet"}
          {review.comment ? `: ${review.comment}` : ""}
        </p>
      )}
    </section>
  );
}
