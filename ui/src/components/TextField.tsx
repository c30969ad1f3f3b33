import type { HTMLAttributes, ReactNode } from "react";
import { describedBy, FieldError } from "./FieldError";

export type TextFieldProps = {
  /** The input field name; also the element id (end-to-end tests rely on it). */
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "password";
  autoComplete?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>["inputMode"];
  spellCheck?: boolean;
  /** CSS width modifier, for example "width-10" for short answers. */
  width?: string;
  className?: string;
  /** Shown after the input, for example a "Show" button or a unit. */
  after?: ReactNode;
};

export function TextField({
  name,
  label,
  hint,
  error,
  value,
  onChange,
  type = "text",
  autoComplete,
  inputMode,
  spellCheck,
  width,
  className,
  after,
}: TextFieldProps) {
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
      <div className="input-wrapper">
        <input
          className={["input", width, error && "input--error", className].filter(Boolean).join(" ")}
          id={name}
          name={name}
          type={type}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          autoComplete={autoComplete}
          inputMode={inputMode}
          spellCheck={spellCheck}
          autoCapitalize={spellCheck === false ? "none" : undefined}
          aria-describedby={describedBy(hintId, errorId)}
          aria-invalid={error ? true : undefined}
        />
        {after}
      </div>
    </div>
  );
}
