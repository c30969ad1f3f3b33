/** ForumDesk tells the shell about key and pointer activity at most this often. */
export const ACTIVITY_INTERVAL_MS = 30_000;

/**
 * Returns a function that calls `report` at most once per `intervalMs`: the first
 * call goes through at once, later calls within the interval are dropped.
 */
export function throttle(
  report: () => void,
  intervalMs = ACTIVITY_INTERVAL_MS,
  now: () => number = () => Date.now(),
): () => void {
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const time = now();
    if (time - last < intervalMs) return;
    last = time;
    report();
  };
}
