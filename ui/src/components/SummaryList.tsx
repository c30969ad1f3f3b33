import type { ReactNode } from "react";

/** A GOV.UK summary list: a term and its value per row; blank values say "Not given". */
export function SummaryList({ rows }: { rows: readonly (readonly [string, ReactNode])[] }) {
  return (
    <dl className="summary-list">
      {rows.map(([term, value]) => (
        <div className="summary-list__row" key={term}>
          <dt className="summary-list__key">{term}</dt>
          <dd className="summary-list__value">
            {value === null || value === undefined || value === "" || value === false ? (
              <span className="hint">Not given</span>
            ) : (
              value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
