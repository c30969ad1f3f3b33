import { useCallback, useContext, useEffect, useState } from "react";
import { populationFigures, removePopulationCell } from "../backend";
import type { Population as PopulationFigures } from "../bindings/Population";
import type { PopulationCell } from "../bindings/PopulationCell";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorSummary } from "../components/ErrorSummary";
import { SummaryList } from "../components/SummaryList";
import { LockContext, useNotify } from "../context";
import { toAppError } from "../errors";
import { AGE_BAND_LABELS, needLabel } from "../members/labels";
import { useForm } from "../useForm";
import { plural, whole } from "./figures";
import { PopulationCellForm } from "./PopulationCellForm";
import { PopulationImport } from "./PopulationImport";
import { PopulationSourceForm } from "./PopulationSourceForm";
import { SectionHeading } from "./SectionHeading";

type View =
  | { name: "list" }
  | { name: "cell"; cell: PopulationCell | null }
  | { name: "source" }
  | { name: "import" }
  | { name: "remove"; cell: PopulationCell };

/** "Preston, Autistic spectrum disorder (ASD), 5 to 10 years". */
export function cellName(cell: PopulationCell): string {
  return `${cell.areaName}, ${needLabel(cell.primaryNeed)}, ${AGE_BAND_LABELS[cell.ageBand]}`;
}

/**
 * The local SEND population figures the reach gap compares the membership with. Officers
 * see them; admins type a figure in, change or remove one, set their year and source, or
 * import the lot from the README's CSV template.
 */
export function Population({ session, onBack }: { session: SessionInfo; onBack?: () => void }) {
  const admin = session.role === "admin";
  const onLocked = useContext(LockContext);
  const notify = useNotify();
  const [view, setView] = useState<View>({ name: "list" });
  const [figures, setFigures] = useState<PopulationFigures | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(() => {
    populationFigures().then(setFigures, (thrown: unknown) => {
      const error = toAppError(thrown);
      if (error.kind === "locked" && onLocked) onLocked(error);
      else setLoadError(error.message);
    });
  }, [onLocked]);

  useEffect(load, [load]);

  const backToList = (saved: PopulationFigures | null, message?: string) => {
    if (saved) setFigures(saved);
    else load();
    setView({ name: "list" });
    if (message) notify(message);
  };

  switch (view.name) {
    case "cell":
      return (
        <PopulationCellForm
          cell={view.cell}
          onSaved={(saved) => backToList(saved, "The figure is saved.")}
          onCancel={() => backToList(figures)}
        />
      );
    case "source":
      return (
        <PopulationSourceForm
          figures={figures}
          onSaved={(saved) => backToList(saved, "The year and source are saved.")}
          onCancel={() => backToList(figures)}
        />
      );
    case "import":
      return (
        <PopulationImport
          figures={figures}
          onDone={(imported) =>
            backToList(null, imported ? "The figures are imported." : undefined)
          }
        />
      );
    case "remove":
      return (
        <RemoveCell
          cell={view.cell}
          onRemoved={(saved) =>
            backToList(saved, `The figure for ${cellName(view.cell)} is removed.`)
          }
          onCancel={() => backToList(figures)}
        />
      );
    case "list":
      break;
  }

  return (
    <section aria-labelledby="population-heading" data-testid="population">
      {onBack && (
        <button
          type="button"
          className="link-button back-link"
          data-testid="back-to-gap"
          onClick={onBack}
        >
          Back to where to aim the next drive
        </button>
      )}
      <SectionHeading id="population-heading" focus>
        Population figures
      </SectionHeading>
      <p className="body">
        The local population of children and young people with special educational needs, by area,
        primary need and age band: for example from the Department for Education's "Special
        educational needs in England" statistics for the local authority, or figures the council
        provides. They are published statistics, not anyone's personal details.
      </p>
      {loadError && (
        <div className="error-summary" role="alert">
          <h3 className="error-summary__title">The figures could not be shown</h3>
          <p className="error-summary__message">{loadError}</p>
        </div>
      )}
      {!figures && !loadError && <p className="body">Loading…</p>}
      {figures && (
        <>
          <SummaryList
            rows={[
              ["Year the figures describe", figures.year === null ? "" : String(figures.year)],
              ["Where they come from", figures.source],
              ["Children and young people", whole(figures.total)],
              ["Figures", whole(figures.cells.length)],
            ]}
          />
          {admin && (
            <div className="button-group">
              <button
                type="button"
                className="button"
                data-testid="add-population-cell"
                onClick={() => setView({ name: "cell", cell: null })}
              >
                Add a figure
              </button>
              <button
                type="button"
                className="button button--secondary"
                data-testid="import-population"
                onClick={() => setView({ name: "import" })}
              >
                Import figures from a CSV file
              </button>
              <button
                type="button"
                className="button button--secondary"
                data-testid="change-population-source"
                onClick={() => setView({ name: "source" })}
              >
                Change the year and source
              </button>
            </div>
          )}
          {!admin && <p className="body hint">Only an admin can change the figures.</p>}
          <CellsTable
            cells={figures.cells}
            admin={admin}
            onChange={(cell) => setView({ name: "cell", cell })}
            onRemove={(cell) => setView({ name: "remove", cell })}
          />
        </>
      )}
    </section>
  );
}

