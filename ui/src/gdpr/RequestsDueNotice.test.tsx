import { screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { dataRequestsDue } from "../backend";
import { renderScreen, session } from "../test/fixtures";
import { DUE_SOON, OVERDUE } from "./fixtures";
import { RequestsDueNotice } from "./RequestsDueNotice";

vi.mock("../backend");

beforeEach(() => {
  vi.mocked(dataRequestsDue).mockResolvedValue([OVERDUE, DUE_SOON]);
});

describe("RequestsDueNotice", () => {
  it("lists requests past or near their deadline, overdue in words", async () => {
    renderScreen(<RequestsDueNotice session={session()} />);
    const notice = await screen.findByTestId("requests-due-notice");
    expect(notice).toHaveTextContent("A request about someone's data is past the deadline");
    const items = screen.getAllByTestId("due-request");
    expect(items[0]).toHaveTextContent(
      "Erasure from Sam Doe (by letter): due 1 November 2026 (Overdue by 21 days)",
    );
    expect(items[1]).toHaveTextContent(
      "A copy of their data from Ola Nowak: due 26 November 2026 (4 days left)",
    );
  });

  it("says the week's requests are due when none is overdue", async () => {
    vi.mocked(dataRequestsDue).mockResolvedValue([DUE_SOON]);
    renderScreen(<RequestsDueNotice session={session()} />);
    expect(await screen.findByTestId("requests-due-notice")).toHaveTextContent(
      "Requests about people's data are due this week",
    );
  });

  it("shows nothing when nothing is due", async () => {
    vi.mocked(dataRequestsDue).mockResolvedValue([]);
    renderScreen(<RequestsDueNotice session={session()} />);
    await waitFor(() => expect(dataRequestsDue).toHaveBeenCalled());
    expect(screen.queryByTestId("requests-due-notice")).not.toBeInTheDocument();
  });

  it("shows nothing to other roles and does not ask", async () => {
    renderScreen(<RequestsDueNotice session={session({ role: "officer" })} />);
    expect(screen.queryByTestId("requests-due-notice")).not.toBeInTheDocument();
    expect(dataRequestsDue).not.toHaveBeenCalled();
  });
});
