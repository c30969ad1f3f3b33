import { useCallback, useContext, useEffect, useRef, useState } from "react";
import { chooseSavePath, reachGap, saveReachGap } from "../backend";
import type { AgeBand } from "../bindings/AgeBand";
import type { ReachGap as ReachGapFigures } from "../bindings/ReachGap";
import type { ReachGapFormat } from "../bindings/ReachGapFormat";
import type { ReachGapOptions } from "../bindings/ReachGapOptions";
import type { ReachGapRow } from "../bindings/ReachGapRow";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorSummary } from "../components/ErrorSummary";
import { SelectField } from "../components/SelectField";
import { SummaryList } from "../components/SummaryList";
import { LockContext, useNotify } from "../context";
import { toAppError } from "../errors";
import { AGE_BAND_LABELS, AGE_BAND_OPTIONS } from "../members/labels";
import { useForm } from "../useForm";
import {
  onePlace,
  per1000Text,
  plural,
  ratioText,
  SUPPRESS_BELOW,
  shortfallText,
  smallCount,
  suppressed,
} from "./figures";
import { Population } from "./Population";
import { SectionHeading } from "./SectionHeading";

type Choice = { ageBand: AgeBand | ""; targets: string };

const TARGET_OPTIONS = ["10", "15", "20"].map((n) => ({ value: n, label: n }));

function optionsFor({ ageBand, targets }: Choice): ReachGapOptions {
  return {
    ageBand: ageBand === "" ? null : ageBand,
    targets: targets === "" ? null : Number(targets),
  };
}

const FILE_TYPES: Record<ReachGapFormat, { name: string; extensions: string[] }> = {
  csv: { name: "CSV file", extensions: ["csv"] },
  json: { name: "JSON file", extensions: ["json"] },
};

/**
 * Where to aim the next drive (officers and admins): the membership's children, area by area
 * and need by need, against the local SEND population, with the under-represented cells
 * ranked and a suggested target list. Admins keep the population figures from here too.
 */
export function ReachGap({ session }: { session: SessionInfo }) {
  const allowed = session.role === "admin" || session.role === "officer";
  const [view, setView] = useState<"gap" | "population">("gap");
  const [choice, setChoice] = useState<Choice>({ ageBand: "", targets: "" });
  // Focus follows the user back from the figures, but not on the first showing.
  const [returned, setReturned] = useState(false);

  if (!allowed) {
    return (
      <p className="body" data-testid="reach-gap-not-allowed">
        Only officers and admins can see where the forum is under-represented.
      </p>
    );
  }
  if (view === "population") {
    return (
      <Population
        session={session}
        onBack={() => {
          setReturned(true);
          setView("gap");
        }}
      />
    );
  }
  return (
    <GapView
      session={session}
      choice={choice}
      onChoice={setChoice}
      focusHeading={returned}
      onPopulation={() => setView("population")}
    />
  );
}

function GapView({
  session,
  choice,
  onChoice,
  focusHeading,
  onPopulation,
}: {
  session: SessionInfo;
  choice: Choice;
  onChoice: (choice: Choice) => void;
  focusHeading: boolean;
  onPopulation: () => void;
}) {
  const onLocked = useContext(LockContext);
  const notify = useNotify();
  const form = useForm();
  const [gap, setGap] = useState<ReachGapFigures | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const latest = useRef(0);
  const options = optionsFor(choice);

  const load = useCallback(
    (wanted: ReachGapOptions) => {
      const request = ++latest.current;
      reachGap(wanted).then(
        (found) => {
          if (request !== latest.current) return;
          setGap(found);
          setLoadError(null);
        },
        (thrown: unknown) => {
          if (request !== latest.current) return;
          const error = toAppError(thrown);
          if (error.kind === "locked" && onLocked) onLocked(error);
          else {
            setGap(null);
            setLoadError(error.message);
          }
        },
      );
    },
    [onLocked],
  );

  const { ageBand, targets } = choice;
  useEffect(() => load(optionsFor({ ageBand, targets })), [load, ageBand, targets]);

  async function saveAs(format: ReachGapFormat) {
    const band = options.ageBand ? `-${options.ageBand}` : "";
    const result = await form.run(async () => {
      const path = await chooseSavePath(
        "Save where to aim the next drive",
        `reach-gap${band}.${format}`,
        FILE_TYPES[format],
      );
      return path === null ? null : saveReachGap(options, format, path);
    });
    if (result.ok && result.value) notify(`${plural(result.value.rows, "row", "rows")} saved.`);
  }

  const admin = session.role === "admin";
  return (
    <section aria-labelledby="reach-gap-heading" data-testid="reach-gap">
      <SectionHeading id="reach-gap-heading" focus={focusHeading}>
        Where to aim the next drive
      </SectionHeading>
      <ErrorSummary
        error={form.error}
        fieldOrder={["ageBand", "targets"]}
        summaryRef={form.summaryRef}
      />
      <p className="body">
        The children of active members (their needs are recorded only with their parent carer's
        consent) compared with the local SEND population, area by area and need by need. A ratio of
        1.00 is parity: the area or need has the same share of members' children as of the
        population. Counts under {SUPPRESS_BELOW} are shown as "fewer than 5", so no row can point
        to one family.
      </p>
      <SelectField
        name="ageBand"
        label="Age band"
        hint="Compare one age band, or all ages together."
        emptyLabel="All ages (0 to 25)"
        options={AGE_BAND_OPTIONS}
        value={ageBand}
        onChange={(value) => onChoice({ ...choice, ageBand: value as AgeBand | "" })}
        error={form.errorFor("ageBand")}
      />
      <SelectField
        name="targets"
        label="Suggested targets"
        hint="How many areas and needs to suggest for the next drive."
        emptyLabel="5"
        options={TARGET_OPTIONS}
        value={targets}
        onChange={(value) => onChoice({ ...choice, targets: value })}
        error={form.errorFor("targets")}
      />
      <div className="button-group">
        <button
          type="button"
          className="button button--secondary"
          data-testid="open-population"
          onClick={onPopulation}
        >
          {admin ? "Change the population figures" : "See the population figures"}
        </button>
      </div>
      {loadError && (
        <div className="error-summary" role="alert" data-testid="reach-gap-load-error">
          <h3 className="error-summary__title">The comparison could not be shown</h3>
          <p className="error-summary__message">{loadError}</p>
        </div>
      )}
      {gap === null ? (
        !loadError && <p className="body">Loading…</p>
      ) : (
        <GapFigures gap={gap} admin={admin} busy={form.busy} onSave={saveAs} />
      )}
    </section>
  );
}

