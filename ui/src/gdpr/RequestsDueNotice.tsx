import { useContext, useEffect, useState } from "react";
import { dataRequestsDue } from "../backend";
import type { DataRequest } from "../bindings/DataRequest";
import type { SessionInfo } from "../bindings/SessionInfo";
import { LockContext } from "../context";
import { toAppError } from "../errors";
import { KIND_LABELS, longDate, requestFrom, timeLeft } from "./labels";

/**
 * On the home screen, for admins: requests about people's data whose deadline is within a
 * week or has passed. Nothing at all when none is due, or for other roles.
 */
export function RequestsDueNotice({ session }: { session: SessionInfo }) {
  const isAdmin = session.role === "admin";
  const [due, setDue] = useState<DataRequest[]>([]);
  const onLocked = useContext(LockContext);

  useEffect(() => {
    if (!isAdmin) return;
    let current = true;
    Promise.resolve(dataRequestsDue()).then(
      (found) => {
        if (current && Array.isArray(found)) setDue(found);
      },
      (thrown: unknown) => {
        const error = toAppError(thrown);
        if (error.kind === "locked" && onLocked) onLocked(error);
        // Otherwise nothing is shown: the requests screen reports its own problems.
      },
    );
    return () => {
      current = false;
    };
  }, [isAdmin, onLocked]);

  if (!isAdmin || due.length === 0) return null;
  const overdue = due.filter((r) => r.urgency === "overdue").length;
  return (
    <div className="warning" data-testid="requests-due-notice">
      <h2 className="heading-s">
        {overdue > 0
          ? `${overdue === 1 ? "A request about someone's data is" : `${overdue} requests about people's data are`} past the deadline`
          : "Requests about people's data are due this week"}
      </h2>
      <ul className="list">
        {due.map((request) => (
          <li key={request.id} data-testid="due-request">
            {KIND_LABELS[request.kind]} from {requestFrom(request)}: due{" "}
            {longDate(request.deadline)} (
            {request.urgency === "overdue" ? (
              <strong>{timeLeft(request)}</strong>
            ) : (
              timeLeft(request)
            )}
            )
          </li>
        ))}
      </ul>
    </div>
  );
}
