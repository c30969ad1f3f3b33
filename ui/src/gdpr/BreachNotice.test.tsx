import { act, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { breachDeadlines } from "../backend";
import { HOSTILE, renderScreen, session } from "../test/fixtures";
import { BreachNotice, timeLeftInWords } from "./BreachNotice";

vi.mock("../backend");

const NOW = Date.parse("2026-11-22T12:00:00Z");

function deadline(minutesFromNow: number, summary = "Newsletter sent with all addresses") {
  return {
    id: `b-${minutesFromNow}`,
    discoveredAt: new Date(NOW + minutesFromNow * 60_000 - 72 * 3_600_000).toISOString(),
    deadline: new Date(NOW + minutesFromNow * 60_000).toISOString(),
    minutesLeft: minutesFromNow,
    overdue: minutesFromNow < 0,
    inWords: "",
    summary,
  };
}

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true, now: NOW });
  vi.mocked(breachDeadlines).mockResolvedValue([deadline(2 * 60 + 1)]);
});

afterEach(() => {
  vi.useRealTimers();
});

describe("timeLeftInWords", () => {
  it("reads naturally", () => {
    expect(timeLeftInWords(72 * 60)).toBe("3 days left");
    expect(timeLeftInWords(26 * 60 + 5)).toBe("1 day 2 hours left");
    expect(timeLeftInWords(65)).toBe("1 hour 5 minutes left");
    expect(timeLeftInWords(1)).toBe("1 minute left");
    expect(timeLeftInWords(-180)).toBe("overdue by 3 hours");
  });
});

describe("BreachNotice", () => {
  it("counts down each minute, and speaks only when the hours change", async () => {
    renderScreen(<BreachNotice session={session({ role: "officer" })} />);
    const item = await screen.findByTestId("breach-countdown");
    expect(item).toHaveTextContent("2 hours 1 minute left to report");
    const status = screen.getByTestId("breach-spoken");
    expect(status).toHaveTextContent("within 2 hours");
    await act(async () => {
      vi.advanceTimersByTime(60_000);
    });
    expect(item).toHaveTextContent("2 hours left to report");
    expect(status).toHaveTextContent("within 2 hours");
    await act(async () => {
      vi.advanceTimersByTime(60_000);
    });
    expect(item).toHaveTextContent("1 hour 59 minutes left");
    expect(status).toHaveTextContent("within 1 hour.");
  });

  it("says when a deadline has passed, and escapes the summary", async () => {
    vi.mocked(breachDeadlines).mockResolvedValue([deadline(-90, HOSTILE)]);
    renderScreen(<BreachNotice session={session()} />);
    expect(await screen.findByTestId("breach-notice")).toHaveTextContent(
      "A data breach is overdue for reporting to the ICO",
    );
    expect(screen.getByTestId("breach-countdown")).toHaveTextContent(
      "overdue by 1 hour 30 minutes",
    );
    expect(screen.getByTestId("breach-countdown")).toHaveTextContent(HOSTILE);
    expect(document.querySelector("img")).toBeNull();
  });

  it("shows nothing when there is nothing to report, and nothing to volunteers", async () => {
    vi.mocked(breachDeadlines).mockResolvedValue([]);
    renderScreen(<BreachNotice session={session()} />);
    await waitFor(() => expect(breachDeadlines).toHaveBeenCalled());
    expect(screen.queryByTestId("breach-notice")).not.toBeInTheDocument();
    vi.mocked(breachDeadlines).mockClear();
    renderScreen(<BreachNotice session={session({ role: "volunteer" })} />);
    expect(breachDeadlines).not.toHaveBeenCalled();
  });
});
