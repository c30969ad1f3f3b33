import { useEffect, useState } from "react";
import {
  chooseDocxPath,
  chooseFiguresPath,
  evidencePack,
  listGrants,
  saveEvidenceDocx,
  saveEvidenceFigures,
} from "../backend";
import type { Count } from "../bindings/Count";
import type { EvidencePack } from "../bindings/EvidencePack";
import type { FiguresFormat } from "../bindings/FiguresFormat";
import type { GrantPeriod } from "../bindings/GrantPeriod";
import { ErrorSummary } from "../components/ErrorSummary";
import { TextField } from "../components/TextField";
import { useNotify } from "../context";
import { formatDate } from "../members/labels";
import { useForm } from "../useForm";
import { pounds } from "./GrantPeriods";
import { STATUS_LABELS } from "./IndicatorReviews";

const number = (n: number) => n.toLocaleString("en-GB");

/** The evidence pack for a grant year or any dates, printable, with its figures saved out. */
export function EvidenceReport() {
  const [grants, setGrants] = useState<GrantPeriod[]>([]);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [pack, setPack] = useState<EvidencePack | null>(null);
  const { error, errorFor, run, busy, summaryRef } = useForm();
  const notify = useNotify();

  // The grant years only offer a shortcut for the dates, so failing to list them is not an error.
  useEffect(() => {
    listGrants().then(setGrants, () => setGrants([]));
  }, []);

  const show = async (start: string, end: string) => {
    const result = await run(() => evidencePack(start, end));
    if (result.ok) setPack(result.value);
  };

  const saveAs = async (format: FiguresFormat) => {
    if (!pack) return;
    const result = await run(async () => {
      const path = await chooseFiguresPath(`evidence-${pack.from}-to-${pack.to}.${format}`, format);
      return path ? saveEvidenceFigures(pack.from, pack.to, format, path) : null;
    });
    if (result.ok && result.value) notify(`${number(result.value.rows)} figures saved.`);
  };

  const saveDocx = async () => {
    if (!pack) return;
    const result = await run(async () => {
      const path = await chooseDocxPath(`evidence-${pack.from}-to-${pack.to}.docx`);
      return path ? saveEvidenceDocx(pack.from, pack.to, path) : null;
    });
    if (result.ok && result.value !== null) notify("Evidence pack saved as a Word document.");
  };

  return (
    <>
      <div className="no-print">
        <ErrorSummary error={error} fieldOrder={["from", "to"]} summaryRef={summaryRef} />
        {grants.length > 0 && (
          <ul className="list" aria-label="Grant years">
            {grants.map((grant) => (
              <li key={grant.id}>
                <button
                  type="button"
                  className="link-button"
                  data-testid={`report-grant-${grant.label}`}
                  onClick={() => {
                    setFrom(grant.startsOn);
                    setTo(grant.endsOn);
                    void show(grant.startsOn, grant.endsOn);
                  }}
                >
                  Show grant year {grant.label}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void show(from, to);
          }}
        >
          <TextField
            name="from"
            label="From"
            hint="A quarter, a grant year or any dates, for example 01/04/2026"
            value={from}
            onChange={setFrom}
            error={errorFor("from")}
            width="width-10"
          />
          <TextField
            name="to"
            label="To"
            value={to}
            onChange={setTo}
            error={errorFor("to")}
            width="width-10"
          />
          <button type="submit" className="button" disabled={busy} data-testid="show-report">
            Show the evidence report
          </button>
        </form>
      </div>
      {pack && (
        <div className="report" data-testid="evidence-report">
          <div className="no-print button-group">
            <button
              type="button"
              className="button"
              onClick={() => window.print()}
              data-testid="print-report"
            >
              Print or save as PDF
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => void saveAs("csv")}
              data-testid="save-csv"
            >
              Save figures as CSV
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => void saveAs("json")}
              data-testid="save-json"
            >
              Save figures as JSON
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => void saveDocx()}
              data-testid="save-docx"
            >
              Save as Word document
            </button>
          </div>
          <Report pack={pack} />
        </div>
      )}
    </>
  );
}

