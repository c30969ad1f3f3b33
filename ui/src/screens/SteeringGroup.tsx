import { useContext, useEffect, useState } from "react";
import { steeringGroup } from "../backend";
import type { AppError } from "../bindings/AppError";
import type { CoOption } from "../bindings/CoOption";
import { PageHeading } from "../components/PageHeading";
import { LockContext } from "../context";
import { toAppError } from "../errors";
import { formatDate } from "../members/labels";
import { usePageTitle } from "../pageTitle";

type Props = {
  onBack: () => void;
  /** Opens the group the leader came from, where co-options are added and ended. */
  onOpenGroup: (orgId: string) => void;
};

/** Group leaders co-opted onto the steering group today, across every group. */
export function SteeringGroup({ onBack, onOpenGroup }: Props) {
  usePageTitle("Co-opted onto the steering group");
  const [rows, setRows] = useState<CoOption[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const onLocked = useContext(LockContext);

  useEffect(() => {
    steeringGroup().then(setRows, (thrown: unknown) => {
      const failure = toAppError(thrown);
      if (failure.kind === "locked" && onLocked) onLocked(failure);
      else setError(failure);
    });
  }, [onLocked]);

  return (
    <>
      <button
        type="button"
        className="link-button back-link"
        data-testid="back-to-groups"
        onClick={onBack}
      >
        Back to groups
      </button>
      <PageHeading>Co-opted onto the steering group</PageHeading>
      {error && (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">The steering group could not be shown</h2>
          <p className="error-summary__message">{error.message}</p>
        </div>
      )}
      {!rows && !error && <p className="body">Loading…</p>}
      {rows && rows.length === 0 && (
        <p className="body" data-testid="no-co-options">
          No group leaders are co-opted onto the steering group today. Co-opt a leader from their
          group's page.
        </p>
      )}
      {rows && rows.length > 0 && (
        <div className="table-wrapper">
          <table className="table table--words" data-testid="steering-table">
            <caption className="table__caption">
              Group leaders serving today
              <span className="table__caption-note">
                Co-options are added and ended on each group's page.
              </span>
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Group</th>
                <th scope="col">From</th>
                <th scope="col">Until</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    {row.firstName} {row.lastName}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link-button link-button--table"
                      data-testid="open-group"
                      onClick={() => onOpenGroup(row.organisationId)}
                    >
                      {row.organisationName}
                    </button>
                  </td>
                  <td>{formatDate(row.fromOn)}</td>
                  <td>{row.untilOn ? formatDate(row.untilOn) : "No end date"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
