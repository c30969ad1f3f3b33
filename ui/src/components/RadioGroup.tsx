import { describedBy, FieldError } from "./FieldError";

export type RadioOption<T extends string> = { value: T; label: string; hint?: string };

type RadioGroupProps<T extends string> = {
  /** The input field name; each radio's id is `<idPrefix>-<value>`. */
  name: string;
  idPrefix: string;
  legend: string;
  hint?: string;
  options: readonly RadioOption<T>[];
  value: T | "";
  onChange: (value: T) => void;
  error?: string;
};

/** Radios in a fieldset with a legend, a hint per option and a GOV.UK-style error. */
export function RadioGroup<T extends string>({
  name,
  idPrefix,
  legend,
  hint,
  options,
  value,
  onChange,
  error,
}: RadioGroupProps<T>) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
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
        <div className="radios">
          {options.map((option) => {
            const id = `${idPrefix}-${option.value}`;
            const optionHintId = option.hint ? `${id}-hint` : undefined;
            return (
              <div className="radio" key={option.value}>
                <input
                  className="radio__input"
                  type="radio"
                  id={id}
                  name={name}
                  value={option.value}
                  checked={value === option.value}
                  onChange={() => onChange(option.value)}
                  aria-describedby={optionHintId}
                />
                <label className="radio__label" htmlFor={id}>
                  {option.label}
                </label>
                {option.hint && (
                  <div className="hint radio__hint" id={optionHintId}>
                    {option.hint}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
