import { useCallback, useContext, useEffect, useState } from "react";
import { driveResults, getDrive, startKiosk } from "../backend";
import type { AppError } from "../bindings/AppError";
import type { Drive } from "../bindings/Drive";
import type { DriveResults } from "../bindings/DriveResults";
import type { SessionInfo } from "../bindings/SessionInfo";
import { PageHeading } from "../components/PageHeading";
import { SummaryList } from "../components/SummaryList";
import { LockContext } from "../context";
import { toAppError } from "../errors";
import { AGE_BAND_LABELS, formatDate, needLabel } from "../members/labels";
import { usePageTitle } from "../pageTitle";
import { canReviewSignUps, canRunKiosk, canViewDrives } from "../roles";

/** Counts under this are shown as "fewer than 5", so a row cannot point to one family. */
export const SUPPRESS_BELOW = 5;

/** A count in a breakdown table: the number, or "fewer than 5". */
export function smallCount(n: number): string {
  return n < SUPPRESS_BELOW ? "fewer than 5" : n.toLocaleString("en-GB");
}

/** 12050 → "£120.50". */
export function money(pence: number): string {
  return `£${(pence / 100).toLocaleString("en-GB", {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`;
}

export function driveDates(drive: { startsOn: string; endsOn: string | null }): string {
  if (!drive.endsOn || drive.endsOn === drive.startsOn) return formatDate(drive.startsOn);
  return `${formatDate(drive.startsOn)} to ${formatDate(drive.endsOn)}`;
}

function days(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return `${rounded.toLocaleString("en-GB")} ${rounded === 1 ? "day" : "days"}`;
}

type DrivePageProps = {
  session: SessionInfo;
  driveId: string;
  onBack: () => void;
  onEdit: (drive: Drive) => void;
  /** The session, now a kiosk: the app shows the kiosk instead of everything else. */
  onKiosk: (session: SessionInfo) => void;
  onReview: (driveId: string) => void;
};

/** One drive: what was planned, who was there, and its results. */
export function DrivePage({ session, driveId, onBack, onEdit, onKiosk, onReview }: DrivePageProps) {
  const [drive, setDrive] = useState<Drive | null>(null);
  const [results, setResults] = useState<DriveResults | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [starting, setStarting] = useState(false);
  const onLocked = useContext(LockContext);
  usePageTitle(drive ? drive.name : "Drive", error !== null);

  const failed = useCallback(
    (thrown: unknown) => {
      const appError = toAppError(thrown);
      if (appError.kind === "locked" && onLocked) onLocked(appError);
      else setError(appError);
    },
    [onLocked],
  );

  useEffect(() => {
    getDrive(driveId).then(setDrive, failed);
    driveResults(driveId).then(setResults, failed);
  }, [driveId, failed]);

  async function start() {
    if (starting) return;
    setStarting(true);
    setError(null);
    try {
      onKiosk(await startKiosk(driveId));
    } catch (thrown) {
      failed(thrown);
      setStarting(false);
    }
  }

  const back = (
    <button type="button" className="link-button back-link" data-testid="back" onClick={onBack}>
      Back to drives
    </button>
  );

  return (
    <>
      {back}
      <PageHeading>{drive?.name ?? results?.driveName ?? "Drive"}</PageHeading>
      {error && (
        <div className="error-summary" role="alert" data-testid="drive-error">
          <h2 className="error-summary__title">There is a problem</h2>
          <p className="error-summary__message">{error.message}</p>
        </div>
      )}
      {!drive && !error && <p className="body">Loading…</p>}
      {drive && (
        <>
          {canRunKiosk(session.role) && (
            <div className="inset" data-testid="kiosk-panel">
              <h2 className="heading-m">The sign-up kiosk</h2>
              <p className="body">
                At the stall, start the kiosk: the window fills the screen with a large sign-up form
                for this drive, and nothing else in ForumDesk can be reached from it. To leave it,
                you will need your password.
              </p>
              <button
                type="button"
                className="button"
                data-testid="start-kiosk"
                aria-disabled={starting}
                onClick={() => void start()}
              >
                Start the kiosk
              </button>
            </div>
          )}
          <h2 className="heading-m">Details</h2>
          <SummaryList
            rows={[
              ["Dates", driveDates(drive)],
              ["Venue", drive.venue],
              ["Area", drive.areaName],
              ["Aimed at", aimedAt(drive)],
              ["Communities", drive.targetCommunities],
              [
                "Volunteers",
                drive.volunteersPresent === 0
                  ? ""
                  : [
                      ...drive.volunteers.map((v) => v.displayName),
                      ...(drive.extraVolunteers > 0
                        ? [
                            `${drive.extraVolunteers} ${
                              drive.extraVolunteers === 1 ? "helper" : "helpers"
                            } without an account`,
                          ]
                        : []),
                    ].join(", "),
              ],
              ["Cost", drive.costPence > 0 ? money(drive.costPence) : ""],
              ["Notes", drive.notes],
            ]}
          />
          {canViewDrives(session.role) && session.role !== "kiosk" && (
            <div className="button-group">
              <button
                type="button"
                className="button button--secondary"
                data-testid="edit-drive"
                onClick={() => onEdit(drive)}
              >
                Change the drive's details
              </button>
            </div>
          )}
        </>
      )}
      {results && (
        <Results
          results={results}
          canReview={canReviewSignUps(session.role)}
          onReview={() => onReview(driveId)}
        />
      )}
    </>
  );
}

