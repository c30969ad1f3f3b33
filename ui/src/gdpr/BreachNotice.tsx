import { useContext, useEffect, useState } from "react";
import { breachDeadlines } from "../backend";
import type { BreachDeadline } from "../bindings/BreachDeadline";
import type { SessionInfo } from "../bindings/SessionInfo";
import { LockContext } from "../context";
import { toAppError } from "../errors";

const MINUTE = 60_000;
/** How often the list itself is read again (a breach may be recorded on another screen). */
const REFRESH = 10 * MINUTE;

function unit(n: number, one: string): string {
  return n === 1 ? `1 ${one}` : `${n} ${one}s`;
}

/** "2 days 5 hours left", "1 hour 5 minutes left", "overdue by 3 hours". */
export function timeLeftInWords(minutesLeft: number): string {
  const m = Math.abs(minutesLeft);
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const minutes = m % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(unit(days, "day"));
  if (hours > 0) parts.push(unit(hours, "hour"));
  if (days === 0 && (minutes > 0 || hours === 0)) parts.push(unit(minutes, "minute"));
  const span = parts.join(" ");
  return minutesLeft < 0 ? `overdue by ${span}` : `${span} left`;
}

function minutesLeft(deadline: string, now: number): number {
  return Math.floor((Date.parse(deadline) - now) / MINUTE);
}

/**
 * On the home screen, for officers and admins: each reportable breach not yet reported to
 * the ICO, with the time left of the 72 hours from discovery, counted down each minute. The
 * visible countdown is not a live region; a separate one speaks only when the hours left
 * change or a deadline passes, so a screen reader is not interrupted every minute.
 */
export function BreachNotice({ session }: { session: SessionInfo }) {
  const allowed = session.role === "admin" || session.role === "officer";
  const [due, setDue] = useState<BreachDeadline[]>([]);
  const [now, setNow] = useState(() => Date.now());
  const onLocked = useContext(LockContext);

  useEffect(() => {
    if (!allowed) return;
    let current = true;
    const load = () =>
      Promise.resolve(breachDeadlines()).then(
        (found) => {
          if (current && Array.isArray(found)) setDue(found);
        },
        (thrown: unknown) => {
          const error = toAppError(thrown);
          if (error.kind === "locked" && onLocked) onLocked(error);
        },
      );
    load();
    const tick = window.setInterval(() => setNow(Date.now()), MINUTE);
    const refresh = window.setInterval(load, REFRESH);
    return () => {
      current = false;
      window.clearInterval(tick);
      window.clearInterval(refresh);
    };
  }, [allowed, onLocked]);

  if (!allowed || due.length === 0) return null;
  const rows = due.map((d) => ({ ...d, left: minutesLeft(d.deadline, now) }));
  const overdue = rows.filter((r) => r.left < 0).length;
  // Spoken only when this sentence changes: hours, not minutes.
  const spoken = rows
    .map((r) =>
      r.left < 0
        ? "A breach is overdue for reporting to the ICO."
        : `A breach must be reported to the ICO within ${unit(Math.floor(r.left / 60), "hour")}.`,
    )
    .join(" ");
  return (
    <div className="warning" data-testid="breach-notice">
      <h2 className="heading-s">
        {overdue > 0
          ? "A data breach is overdue for reporting to the ICO"
          : rows.length === 1
            ? "A data breach must be reported to the ICO"
            : `${rows.length} data breaches must be reported to the ICO`}
      </h2>
      <ul className="list">
        {rows.map((r) => (
          <li key={r.id} data-testid="breach-countdown">
            <strong>{timeLeftInWords(r.left)}</strong> to report: {r.summary} (deadline{" "}
            {new Date(r.deadline).toLocaleString("en-GB", {
              dateStyle: "long",
              timeStyle: "short",
            })}
            )
          </li>
        ))}
      </ul>
      <p className="body">
        Report it at ico.org.uk within 72 hours of discovery, then record the date under Data
        protection, Breaches.
      </p>
      <div role="status" aria-live="polite" className="visually-hidden" data-testid="breach-spoken">
        {spoken}
      </div>
    </div>
  );
}
