import { screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { retentionQueueCount } from "../backend";
import { renderScreen, session } from "../test/fixtures";
import { RetentionNotice } from "./RetentionNotice";

vi.mock("../backend");

beforeEach(() => {
  vi.mocked(retentionQueueCount).mockResolvedValue(3);
});

describe("RetentionNotice", () => {
  it("tells officers how many records the schedule has caught", async () => {
    renderScreen(<RetentionNotice session={session({ role: "officer" })} />);
    expect(await screen.findByTestId("retention-notice")).toHaveTextContent(
      "3 records have been kept longer than the retention schedule allows",
    );
  });

  it("shows nothing when the queue is empty", async () => {
    vi.mocked(retentionQueueCount).mockResolvedValue(0);
    renderScreen(<RetentionNotice session={session()} />);
    await waitFor(() => expect(retentionQueueCount).toHaveBeenCalled());
    expect(screen.queryByTestId("retention-notice")).not.toBeInTheDocument();
  });

  it("shows nothing to volunteers and does not ask", () => {
    renderScreen(<RetentionNotice session={session({ role: "volunteer" })} />);
    expect(screen.queryByTestId("retention-notice")).not.toBeInTheDocument();
    expect(retentionQueueCount).not.toHaveBeenCalled();
  });
});
