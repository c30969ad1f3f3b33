import type { MouseEvent, Ref } from "react";
import type { AppError } from "../bindings/AppError";

export type ErrorSummaryProps = {
  error: AppError | null;
  /** The form's field names, in the order they appear on the page. */
  fieldOrder: readonly string[];
  /** The element to focus for a field, when its id is not the field name (radios). */
  anchors?: Readonly<Record<string, string>>;
  summaryRef: Ref<HTMLDivElement>;
};

type Item = { key: string; text: string; target?: string };

function items(error: AppError, fieldOrder: readonly string[], anchors: Record<string, string>) {
  const known: Item[] = [];
  for (const field of fieldOrder) {
    const text = error.fields[field];
    if (text) known.push({ key: field, text, target: anchors[field] ?? field });
  }
  const other: Item[] = Object.entries(error.fields)
    .filter(([field, text]) => text && !fieldOrder.includes(field))
    .map(([field, text]) => ({ key: field, text: text ?? "" }));
  return [...known, ...other];
}

function focusField(event: MouseEvent<HTMLAnchorElement>, target: string) {
  const element = document.getElementById(target);
  if (!element) return;
  event.preventDefault();
  const group = element.closest("fieldset, .form-group") ?? element;
  group.scrollIntoView?.({ block: "start" });
  element.focus({ preventScroll: true });
}

/** GOV.UK-style error summary: shown at the top of a form after a failed submit. */
export function ErrorSummary({ error, fieldOrder, anchors = {}, summaryRef }: ErrorSummaryProps) {
  if (!error) return null;
  const list = items(error, fieldOrder, anchors);
  return (
    <div
      className="error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={-1}
      ref={summaryRef}
      data-testid="error-summary"
    >
      <h2 className="error-summary__title" id="error-summary-title">
        There is a problem
      </h2>
      {list.length === 0 ? (
        <p className="error-summary__message">{error.message}</p>
      ) : (
        <ul className="error-summary__list">
          {list.map((item) => (
            <li key={item.key}>
              {item.target ? (
                <a
                  href={`#${item.target}`}
                  onClick={(event) => item.target && focusField(event, item.target)}
                >
                  {item.text}
                </a>
              ) : (
                item.text
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
