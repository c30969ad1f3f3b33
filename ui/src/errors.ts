import type { AppError } from "./bindings/AppError";
import type { ErrorKind } from "./bindings/ErrorKind";

const KINDS: readonly ErrorKind[] = [
  "validation",
  "not_found",
  "forbidden",
  "locked",
  "conflict",
  "internal",
];

export const GENERIC_ERROR_MESSAGE =
  "Something went wrong in ForumDesk. Try again. If it keeps happening, tell your forum's admin.";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** True when `value` has the shape of the core's error type. */
export function isAppError(value: unknown): value is AppError {
  return (
    isRecord(value) &&
    typeof value.kind === "string" &&
    (KINDS as readonly string[]).includes(value.kind) &&
    typeof value.message === "string"
  );
}

/**
 * Turns anything a command threw into an AppError. Values that are not
 * AppError-shaped (a string from Tauri, a JS Error, ...) become kind "internal".
 */
export function toAppError(value: unknown): AppError {
  if (isAppError(value)) {
    const fields: Record<string, string> = {};
    const raw = (value as { fields?: unknown }).fields;
    if (isRecord(raw)) {
      for (const [key, message] of Object.entries(raw)) {
        if (typeof message === "string") fields[key] = message;
      }
    }
    return { kind: value.kind, message: value.message, fields };
  }
  return { kind: "internal", message: GENERIC_ERROR_MESSAGE, fields: {} };
}

/** An error made in the UI itself (for example, a checkbox that must be ticked). */
export function validationError(fields: Record<string, string>): AppError {
  return { kind: "validation", message: "There is a problem", fields };
}
