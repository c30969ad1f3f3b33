import { useContext, useEffect, useState } from "react";
import { memberDuplicates } from "../backend";
import type { DuplicateMatch } from "../bindings/DuplicateMatch";
import { LockContext } from "../context";
import { toAppError } from "../errors";
import { memberName } from "../members/labels";

type DuplicateNoticeProps = {
  personId: string;
  canMerge: boolean;
  /** Absent where there is nowhere to compare from; the notice then only informs. */
  onCompare?: (otherId: string) => void;
};

/** On a member's page: "this may be the same person as …", with a way to compare. */
export function DuplicateNotice({ personId, canMerge, onCompare }: DuplicateNoticeProps) {
  const [matches, setMatches] = useState<DuplicateMatch[]>([]);
  const onLocked = useContext(LockContext);

  useEffect(() => {
    let current = true;
    memberDuplicates(personId).then(
      (found) => {
        if (current) setMatches(found);
      },
      (thrown: unknown) => {
        const error = toAppError(thrown);
        if (error.kind === "locked" && onLocked) onLocked(error);
        // Otherwise the page simply shows no hint: the record itself is what matters here.
      },
    );
    return () => {
      current = false;
    };
  }, [personId, onLocked]);

  if (matches.length === 0) return null;
  return (
    <div className="warning" data-testid="duplicate-notice">
      <h2 className="heading-s">This may be the same person as:</h2>
      <ul className="list">
        {matches.map((match) => (
          <li key={match.personId} data-testid="duplicate-match">
            {canMerge && onCompare ? (
              <button
                type="button"
                className="link-button"
                data-testid="compare-duplicate"
                onClick={() => onCompare(match.personId)}
              >
                Compare with {memberName(match)}
              </button>
            ) : (
              memberName(match)
            )}{" "}
            ({match.reason})
          </li>
        ))}
      </ul>
      {!canMerge && (
        <p className="body">
          Only officers and admins can merge records. Tell one of them if this is the same person.
        </p>
      )}
    </div>
  );
}
