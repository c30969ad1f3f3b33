import { describe, expect, it, vi } from "vitest";
import { ACTIVITY_INTERVAL_MS, throttle } from "./activity";

describe("throttle", () => {
  it("reports at once, then at most once per interval", () => {
    let now = 1_000_000;
    const report = vi.fn();
    const activity = throttle(report, ACTIVITY_INTERVAL_MS, () => now);
    activity();
    activity();
    expect(report).toHaveBeenCalledTimes(1);
    now += ACTIVITY_INTERVAL_MS - 1;
    activity();
    expect(report).toHaveBeenCalledTimes(1);
    now += 1;
    activity();
    expect(report).toHaveBeenCalledTimes(2);
  });

  it("uses a 30 second interval", () => {
    expect(ACTIVITY_INTERVAL_MS).toBe(30_000);
  });
});
