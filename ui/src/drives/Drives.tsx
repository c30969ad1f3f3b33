import { useCallback, useContext, useEffect, useState } from "react";
import { listDrives } from "../backend";
import type { AppError } from "../bindings/AppError";
import type { Drive } from "../bindings/Drive";
import type { DriveSummary } from "../bindings/DriveSummary";
import type { SessionInfo } from "../bindings/SessionInfo";
import { PageHeading } from "../components/PageHeading";
import { type Tab, Tabs } from "../components/Tabs";
import { LockContext, useNotify } from "../context";
import { toAppError } from "../errors";
import { usePageTitle } from "../pageTitle";
import { canReviewSignUps, canViewDrives } from "../roles";
import { DriveForm } from "./DriveForm";
import { DrivePage, driveDates } from "./DrivePage";
import { ReachGap } from "./ReachGap";
import { ReviewQueue } from "./ReviewQueue";
import { TransferPacks } from "./TransferPacks";

// The area's tabs: the drives and the review queue here; "Where to aim next" (ReachGap) and
// "Transfer packs" (TransferPacks) are screens of their own, for officers and admins.
export type DrivesTab = "drives" | "review" | "reach" | "packs";

type Mode =
  | { name: "area" }
  | { name: "create" }
  | { name: "edit"; drive: Drive }
  | { name: "drive"; driveId: string }
  | { name: "review-drive"; driveId: string };

type DrivesProps = {
  session: SessionInfo;
  /** Called with the session once it has become the kiosk for a drive. */
  onKiosk: (session: SessionInfo) => void;
  initialTab?: DrivesTab;
};

/**
 * Recruitment drives: the list, a drive's page with its results and the kiosk button, the
 * drive form, and (for officers and admins) the queue of sign-ups to review.
 */
export function Drives({ session, onKiosk, initialTab = "drives" }: DrivesProps) {
  const [mode, setMode] = useState<Mode>({ name: "area" });
  const officer = canReviewSignUps(session.role);
  const [tab, setTab] = useState<DrivesTab>(officer ? initialTab : "drives");
  const notify = useNotify();

  if (!canViewDrives(session.role)) return <NotAllowed />;

  const go = (next: Mode) => {
    notify(null);
    setMode(next);
  };

  switch (mode.name) {
    case "create":
      return (
        <DriveForm
          session={session}
          drive={null}
          onSaved={(drive) => {
            notify(`${drive.name} has been added.`);
            setMode({ name: "drive", driveId: drive.id });
          }}
          onCancel={() => go({ name: "area" })}
        />
      );
    case "edit":
      return (
        <DriveForm
          session={session}
          drive={mode.drive}
          onSaved={(drive) => {
            notify(`The details of ${drive.name} have been saved.`);
            setMode({ name: "drive", driveId: drive.id });
          }}
          onCancel={() => go({ name: "drive", driveId: mode.drive.id })}
        />
      );
    case "drive":
      return (
        <DrivePage
          key={mode.driveId}
          session={session}
          driveId={mode.driveId}
          onBack={() => go({ name: "area" })}
          onEdit={(drive) => go({ name: "edit", drive })}
          onKiosk={onKiosk}
          onReview={(driveId) => go({ name: "review-drive", driveId })}
        />
      );
    case "review-drive":
      return (
        <>
          <button
            type="button"
            className="link-button back-link"
            data-testid="back"
            onClick={() => go({ name: "drive", driveId: mode.driveId })}
          >
            Back to the drive
          </button>
          <PageHeading>Sign-ups to review</PageHeading>
          <ReviewQueue driveId={mode.driveId} />
        </>
      );
    case "area":
      break;
  }

  const tabs: Tab<DrivesTab>[] = [
    { id: "drives", label: "Drives" },
    ...(officer
      ? [
          { id: "review" as const, label: "Sign-ups to review" },
          // Slot: "Where to aim next" (ReachGap, from ./ReachGap).
          { id: "reach" as const, label: "Where to aim next" },
          // Slot: "Transfer packs" (TransferPacks, from ./TransferPacks).
          { id: "packs" as const, label: "Transfer packs" },
        ]
      : []),
  ];

  return (
    <>
      <PageHeading>Recruitment drives</PageHeading>
      <Tabs label="Recruitment drives" tabs={tabs} selected={tab} onSelect={setTab}>
        {tab === "drives" && (
          <DriveList
            onCreate={() => go({ name: "create" })}
            onOpen={(driveId) => go({ name: "drive", driveId })}
          />
        )}
        {tab === "review" && <ReviewQueue driveId={null} />}
        {tab === "reach" && <ReachGap session={session} />}
        {tab === "packs" && <TransferPacks session={session} />}
      </Tabs>
    </>
  );
}

function NotAllowed() {
  usePageTitle("Recruitment drives");
  return (
    <>
      <PageHeading>Recruitment drives</PageHeading>
      <p className="body">This account can only use the sign-up form.</p>
    </>
  );
}

export function drivesFoundMessage(n: number): string {
  if (n === 0) return "No drives yet";
  return n === 1 ? "1 drive" : `${n.toLocaleString("en-GB")} drives`;
}

function DriveList({ onCreate, onOpen }: { onCreate: () => void; onOpen: (id: string) => void }) {
  usePageTitle("Recruitment drives");
  const onLocked = useContext(LockContext);
  const [rows, setRows] = useState<DriveSummary[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const failed = useCallback(
    (thrown: unknown) => {
      const appError = toAppError(thrown);
      if (appError.kind === "locked" && onLocked) onLocked(appError);
      else setError(appError);
    },
    [onLocked],
  );

  useEffect(() => {
    listDrives().then(setRows, failed);
  }, [failed]);

  return (
    <>
      <h2 className="heading-m heading-m--tab">Drives</h2>
      {error && (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">Drives could not be shown</h2>
          <p className="error-summary__message">{error.message}</p>
        </div>
      )}
      <p className="body">
        Stalls at schools, clinics, libraries, coffee mornings and the local offer event, where
        families sign up to the forum on the kiosk.
      </p>
      <div className="button-group">
        <button type="button" className="button" data-testid="add-drive" onClick={onCreate}>
          Plan a drive
        </button>
      </div>
      <p className="body results-count" role="status" data-testid="results-count">
        {rows ? drivesFoundMessage(rows.length) : ""}
      </p>
      {rows === null && !error && <p className="body">Loading…</p>}
      {rows && rows.length > 0 && (
        <div className="table-wrapper">
          <table className="table" data-testid="drives-table">
            <caption className="table__caption">Drives, the latest first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Dates</th>
                <th scope="col">Venue</th>
                <th scope="col">Area</th>
                <th scope="col">Sign-ups</th>
                <th scope="col">To review</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <button
                      type="button"
                      className="link-button link-button--table"
                      data-testid="open-drive"
                      onClick={() => onOpen(row.id)}
                    >
                      {row.name}
                    </button>
                  </td>
                  <td>{driveDates(row)}</td>
                  <td>{row.venue}</td>
                  <td>{row.areaName}</td>
                  <td>{row.signups}</td>
                  <td>{row.pending}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
