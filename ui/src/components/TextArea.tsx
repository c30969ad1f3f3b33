import type { ReactNode } from "react";
import { describedBy, FieldError } from "./FieldError";

type TextAreaProps = {
  /** The input field name; also the element id. */
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  spellCheck?: boolean;
};

export function TextArea({
  name,
  label,
  hint,
  error,
  value,
  onChange,
  rows = 4,
  spellCheck,
}: TextAreaProps) {
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
      <textarea
        className={`input textarea${error ? " input--error" : ""}`}
        id={name}
        name={name}
        rows={rows}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        spellCheck={spellCheck}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}