function aimedAt(drive: Drive): string {
  return [
    ...drive.targetNeeds.map(needLabel),
    ...drive.targetAgeBands.map((band) => `children aged ${AGE_BAND_LABELS[band]}`),
  ].join("; ");
}

function Results({
  results,
  canReview,
  onReview,
}: {
  results: DriveResults;
  canReview: boolean;
  onReview: () => void;
}) {
  return (
    <section aria-labelledby="results-heading" data-testid="drive-results">
      <h2 className="heading-m" id="results-heading">
        Results
      </h2>
      <SummaryList
        rows={[
          [
            "Sign-ups",
            <span key="signups" data-testid="result-signups">
              {results.signups}
            </span>,
          ],
          [
            "Waiting for review",
            <span key="pending" data-testid="result-pending">
              {results.pending}
            </span>,
          ],
          [
            "Became members",
            <span key="new-members" data-testid="result-new-members">
              {results.newMembers}
            </span>,
          ],
          [
            "Already on record (merged)",
            <span key="merged" data-testid="result-merged">
              {results.merged}
            </span>,
          ],
          [
            "Discarded",
            <span key="discarded" data-testid="result-discarded">
              {results.discarded}
            </span>,
          ],
          [
            "How fast they joined",
            results.medianDaysToJoin === null
              ? "No one has joined yet"
              : `${days(results.medianDaysToJoin)} from signing up to joining (the middle value)`,
          ],
          [
            "Cost per new member",
            results.costPerNewMemberPence === null
              ? results.costPence > 0
                ? "No one has joined yet"
                : ""
              : money(results.costPerNewMemberPence),
          ],
        ]}
      />
      {canReview && results.pending > 0 && (
        <div className="button-group">
          <button
            type="button"
            className="button button--secondary"
            data-testid="review-drive"
            onClick={onReview}
          >
            Review this drive's sign-ups
          </button>
        </div>
      )}
      <p className="body hint">
        In the tables below, a count under 5 is shown as “fewer than 5”, so that no row points to
        one family.
      </p>
      <CountTable
        caption="Sign-ups by area"
        testId="results-by-area"
        heading="Area"
        rows={results.byArea.map((row) => ({ key: row.areaId ?? "none", ...row }))}
      />
      {results.byNeed ? (
        <CountTable
          caption="Sign-ups by their children's primary need"
          testId="results-by-need"
          heading="Primary need"
          rows={results.byNeed.map((row) => ({ key: row.need ?? "none", ...row }))}
        />
      ) : (
        <p className="body">Only officers and admins can see sign-ups by children's needs.</p>
      )}
    </section>
  );
}

function CountTable({
  caption,
  testId,
  heading,
  rows,
}: {
  caption: string;
  testId: string;
  heading: string;
  rows: { key: string; label: string; count: number }[];
}) {
  if (rows.length === 0) {
    return (
      <p className="body" data-testid={testId}>
        {caption}: none yet.
      </p>
    );
  }
  return (
    <div className="table-wrapper">
      <table className="table table--numeric" data-testid={testId}>
        <caption className="table__caption table__caption--m">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col">Sign-ups</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td>{smallCount(row.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
