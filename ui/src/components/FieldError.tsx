/** The error message shown on a field, with a hidden "Error:" prefix for screen readers. */
export function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <p className="error-message" id={id}>
      <span className="visually-hidden">Error:</span> {message}
    </p>
  );
}

/** Joins the ids of a field's hint and error for aria-describedby. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const joined = ids.filter(Boolean).join(" ");
  return joined || undefined;
}
