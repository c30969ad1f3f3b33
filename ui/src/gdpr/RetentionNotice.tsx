import { useContext, useEffect, useState } from "react";
import { retentionQueueCount } from "../backend";
import type { SessionInfo } from "../bindings/SessionInfo";
import { LockContext } from "../context";
import { toAppError } from "../errors";

/**
 * On the home screen, for officers and admins: how many entries the retention schedule has
 * caught. Nothing when the queue is empty, or for other roles: nothing is ever deleted
 * without someone deciding.
 */
export function RetentionNotice({ session }: { session: SessionInfo }) {
  const allowed = session.role === "admin" || session.role === "officer";
  const [count, setCount] = useState(0);
  const onLocked = useContext(LockContext);

  useEffect(() => {
    if (!allowed) return;
    let current = true;
    Promise.resolve(retentionQueueCount()).then(
      (found) => {
        if (current && typeof found === "number") setCount(found);
      },
      (thrown: unknown) => {
        const error = toAppError(thrown);
        if (error.kind === "locked" && onLocked) onLocked(error);
      },
    );
    return () => {
      current = false;
    };
  }, [allowed, onLocked]);

  if (!allowed || count === 0) return null;
  return (
    <div className="warning" data-testid="retention-notice">
      <h2 className="heading-s">
        {count === 1
          ? "1 record has been kept longer than the retention schedule allows"
          : `${count} records have been kept longer than the retention schedule allows`}
      </h2>
      <p className="body">
        Review them under Data protection, Retention: erase them, or keep them with a reason.
      </p>
    </div>
  );
}
