import { useContext, useEffect, useState } from "react";
import { groupReach } from "../backend";
import type { AppError } from "../bindings/AppError";
import type { Reach as ReachFigures } from "../bindings/Reach";
import type { ReachRow } from "../bindings/ReachRow";
import { PageHeading } from "../components/PageHeading";
import { LockContext } from "../context";
import { toAppError } from "../errors";
import { formatDate, NEED_NAMES } from "../members/labels";
import { usePageTitle } from "../pageTitle";

const number = (n: number) => n.toLocaleString("en-GB");

/**
 * The forum's reach by area: direct members beside the families reached through affiliated
 * groups. The table is the accessible version; the chart repeats it for those who would
 * rather look than read.
 */
export function Reach({ onBack }: { onBack: () => void }) {
  usePageTitle("The forum's reach");
  const [reach, setReach] = useState<ReachFigures | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const onLocked = useContext(LockContext);

  useEffect(() => {
    groupReach().then(setReach, (thrown: unknown) => {
      const failure = toAppError(thrown);
      if (failure.kind === "locked" && onLocked) onLocked(failure);
      else setError(failure);
    });
  }, [onLocked]);

  // Areas with nothing in them (and "No area" when empty) would only add noise.
  const rows =
    reach?.byArea.filter(
      (row) => row.areaId !== null || row.combined > 0 || row.affiliatedGroups > 0,
    ) ?? [];

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
      <PageHeading>The forum's reach</PageHeading>
      {error && (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">The reach could not be shown</h2>
          <p className="error-summary__message">{error.message}</p>
        </div>
      )}
      {!reach && !error && <p className="body">Loading…</p>}
      {reach && (
        <>
          <div className="table-wrapper">
            <table className="table table--numeric table--words" data-testid="reach-table">
              <caption className="table__caption">
                Families reached, by area
                <span className="table__caption-note">
                  Combined is direct members plus families via groups, less the members who are also
                  contacts of an affiliated group in their area, so no family is counted twice.{" "}
                  {reach.oldestEstimateOn
                    ? `Group figures are their own estimates; the oldest is from ${formatDate(reach.oldestEstimateOn)}.`
                    : "No affiliated group has estimated the families it reaches yet."}
                  {reach.groupsWithoutEstimate > 0 &&
                    ` ${reach.groupsWithoutEstimate} affiliated ${reach.groupsWithoutEstimate === 1 ? "group has" : "groups have"} no estimate and add no families.`}
                </span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">Area</th>
                  <th scope="col">Direct members</th>
                  <th scope="col">Affiliated groups</th>
                  <th scope="col">Families via groups</th>
                  <th scope="col">Also members</th>
                  <th scope="col">Combined</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <ReachTableRow key={row.areaId ?? "none"} row={row} />
                ))}
              </tbody>
              <tfoot>
                <ReachTableRow row={{ ...reach.total, areaName: "Whole forum" }} />
              </tfoot>
            </table>
          </div>
          <p className="body hint">
            A group covering several areas is counted in each of them, with its families shared
            between them, so the whole forum's number of groups can be less than the rows add up to.
          </p>
          <ReachChart rows={rows} />
          {reach.byNeed.length > 0 && (
            <div className="table-wrapper">
              <table className="table table--numeric" data-testid="reach-by-need">
                <caption className="table__caption table__caption--m">
                  Affiliated groups by needs focus
                  <span className="table__caption-note">
                    A group with several needs is counted under each, so this table does not add up.
                  </span>
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Needs focus</th>
                    <th scope="col">Affiliated groups</th>
                    <th scope="col">Families via groups</th>
                  </tr>
                </thead>
                <tbody>
                  {reach.byNeed.map((row) => (
                    <tr key={row.need ?? "all"}>
                      <th scope="row">{row.need ? NEED_NAMES[row.need] : "All needs"}</th>
                      <td>{number(row.affiliatedGroups)}</td>
                      <td>{number(row.familiesViaGroups)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}

function ReachTableRow({ row }: { row: ReachRow }) {
  return (
    <tr>
      <th scope="row">{row.areaName}</th>
      <td>{number(row.directMembers)}</td>
      <td>{number(row.affiliatedGroups)}</td>
      <td>{number(row.familiesViaGroups)}</td>
      <td>{number(row.alsoMembers)}</td>
      <td>{number(row.combined)}</td>
    </tr>
  );
}

const BAR_HEIGHT = 18;
const ROW_HEIGHT = 56;
const LABEL_WIDTH = 160;
const CHART_WIDTH = 640;

/**
 * Two bars per area: direct members and families via groups. Drawn with SVG attributes only
 * (the CSP allows no inline styles) and hidden from screen readers, which have the table.
 */
function ReachChart({ rows }: { rows: ReachRow[] }) {
  const largest = Math.max(1, ...rows.flatMap((row) => [row.directMembers, row.familiesViaGroups]));
  const scale = (n: number) => Math.round(((CHART_WIDTH - LABEL_WIDTH - 60) * n) / largest);
  const height = rows.length * ROW_HEIGHT + 30;
  if (rows.length === 0) return null;
  return (
    <figure className="chart" data-testid="reach-chart">
      <figcaption className="body">
        The same figures as a chart: direct members{" "}
        <span className="chart__key chart__key--members" /> and families via groups{" "}
        <span className="chart__key chart__key--groups" /> in each area. The table above has every
        number.
      </figcaption>
      <svg
        className="chart__svg"
        viewBox={`0 0 ${CHART_WIDTH} ${height}`}
        width="100%"
        aria-hidden="true"
        focusable="false"
      >
        {rows.map((row, index) => {
          const y = index * ROW_HEIGHT + 10;
          return (
            <g key={row.areaId ?? "none"}>
              <text className="chart__label" x={0} y={y + BAR_HEIGHT}>
                {row.areaName.length > 22 ? `${row.areaName.slice(0, 21)}…` : row.areaName}
              </text>
              <rect
                className="chart__bar chart__bar--members"
                x={LABEL_WIDTH}
                y={y}
                width={scale(row.directMembers)}
                height={BAR_HEIGHT}
              />
              <text
                className="chart__value"
                x={LABEL_WIDTH + scale(row.directMembers) + 6}
                y={y + 14}
              >
                {number(row.directMembers)}
              </text>
              <rect
                className="chart__bar chart__bar--groups"
                x={LABEL_WIDTH}
                y={y + BAR_HEIGHT + 4}
                width={scale(row.familiesViaGroups)}
                height={BAR_HEIGHT}
              />
              <text
                className="chart__value"
                x={LABEL_WIDTH + scale(row.familiesViaGroups) + 6}
                y={y + BAR_HEIGHT + 18}
              >
                {number(row.familiesViaGroups)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