function Report({ pack }: { pack: EvidencePack }) {
  const m = pack.membership;
  const p = pack.participation;
  return (
    <>
      <h2 className="heading-l">
        Evidence pack, {formatDate(pack.from)} to {formatDate(pack.to)}
      </h2>
      <section className="report__section" aria-labelledby="report-membership">
        <h3 className="heading-m" id="report-membership">
          Membership
        </h3>
        <p className="body">
          {number(m.totalAtStart)} members at the start, {number(m.totalAtEnd)} at the end:{" "}
          {number(m.new)} joined or rejoined and {number(m.lost)} left or lapsed.
        </p>
        <BarChart
          title="Members at the end of each month"
          rows={m.byMonth.map((row) => ({ label: row.month, count: row.totalAtEnd }))}
        />
        <table className="table table--numeric" data-testid="membership-by-month">
          <caption className="table__caption table__caption--s">Membership by month</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Joined</th>
              <th scope="col">Lost</th>
              <th scope="col">Total at month end</th>
            </tr>
          </thead>
          <tbody>
            {m.byMonth.map((row) => (
              <tr key={row.month}>
                <th scope="row">{row.month}</th>
                <td>{number(row.joined)}</td>
                <td>{number(row.lost)}</td>
                <td>{number(row.totalAtEnd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <CountTable title="New members by source" rows={m.newBySource} />
        <CountTable title="Members by area" rows={m.byArea} />
        <CountTable title="Members' children by primary need" rows={m.byPrimaryNeed} />
        <CountTable title="Members' children by age band" rows={m.byAgeBand} />
      </section>
      <section className="report__section" aria-labelledby="report-reach">
        <h3 className="heading-m" id="report-reach">
          Reach through affiliated groups
        </h3>
        <p className="body" data-testid="reach-on">
          Counted on {formatDate(pack.reach.on)}: today's members and the groups' latest estimates,
          not as at the end of the period.
        </p>
        <CountTable
          title="Families reached, by area (combined)"
          rows={[...pack.reach.byArea, { ...pack.reach.total, areaName: "Whole forum" }].map(
            (r) => ({ label: r.areaName, count: r.combined }),
          )}
        />
      </section>
      <section className="report__section" aria-labelledby="report-participation">
        <h3 className="heading-m" id="report-participation">
          Participation
        </h3>
        <p className="body">
          {number(p.activities)} activities, {number(p.parentCarersEngaged)} parent carers engaged,{" "}
          {number(p.volunteerHours)} volunteer hours.
        </p>
        {(
          [
            ["Activities by kind", p.byKind],
            ["Activities by level", p.byLevel],
            ["Activities by rung of the co-production ladder", p.byRung],
          ] as const
        ).map(([title, rows]) => (
          <div key={title}>
            <BarChart title={title} rows={rows} />
            <CountTable title={title} rows={rows} />
          </div>
        ))}
      </section>
      <section className="report__section" aria-labelledby="report-representation">
        <h3 className="heading-m" id="report-representation">
          Representation and attendance
        </h3>
        <table className="table table--numeric">
          <caption className="table__caption table__caption--s">Attendance by body</caption>
          <thead>
            <tr>
              <th scope="col">Body</th>
              <th scope="col">Meetings</th>
              <th scope="col">Attended</th>
              <th scope="col">Apologies</th>
              <th scope="col">Attendance</th>
              <th scope="col">Papers on time</th>
            </tr>
          </thead>
          <tbody>
            {pack.representation.map((body) => (
              <tr key={body.bodyId}>
                <th scope="row">{body.bodyName}</th>
                <td>{number(body.meetings)}</td>
                <td>{number(body.attended)}</td>
                <td>{number(body.apologies)}</td>
                <td>
                  {body.attendancePercent === null ? "No meetings" : `${body.attendancePercent}%`}
                </td>
                <td>{number(body.papersOnTime)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="report__section" aria-labelledby="report-indicators">
        <h3 className="heading-m" id="report-indicators">
          Indicators
        </h3>
        <table className="table">
          <caption className="table__caption table__caption--s">
            Indicators and their latest status
          </caption>
          <thead>
            <tr>
              <th scope="col">Indicator</th>
              <th scope="col">Status</th>
              <th scope="col">What the data says</th>
            </tr>
          </thead>
          <tbody>
            {pack.indicators.map((i) => (
              <tr key={i.indicatorId}>
                <th scope="row">{i.title}</th>
                <td>{i.status ? STATUS_LABELS[i.status] : "Not reviewed"}</td>
                <td>{i.computed ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="report__section" aria-labelledby="report-stories">
        <h3 className="heading-m" id="report-stories">
          You said, we did
        </h3>
        {pack.impactStories.length === 0 && (
          <p className="body">No outcomes recorded in this period.</p>
        )}
        {pack.impactStories.map((story) => (
          <div key={story.activityId} data-testid="impact-story">
            <h4 className="heading-s">
              {story.title} ({formatDate(story.startsOn)})
            </h4>
            <dl className="summary-list">
              <dt>You said</dt>
              <dd>{story.youSaid ?? "Not recorded"}</dd>
              <dt>We did</dt>
              <dd>{story.weDid ?? "Not recorded"}</dd>
              <dt>What changed</dt>
              <dd>{story.whatChanged ?? "Not recorded"}</dd>
              <dt>Loop closed</dt>
              <dd>{story.loopClosedOn ? formatDate(story.loopClosedOn) : "Not yet"}</dd>
            </dl>
          </div>
        ))}
      </section>
      <section className="report__section" aria-labelledby="report-spend">
        <h3 className="heading-m" id="report-spend">
          Spend against budget
        </h3>
        <table className="table table--numeric" data-testid="report-spend">
          <caption className="table__caption table__caption--s">
            Planned for the year, spent in the period
          </caption>
          <thead>
            <tr>
              <th scope="col">Budget line</th>
              <th scope="col">Planned</th>
              <th scope="col">Spent</th>
            </tr>
          </thead>
          <tbody>
            {pack.spend.map((line) => (
              <tr key={line.budgetLine}>
                <th scope="row">{line.budgetLine}</th>
                <td>{pounds(line.plannedPence)}</td>
                <td>{pounds(line.spentPence)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function CountTable({ title, rows }: { title: string; rows: readonly Count[] }) {
  if (rows.length === 0) return null;
  return (
    <table className="table table--numeric">
      <caption className="table__caption table__caption--s">{title}</caption>
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col">Count</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td>{number(row.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const BAR = 18;
const ROW = 28;
const LABEL = 200;
const WIDTH = 640;

/**
 * One bar per row, drawn with SVG attributes only (the CSP allows no inline styles) and
 * hidden from screen readers: the table under it has every number.
 */
function BarChart({ title, rows }: { title: string; rows: readonly Count[] }) {
  if (rows.length === 0) return null;
  const largest = Math.max(1, ...rows.map((r) => r.count));
  const scale = (n: number) => Math.round(((WIDTH - LABEL - 60) * n) / largest);
  return (
    <figure className="chart">
      <figcaption className="body">{title}: the table below has the same figures.</figcaption>
      <svg
        className="chart__svg"
        viewBox={`0 0 ${WIDTH} ${rows.length * ROW + 10}`}
        width="100%"
        aria-hidden="true"
        focusable="false"
      >
        {rows.map((row, index) => {
          const y = index * ROW + 5;
          return (
            <g key={row.label}>
              <text className="chart__label" x={0} y={y + 14}>
                {row.label.length > 28 ? `${row.label.slice(0, 27)}…` : row.label}
              </text>
              <rect
                className="chart__bar chart__bar--members"
                x={LABEL}
                y={y}
                width={scale(row.count)}
                height={BAR}
              />
              <text className="chart__value" x={LABEL + scale(row.count) + 6} y={y + 14}>
                {number(row.count)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
