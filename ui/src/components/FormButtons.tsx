/**
 * How a form ends: its main button and "Cancel". `busy` marks the main button as not
 * available (aria-disabled, so it keeps its place in the tab order) while the form is sent.
 */
export function FormButtons({
  submitLabel,
  busy,
  onCancel,
}: {
  submitLabel: string;
  busy?: boolean;
  onCancel: () => void;
}) {
  return (
    <div className="button-group">
      <button type="submit" className="button" data-testid="submit" aria-disabled={busy}>
        {submitLabel}
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
  );
}
