import { type FormEvent, useState } from "react";
import { setPopulationSource } from "../backend";
import type { Population } from "../bindings/Population";
import type { PopulationSourceInput } from "../bindings/PopulationSourceInput";
import { ErrorSummary } from "../components/ErrorSummary";
import { FormButtons } from "../components/FormButtons";
import { TextField } from "../components/TextField";
import { validationError } from "../errors";
import { useForm } from "../useForm";
import { SectionHeading } from "./SectionHeading";

const FIELDS = ["year", "source"] as const;

export const YEAR_HINT = "The year of the census they count, for example 2026.";
export const SOURCE_HINT =
  "For example \u201cDfE Special educational needs in England 2026, split by area by the council\u201d.";

/** Reads a typed year: blank is null (the core asks for one), four digits a year. */
export function parseYear(text: string): { ok: true; value: number | null } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, value: null };
  return /^\d{4}$/.test(trimmed) ? { ok: true, value: Number(trimmed) } : { ok: false };
}

/** The source input from the typed year and source, or the field error to show. */
export function sourceInput(
  year: string,
  source: string,
): { ok: true; input: PopulationSourceInput } | { ok: false; error: Record<string, string> } {
  const parsed = parseYear(year);
  if (!parsed.ok) {
    return { ok: false, error: { year: "Enter the year as 4 digits, for example 2026" } };
  }
  return { ok: true, input: { year: parsed.value, source: source.trim() } };
}

/** The year the population figures describe and where they come from. */
export function PopulationSourceForm({
  figures,
  onSaved,
  onCancel,
}: {
  figures: Population | null;
  onSaved: (figures: Population) => void;
  onCancel: () => void;
}) {
  const form = useForm();
  const [year, setYear] = useState(figures?.year == null ? "" : String(figures.year));
  const [source, setSource] = useState(figures?.source ?? "");

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = sourceInput(year, source);
    if (!checked.ok) {
      form.fail(validationError(checked.error));
      return;
    }
    const result = await form.run(() => setPopulationSource(checked.input));
    if (result.ok) onSaved(result.value);
  }

  return (
    <section aria-labelledby="population-source-heading" data-testid="population-source-form">
      <SectionHeading id="population-source-heading" focus>
        The year and source of the figures
      </SectionHeading>
      <ErrorSummary error={form.error} fieldOrder={FIELDS} summaryRef={form.summaryRef} />
      <form onSubmit={submit} noValidate>
        <TextField
          name="year"
          label="Year the figures describe"
          hint={YEAR_HINT}
          value={year}
          onChange={setYear}
          error={form.errorFor("year")}
          autoComplete="off"
          inputMode="numeric"
          width="width-4"
        />
        <TextField
          name="source"
          label="Where the figures come from"
          hint={SOURCE_HINT}
          value={source}
          onChange={setSource}
          error={form.errorFor("source")}
          autoComplete="off"
        />
        <FormButtons submitLabel="Save" busy={form.busy} onCancel={onCancel} />
      </form>
    </section>
  );
}
