// Number formatting for the reach gap and the population figures. The core sends the real
// counts; on screen, as in every export, a count under 5 is written "fewer than 5" so that a
// row cannot point at one family, and a ratio or rate worked out from it is not shown either.
import type { ReachGapRow } from "../bindings/ReachGapRow";

/** Below this a count is never shown (the core's `SUPPRESS_BELOW`). */
export const SUPPRESS_BELOW = 5;
export const FEWER_THAN_5 = "fewer than 5";

const WHOLE = new Intl.NumberFormat("en-GB");
const TWO_PLACES = new Intl.NumberFormat("en-GB", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const ONE_PLACE = new Intl.NumberFormat("en-GB", {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** 1234 → "1,234". Only for figures that are not about members (the population). */
export function whole(n: number): string {
  return WHOLE.format(n);
}

/** A count of members or their children: "fewer than 5" under 5, else "1,234". */
export function smallCount(n: number): string {
  return n < SUPPRESS_BELOW ? FEWER_THAN_5 : WHOLE.format(n);
}

/** True when either count in the row is under 5, so its ratio and rate are not shown. */
export function suppressed(row: Pick<ReachGapRow, "membersChildren" | "population">): boolean {
  return row.membersChildren < SUPPRESS_BELOW || row.population < SUPPRESS_BELOW;
}

/** The representation ratio: "0.45", "not shown" for small numbers, "no figures". */
export function ratioText(row: ReachGapRow): string {
  if (row.ratio === null) return row.population === 0 ? "no figures" : "none compared";
  if (suppressed(row)) return "not shown";
  return TWO_PLACES.format(row.ratio);
}

/** Members' children per 1,000 in the population: "12.5", or "not shown". */
export function per1000Text(row: ReachGapRow): string {
  if (row.per1000 === null) return "no figures";
  if (suppressed(row)) return "not shown";
  return ONE_PLACE.format(row.per1000);
}

export function onePlace(x: number): string {
  return ONE_PLACE.format(x);
}

/** "about 12 more" to reach parity; "at or above parity" when none are needed. */
export function shortfallText(shortfall: number): string {
  if (shortfall <= 0) return "at or above parity";
  return `about ${WHOLE.format(Math.max(1, Math.round(shortfall)))} more`;
}

export function plural(n: number, one: string, many: string): string {
  return `${WHOLE.format(n)} ${n === 1 ? one : many}`;
}
