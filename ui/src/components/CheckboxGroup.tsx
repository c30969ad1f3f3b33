import { describedBy, FieldError } from "./FieldError";

export type CheckboxOption<T extends string> = { value: T; label: string };

type CheckboxGroupProps<T extends string> = {
  /** The input field name; each box's id is `<name>-<value>`. */
  name: string;
  legend: string;
  hint?: string;
  options: readonly CheckboxOption<T>[];
  values: readonly T[];
  onChange: (values: T[]) => void;
  error?: string;
};

/** "Select all that apply": checkboxes in a fieldset, none ticked until someone ticks them. */
export function CheckboxGroup<T extends string>({
  name,
  legend,
  hint,
  options,
  values,
  onChange,
  error,
}: CheckboxGroupProps<T>) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  const toggle = (value: T, checked: boolean) =>
    onChange(
      checked
        ? options.map((o) => o.value).filter((v) => v === value || values.includes(v))
        : values.filter((v) => v !== value),
    );
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <fieldset className="fieldset" aria-describedby={describedBy(hintId, errorId)}>
        <legend className="fieldset__legend">{legend}</legend>
        {hint && (
          <div className="hint" id={hintId}>
            {hint}
          </div>
        )}
        {error && errorId && <FieldError id={errorId} message={error} />}
        <div className="checkboxes">
          {options.map((option) => {
            const id = `${name}-${option.value}`;
            return (
              <div className="checkbox" key={option.value}>
                <input
                  className="checkbox__input"
                  type="checkbox"
                  id={id}
                  name={name}
                  value={option.value}
                  checked={values.includes(option.value)}
                  onChange={(event) => toggle(option.value, event.target.checked)}
                />
                <label className="checkbox__label" htmlFor={id}>
                  {option.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