function GapFigures({
  gap,
  admin,
  busy,
  onSave,
}: {
  gap: ReachGapFigures;
  admin: boolean;
  busy: boolean;
  onSave: (format: ReachGapFormat) => void;
}) {
  if (gap.cells.length === 0) {
    return (
      <div className="inset" data-testid="reach-gap-empty">
        <p className="body">
          There are no population figures{gap.ageBand ? " for this age band" : ""} yet, so there is
          nothing to compare the membership with.{" "}
          {admin
            ? "Add them with \u201cChange the population figures\u201d: type them in or import the CSV template."
            : "An admin adds them, typed in or imported from a CSV file."}
        </p>
      </div>
    );
  }
  const source = [
    gap.populationYear === null ? null : String(gap.populationYear),
    gap.populationSource,
  ]
    .filter(Boolean)
    .join(": ");
  const overall =
    gap.per1000 === null
      ? "no figures"
      : gap.membersChildren < SUPPRESS_BELOW
        ? "not shown"
        : onePlace(gap.per1000);
  return (
    <>
      <SummaryList
        rows={[
          ["Population figures", source],
          ["Age band", gap.ageBand ? AGE_BAND_LABELS[gap.ageBand] : "All ages"],
          ["Children and young people in the figures", smallCount(gap.population)],
          ["Active members", smallCount(gap.activeMembers)],
          ["Members' children compared", smallCount(gap.membersChildren)],
          ["Members' children per 1,000 in the population", overall],
          [
            "Members' children not compared",
            `${smallCount(gap.notCompared)} (no area or main need recorded, or outside the figures)`,
          ],
        ]}
      />
      <Targets gap={gap} />
      <UnderRepresented rows={gap.underRepresented} />
      <RowsWithChart
        title="By area"
        first="Area"
        testId="reach-gap-by-area"
        rows={gap.byArea.map((row) => ({ key: row.areaId ?? "", label: row.areaName ?? "", row }))}
      />
      <RowsWithChart
        title="By primary need"
        first="Primary need"
        testId="reach-gap-by-need"
        rows={gap.byNeed.map((row) => ({ key: row.need ?? "", label: row.needLabel ?? "", row }))}
      />
      <Cells rows={gap.cells} />
      <h3 className="heading-s">Save these figures</h3>
      <p className="body">
        The saved file has the same rows. Counts under {SUPPRESS_BELOW} are written as "fewer than
        5", and the ratios worked out from them are left out.
      </p>
      <div className="button-group">
        <button
          type="button"
          className="button button--secondary"
          aria-disabled={busy}
          onClick={() => onSave("csv")}
          data-testid="save-csv"
        >
          Save as CSV
        </button>
        <button
          type="button"
          className="button button--secondary"
          aria-disabled={busy}
          onClick={() => onSave("json")}
          data-testid="save-json"
        >
          Save as JSON
        </button>
      </div>
    </>
  );
}