function CellsTable({
  cells,
  admin,
  onChange,
  onRemove,
}: {
  cells: readonly PopulationCell[];
  admin: boolean;
  onChange: (cell: PopulationCell) => void;
  onRemove: (cell: PopulationCell) => void;
}) {
  if (cells.length === 0) {
    return (
      <p className="body" data-testid="population-empty">
        There are no population figures yet.
      </p>
    );
  }
  return (
    <div className="table-wrapper">
      <table className="table table--numeric" data-testid="population-table">
        <caption className="table__caption table__caption--m">
          {plural(cells.length, "figure", "figures")}
        </caption>
        <thead>
          <tr>
            <th scope="col">Area</th>
            <th scope="col" className="table__text">
              Primary need
            </th>
            <th scope="col" className="table__text">
              Age band
            </th>
            <th scope="col">Children and young people</th>
            {admin && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {cells.map((cell) => (
            <tr key={`${cell.areaId}/${cell.primaryNeed}/${cell.ageBand}`}>
              <th scope="row">{cell.areaName}</th>
              <td className="table__text">{needLabel(cell.primaryNeed)}</td>
              <td className="table__text">{AGE_BAND_LABELS[cell.ageBand]}</td>
              <td>{whole(cell.children)}</td>
              {admin && (
                <td className="table__text">
                  <div className="button-group button-group--tight">
                    <button
                      type="button"
                      className="link-button link-button--table"
                      aria-label={`Change the figure for ${cellName(cell)}`}
                      onClick={() => onChange(cell)}
                    >
                      Change
                    </button>
                    <button
                      type="button"
                      className="link-button link-button--table"
                      aria-label={`Remove the figure for ${cellName(cell)}`}
                      onClick={() => onRemove(cell)}
                    >
                      Remove
                    </button>
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RemoveCell({
  cell,
  onRemoved,
  onCancel,
}: {
  cell: PopulationCell;
  onRemoved: (figures: PopulationFigures) => void;
  onCancel: () => void;
}) {
  const form = useForm();
  async function remove() {
    const result = await form.run(() =>
      removePopulationCell(cell.areaId, cell.primaryNeed, cell.ageBand),
    );
    if (result.ok) onRemoved(result.value);
  }
  return (
    <section aria-labelledby="remove-cell-heading" data-testid="remove-population-cell">
      <SectionHeading id="remove-cell-heading" focus>
        Remove this figure?
      </SectionHeading>
      <ErrorSummary error={form.error} fieldOrder={[]} summaryRef={form.summaryRef} />
      <p className="body">
        {cellName(cell)}:{" "}
        {plural(cell.children, "child or young person", "children and young people")}. The reach gap
        will no longer compare the membership with this figure. You can add it again later.
      </p>
      <div className="button-group">
        <button
          type="button"
          className="button button--warning"
          data-testid="confirm-remove"
          aria-disabled={form.busy}
          onClick={remove}
        >
          Remove the figure
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="cancel"
          onClick={onCancel}
        >
          Cancel
        </button>
      </div>
    </section>
  );
}
