import { describedBy, FieldError } from "./FieldError";

type CheckboxProps = {
  name: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
  testId?: string;
  /** Shown under the label, for example a warning about what ticking it does. */
  hint?: string;
};

/** A single checkbox, with its error shown GOV.UK style. */
export function Checkbox({ name, label, checked, onChange, error, testId, hint }: CheckboxProps) {
  const errorId = error ? `${name}-error` : undefined;
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      {error && errorId && <FieldError id={errorId} message={error} />}
      <div className="checkbox">
        <input
          className="checkbox__input"
          type="checkbox"
          id={name}
          name={name}
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-describedby={describedBy(hintId, errorId)}
          aria-invalid={error ? true : undefined}
          data-testid={testId}
        />
        <label className="checkbox__label" htmlFor={name}>
          {label}
        </label>
        {hint && (
          <div className="hint checkbox__hint" id={hintId}>
            {hint}
          </div>
        )}
      </div>
    </div>
  );
}
