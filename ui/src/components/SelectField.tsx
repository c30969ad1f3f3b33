import type { ReactNode } from "react";
import { describedBy, FieldError } from "./FieldError";

export type SelectOption = { value: string; label: string };

type SelectFieldProps = {
  /** The input field name; also the element id. */
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly SelectOption[];
  /** The first, empty choice, for example "Any status". Nothing else is ever preselected. */
  emptyLabel: string;
  testId?: string;
};

/** A native <select> with its label, hint and GOV.UK-style error. */
export function SelectField({
  name,
  label,
  hint,
  error,
  value,
  onChange,
  options,
  emptyLabel,
  testId,
}: SelectFieldProps) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <label className="label" htmlFor={name}>
        {label}
      </label>
      {hint && (
        <div className="hint" id={hintId}>
          {hint}
        </div>
      )}
      {error && errorId && <FieldError id={errorId} message={error} />}
      <select
        className={`select${error ? " select--error" : ""}`}
        id={name}
        name={name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error ? true : undefined}
        data-testid={testId}
      >
        <option value="">{emptyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
