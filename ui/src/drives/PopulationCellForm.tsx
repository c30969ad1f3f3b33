import { type FormEvent, useContext, useEffect, useState } from "react";
import { listAreas, savePopulationCell } from "../backend";
import type { AgeBand } from "../bindings/AgeBand";
import type { Area } from "../bindings/Area";
import type { Need } from "../bindings/Need";
import type { Population } from "../bindings/Population";
import type { PopulationCell } from "../bindings/PopulationCell";
import { ErrorSummary } from "../components/ErrorSummary";
import { FormButtons } from "../components/FormButtons";
import { SelectField } from "../components/SelectField";
import { SummaryList } from "../components/SummaryList";
import { TextField } from "../components/TextField";
import { LockContext } from "../context";
import { toAppError, validationError } from "../errors";
import { AGE_BAND_LABELS, AGE_BAND_OPTIONS, NEED_OPTIONS, needLabel } from "../members/labels";
import { useForm } from "../useForm";
import { SectionHeading } from "./SectionHeading";

const FIELDS = ["areaId", "primaryNeed", "ageBand", "children"] as const;

/**
 * Reads a typed count: blank is null (the core says what is missing), "1,250" is 1250 and
 * "-3" is -3 (the core says why not); anything else is not a whole number.
 */
export function parseCount(text: string): { ok: true; value: number | null } | { ok: false } {
  const trimmed = text.trim().replace(/,/g, "");
  if (trimmed === "") return { ok: true, value: null };
  if (!/^-?\d{1,15}$/.test(trimmed)) return { ok: false };
  return { ok: true, value: Number(trimmed) };
}

/** Adds a population figure, or (with `cell`) changes the number of an existing one. */
export function PopulationCellForm({
  cell,
  onSaved,
  onCancel,
}: {
  cell: PopulationCell | null;
  onSaved: (figures: Population) => void;
  onCancel: () => void;
}) {
  const onLocked = useContext(LockContext);
  const form = useForm();
  const { fail } = form;
  const [areas, setAreas] = useState<Area[] | null>(cell ? [] : null);
  const [areaId, setAreaId] = useState(cell?.areaId ?? "");
  const [need, setNeed] = useState<Need | "">(cell?.primaryNeed ?? "");
  const [ageBand, setAgeBand] = useState<AgeBand | "">(cell?.ageBand ?? "");
  const [children, setChildren] = useState(cell ? String(cell.children) : "");

  useEffect(() => {
    if (cell) return;
    listAreas().then(setAreas, (thrown: unknown) => {
      const error = toAppError(thrown);
      if (error.kind === "locked" && onLocked) onLocked(error);
      else fail(error);
    });
  }, [cell, onLocked, fail]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const count = parseCount(children);
    if (!count.ok) {
      fail(
        validationError({
          children:
            "Enter the number of children and young people as a whole number, for example 1,250",
        }),
      );
      return;
    }
    const result = await form.run(() =>
      savePopulationCell({
        areaId,
        primaryNeed: need === "" ? null : need,
        ageBand: ageBand === "" ? null : ageBand,
        children: count.value,
      }),
    );
    if (result.ok) onSaved(result.value);
  }

  return (
    <section aria-labelledby="population-cell-heading" data-testid="population-cell-form">
      <SectionHeading id="population-cell-heading" focus>
        {cell ? "Change a population figure" : "Add a population figure"}
      </SectionHeading>
      <ErrorSummary error={form.error} fieldOrder={FIELDS} summaryRef={form.summaryRef} />
      <form onSubmit={submit} noValidate>
        {cell ? (
          <SummaryList
            rows={[
              ["Area", cell.areaName],
              ["Primary need", needLabel(cell.primaryNeed)],
              ["Age band", AGE_BAND_LABELS[cell.ageBand]],
            ]}
          />
        ) : (
          <>
            <p className="body">
              If there is already a figure for the area, need and age band you choose, this one
              replaces it.
            </p>
            {areas !== null && areas.length === 0 ? (
              <p className="body" id="areaId">
                The forum has no areas yet. An admin can add them in Settings, under Areas.
              </p>
            ) : (
              <SelectField
                name="areaId"
                label="Area"
                hint="One of the forum's areas, as set up under Areas."
                emptyLabel="Choose an area"
                options={(areas ?? []).map((area) => ({ value: area.id, label: area.name }))}
                value={areaId}
                onChange={setAreaId}
                error={form.errorFor("areaId")}
              />
            )}
            <SelectField
              name="primaryNeed"
              label="Primary need"
              hint="The Department for Education's SEN2 categories."
              emptyLabel="Choose a primary need"
              options={NEED_OPTIONS}
              value={need}
              onChange={(value) => setNeed(value as Need | "")}
              error={form.errorFor("primaryNeed")}
            />
            <SelectField
              name="ageBand"
              label="Age band"
              emptyLabel="Choose an age band"
              options={AGE_BAND_OPTIONS}
              value={ageBand}
              onChange={(value) => setAgeBand(value as AgeBand | "")}
              error={form.errorFor("ageBand")}
            />
          </>
        )}
        <TextField
          name="children"
          label="Number of children and young people"
          hint="A whole number, for example 1,250."
          value={children}
          onChange={setChildren}
          error={form.errorFor("children")}
          autoComplete="off"
          inputMode="numeric"
          width="width-10"
        />
        <FormButtons
          submitLabel={cell ? "Save the figure" : "Add the figure"}
          busy={form.busy}
          onCancel={onCancel}
        />
      </form>
    </section>
  );
}
