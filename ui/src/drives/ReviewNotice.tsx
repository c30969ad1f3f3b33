import { useContext, useEffect, useState } from "react";
import { pendingSignUps } from "../backend";
import type { SessionInfo } from "../bindings/SessionInfo";
import { LockContext } from "../context";
import { toAppError } from "../errors";
import { canReviewSignUps } from "../roles";

/**
 * On the home screen, for officers and admins: how many kiosk sign-ups are waiting for
 * review, with a way to the queue. Nothing at all when none are, or for other roles.
 */
export function ReviewNotice({
  session,
  onReview,
}: {
  session: SessionInfo;
  onReview: () => void;
}) {
  const allowed = canReviewSignUps(session.role);
  const [count, setCount] = useState(0);
  const onLocked = useContext(LockContext);

  useEffect(() => {
    if (!allowed) return;
    let current = true;
    Promise.resolve(pendingSignUps(null)).then(
      (found) => {
        if (current && Array.isArray(found)) setCount(found.length);
      },
      (thrown: unknown) => {
        const error = toAppError(thrown);
        if (error.kind === "locked" && onLocked) onLocked(error);
        // Otherwise nothing is shown: the queue reports its own problems.
      },
    );
    return () => {
      current = false;
    };
  }, [allowed, onLocked]);

  if (!allowed || count === 0) return null;
  return (
    <div className="warning" data-testid="review-notice">
      <h2 className="heading-s">
        {count === 1
          ? "A sign-up from a recruitment drive is waiting for review"
          : `${count} sign-ups from recruitment drives are waiting for review`}
      </h2>
      <button type="button" className="link-button" data-testid="open-review" onClick={onReview}>
        Review the sign-ups
      </button>
    </div>
  );
}
