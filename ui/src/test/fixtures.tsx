import { render } from "@testing-library/react";
import { type ReactNode, useState } from "react";
import type { AppError } from "../bindings/AppError";
import type { SessionInfo } from "../bindings/SessionInfo";
import type { UserSummary } from "../bindings/UserSummary";
import { StatusRegion } from "../components/StatusRegion";
import { LockContext, NoticeContext } from "../context";

export const HOSTILE = "<img src=x onerror=alert(1)>";

export function session(overrides: Partial<SessionInfo> = {}): SessionInfo {
  return {
    userId: "u-admin",
    username: "sam.admin",
    displayName: "Sam Admin",
    role: "admin",
    forumName: "Lancashire Parent Carer Forum",
    mustChangePassword: false,
    idleLockMinutes: 15,
    kiosk: null,
    ...overrides,
  };
}

export function user(overrides: Partial<UserSummary> = {}): UserSummary {
  return {
    id: "u-1",
    username: "jo.bloggs",
    displayName: "Jo Bloggs",
    role: "volunteer",
    disabled: false,
    mustChangePassword: false,
    createdAt: "2025-01-01T10:00:00Z",
    ...overrides,
  };
}

export function appError(
  kind: AppError["kind"],
  message: string,
  fields: Record<string, string> = {},
): AppError {
  return { kind, message, fields };
}

/** A stand-in for the App frame: a notification area and, optionally, a session. */
function Harness({
  children,
  onLocked,
}: {
  children: ReactNode;
  onLocked?: (e: AppError) => void;
}) {
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <NoticeContext.Provider value={setNotice}>
      <LockContext.Provider value={onLocked ?? null}>
        <StatusRegion message={notice} />
        {children}
      </LockContext.Provider>
    </NoticeContext.Provider>
  );
}

export function renderScreen(ui: ReactNode, options: { onLocked?: (e: AppError) => void } = {}) {
  return render(<Harness onLocked={options.onLocked}>{ui}</Harness>);
}