function Targets({ gap }: { gap: ReachGapFigures }) {
  return (
    <>
      <h3 className="heading-s">Suggested targets for the next drive</h3>
      {gap.targets.length === 0 ? (
        <p className="body" data-testid="reach-gap-no-targets">
          No area and need is below parity, so there is no target to suggest.
        </p>
      ) : (
        <ol className="list list--number" data-testid="reach-gap-targets">
          {gap.targets.map((target) => (
            <li key={`${target.areaId}/${target.need}`}>
              <strong>
                {target.areaName}: {target.needLabel}
              </strong>
              <br />
              {target.reason}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function UnderRepresented({ rows }: { rows: readonly ReachGapRow[] }) {
  if (rows.length === 0) return null;
  return (
    <div className="table-wrapper">
      <table className="table table--numeric" data-testid="reach-gap-under">
        <caption className="table__caption table__caption--m">
          Under-represented, biggest shortfall first
          <span className="table__caption-note">
            The shortfall is how many more members' children would bring the area and need level
            with the forum's reach across all the figures.
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col" className="table__text">
              Area
            </th>
            <th scope="col" className="table__text">
              Primary need
            </th>
            <th scope="col">Members' children</th>
            <th scope="col">Population</th>
            <th scope="col">Ratio</th>
            <th scope="col">To reach parity</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={`${row.areaId}/${row.need}`}>
              <td>{index + 1}</td>
              <th scope="row">{row.areaName}</th>
              <td className="table__text">{row.needLabel}</td>
              <td>{smallCount(row.membersChildren)}</td>
              <td>{smallCount(row.population)}</td>
              <td>{ratioText(row)}</td>
              <td>{shortfallText(row.shortfall)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type LabelledRow = { key: string; label: string; row: ReachGapRow };

/** A table of rows with the ratio chart beside it. */
function RowsWithChart({
  title,
  first,
  testId,
  rows,
}: {
  title: string;
  first: string;
  testId: string;
  rows: readonly LabelledRow[];
}) {
  if (rows.length === 0) return null;
  return (
    <div className="figures-pair">
      <div className="table-wrapper">
        <table className="table table--numeric" data-testid={testId}>
          <caption className="table__caption table__caption--m">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{first}</th>
              <th scope="col">Members' children</th>
              <th scope="col">Population</th>
              <th scope="col">Ratio</th>
              <th scope="col">Per 1,000</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key, label, row }) => (
              <tr key={key}>
                <th scope="row">{label}</th>
                <td>{smallCount(row.membersChildren)}</td>
                <td>{smallCount(row.population)}</td>
                <td>{ratioText(row)}</td>
                <td>{per1000Text(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <RatioChart title={title} rows={rows} testId={`${testId}-chart`} />
    </div>
  );
}

function Cells({ rows }: { rows: readonly ReachGapRow[] }) {
  return (
    <div className="table-wrapper">
      <table className="table table--numeric" data-testid="reach-gap-cells">
        <caption className="table__caption table__caption--m">Each area and need</caption>
        <thead>
          <tr>
            <th scope="col">Area</th>
            <th scope="col" className="table__text">
              Primary need
            </th>
            <th scope="col">Members' children</th>
            <th scope="col">Population</th>
            <th scope="col">Ratio</th>
            <th scope="col">Per 1,000</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.areaId}/${row.need}`}>
              <th scope="row">{row.areaName}</th>
              <td className="table__text">{row.needLabel}</td>
              <td>{smallCount(row.membersChildren)}</td>
              <td>{smallCount(row.population)}</td>
              <td>{ratioText(row)}</td>
              <td>{per1000Text(row)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const BAR = 18;
const ROW = 28;
const TOP = 22;
const LABEL = 190;
const WIDTH = 520;

/**
 * One bar per row, its length the representation ratio, with a dashed line at parity. Drawn
 * with SVG attributes only (the CSP allows no inline styles) and hidden from screen readers:
 * the table beside it has every figure. Rows with small numbers get no bar, as in the table.
 */
function RatioChart({
  title,
  rows,
  testId,
}: {
  title: string;
  rows: readonly LabelledRow[];
  testId: string;
}) {
  const shown = (row: ReachGapRow) => row.ratio !== null && !suppressed(row);
  const largest = Math.max(2, ...rows.map(({ row }) => (shown(row) ? (row.ratio ?? 0) : 0)));
  const span = WIDTH - LABEL - 50;
  const x = (ratio: number) => LABEL + Math.round((span * ratio) / largest);
  const height = rows.length * ROW + TOP + 6;
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="body">
        {title}, as a chart: each bar is the ratio, and the dashed line is parity (1.00). The table
        has every figure.
      </figcaption>
      <svg
        className="chart__svg"
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        aria-hidden="true"
        focusable="false"
      >
        <text className="chart__value" x={x(1)} y={14} textAnchor="middle">
          parity
        </text>
        {rows.map(({ key, label, row }, index) => {
          const y = TOP + index * ROW;
          const ratio = shown(row) ? (row.ratio ?? 0) : null;
          return (
            <g key={key}>
              <text className="chart__label" x={0} y={y + 14}>
                {label.length > 24 ? `${label.slice(0, 23)}…` : label}
              </text>
              {ratio === null ? (
                <text className="chart__value" x={LABEL + 4} y={y + 14}>
                  {ratioText(row)}
                </text>
              ) : (
                <>
                  <rect
                    className="chart__bar chart__bar--members"
                    x={LABEL}
                    y={y}
                    width={x(ratio) - LABEL}
                    height={BAR}
                  />
                  <text className="chart__value" x={x(ratio) + 6} y={y + 14}>
                    {ratioText(row)}
                  </text>
                </>
              )}
            </g>
          );
        })}
        <line className="chart__parity" x1={x(1)} x2={x(1)} y1={TOP - 4} y2={height} />
      </svg>
    </figure>
  );
}
