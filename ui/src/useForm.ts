import { useCallback, useContext, useEffect, useRef, useState } from "react";
import type { AppError } from "./bindings/AppError";
import { LockContext, useNotify } from "./context";
import { toAppError } from "./errors";

export type SubmitResult<T> = { ok: true; value: T } | { ok: false };

/**
 * Error state for one form: field errors, the error summary (focused after each
 * failed submit), a guard against double submits, and the "app locked" hand-off.
 */
export function useForm() {
  const onLocked = useContext(LockContext);
  const notify = useNotify();
  const [error, setError] = useState<AppError | null>(null);
  const [failures, setFailures] = useState(0);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (failures > 0) summaryRef.current?.focus();
  }, [failures]);

  const fail = useCallback((next: AppError) => {
    setError(next);
    setFailures((n) => n + 1);
  }, []);

  const run = useCallback(
    async <T>(action: () => Promise<T>): Promise<SubmitResult<T>> => {
      if (busyRef.current) return { ok: false };
      busyRef.current = true;
      setBusy(true);
      notify(null);
      try {
        const value = await action();
        setError(null);
        return { ok: true, value };
      } catch (thrown) {
        const appError = toAppError(thrown);
        if (appError.kind === "locked" && onLocked) onLocked(appError);
        else fail(appError);
        return { ok: false };
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [fail, notify, onLocked],
  );

  const errorFor = (field: string): string | undefined => error?.fields[field];

  return { error, errorFor, fail, run, busy, summaryRef };
}
