import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  chooseDocxPath,
  createGrant,
  evidencePack,
  getActivity,
  indicatorReviews,
  listActivities,
  listGrants,
  reviewIndicator,
  saveEvidenceDocx,
} from "../backend";
import { activity, activitySummary } from "../test/activities";
import { PACK, REVIEW } from "../test/evidence";
import { appError, renderScreen, session } from "../test/fixtures";
import { Evidence } from "./Evidence";

vi.mock("../backend");

describe("Evidence", () => {
  beforeEach(() => {
    vi.mocked(indicatorReviews).mockResolvedValue([REVIEW]);
    vi.mocked(listGrants).mockResolvedValue([]);
    vi.mocked(listActivities).mockResolvedValue([
      activitySummary(),
      activitySummary({ id: "act-2", title: "Short breaks survey", startsOn: "2026-06-02" }),
    ]);
    vi.mocked(getActivity).mockImplementation(async (id) =>
      id === "act-1" ? activity() : activity({ id, title: "Short breaks survey", documents: [] }),
    );
  });

  it("picks the quarter's activities and their documents as evidence, saved with the review", async () => {
    vi.mocked(reviewIndicator).mockResolvedValue({ ...REVIEW, status: "met" });
    renderScreen(<Evidence session={session({ role: "officer" })} />);
    const user = userEvent.setup();
    const activities = await screen.findByRole("group", { name: "Activities that evidence it" });
    expect(listActivities).toHaveBeenCalledWith(
      expect.objectContaining({ from: "2026-04-01", to: "2026-06-30" }),
    );
    expect(
      screen.queryByRole("group", { name: "Documents that evidence it" }),
    ).not.toBeInTheDocument();
    await user.click(within(activities).getByLabelText(/^SEND Partnership Board/));
    const documents = await screen.findByRole("group", { name: "Documents that evidence it" });
    expect(getActivity).toHaveBeenCalledWith("act-1");
    await user.click(within(documents).getByLabelText(/^minutes\.pdf/));
    await user.click(within(activities).getByLabelText(/^Short breaks survey/));
    await user.click(screen.getByLabelText("Met"));
    await user.click(screen.getByTestId("save-board_representation"));
    await waitFor(() =>
      expect(reviewIndicator).toHaveBeenCalledWith("board_representation", {
        quarter: "2026-04-01",
        status: "met",
        comment: "",
        activityIds: ["act-1", "act-2"],
        documentIds: ["d-1"],
      }),
    );
  });

  it("keeps evidence already linked, even from outside the quarter, and drops an unticked activity's documents", async () => {
    vi.mocked(indicatorReviews).mockResolvedValue([
      {
        ...REVIEW,
        status: "partly",
        activities: [
          { id: "act-1", title: "SEND Partnership Board" },
          { id: "act-old", title: "Last year's survey" },
        ],
        documents: [{ id: "d-1", title: "minutes.pdf" }],
      },
    ]);
    vi.mocked(reviewIndicator).mockResolvedValue(REVIEW);
    renderScreen(<Evidence session={session({ role: "officer" })} />);
    const user = userEvent.setup();
    const activities = await screen.findByRole("group", { name: "Activities that evidence it" });
    expect(within(activities).getByLabelText("Last year's survey")).toBeChecked();
    const board = within(activities).getByLabelText(/^SEND Partnership Board/);
    expect(board).toBeChecked();
    const documents = await screen.findByRole("group", { name: "Documents that evidence it" });
    await waitFor(() =>
      expect(within(documents).getByLabelText(/^minutes\.pdf \(SEND/)).toBeChecked(),
    );
    await user.click(board);
    await user.click(screen.getByTestId("save-board_representation"));
    await waitFor(() =>
      expect(reviewIndicator).toHaveBeenCalledWith(
        "board_representation",
        expect.objectContaining({ activityIds: ["act-old"], documentIds: [] }),
      ),
    );
  });

  it("saves a review and shows the core's field error in the summary", async () => {
    vi.mocked(reviewIndicator)
      .mockRejectedValueOnce(
        appError("validation", "Check the review", {
          status: "Select whether the indicator was met",
        }),
      )
      .mockResolvedValueOnce({ ...REVIEW, status: "partly" });
    renderScreen(<Evidence session={session({ role: "officer" })} />);
    expect(
      await screen.findByText("What the data says: Attended 2 of 3 meetings (67%)"),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("save-board_representation"));
    const summary = await screen.findByTestId("error-summary");
    expect(summary).toHaveTextContent("Select whether the indicator was met");
    await userEvent.click(screen.getByLabelText("Partly met"));
    await userEvent.click(screen.getByTestId("save-board_representation"));
    await waitFor(() =>
      expect(reviewIndicator).toHaveBeenLastCalledWith(
        "board_representation",
        expect.objectContaining({ quarter: "2026-04-01", status: "partly" }),
      ),
    );
  });

  it("shows a volunteer the indicators read-only and the report, but not grant years", async () => {
    renderScreen(<Evidence session={session({ role: "volunteer" })} />);
    expect(await screen.findByTestId("status-board_representation")).toHaveTextContent(
      "Not reviewed yet",
    );
    expect(screen.queryByTestId("save-board_representation")).not.toBeInTheDocument();
    expect(listActivities).not.toHaveBeenCalled();
    expect(screen.queryByTestId("tab-grants")).not.toBeInTheDocument();
    // A volunteer can go from an empty period to a printed evidence pack.
    expect(screen.getByTestId("tab-report")).toBeInTheDocument();
  });

  it("reports tranches that do not add up beside the tranches", async () => {
    vi.mocked(createGrant).mockRejectedValue(
      appError("validation", "Check the grant", {
        tranches: "The tranches add up to £8,000.00, not the grant's £17,500.00",
      }),
    );
    renderScreen(<Evidence session={session({ role: "admin" })} />);
    await userEvent.click(await screen.findByTestId("tab-grants"));
    await userEvent.type(screen.getByLabelText("Year the grant starts"), "2026");
    await userEvent.click(screen.getByTestId("create-grant"));
    expect(await screen.findByTestId("error-summary")).toHaveTextContent(
      "The tranches add up to £8,000.00",
    );
    expect(
      screen.getByText(/The tranches add up to £8,000.00, not/, { selector: "p" }),
    ).toBeInTheDocument();
  });

  it("shows hostile text in a 'you said' as text, with a table under the chart", async () => {
    vi.mocked(evidencePack).mockResolvedValue(PACK);
    renderScreen(<Evidence session={session({ role: "officer" })} />);
    await userEvent.click(await screen.findByTestId("tab-report"));
    await userEvent.type(screen.getByLabelText("From"), "01/04/2026");
    await userEvent.type(screen.getByLabelText("To"), "31/03/2027");
    await userEvent.click(screen.getByTestId("show-report"));
    const report = await screen.findByTestId("evidence-report");
    expect(report).toHaveTextContent("<script>alert(1)</script>");
    expect(report.querySelector("script")).toBeNull();
    expect(screen.getByTestId("membership-by-month")).toHaveTextContent("2026-04");
    expect(evidencePack).toHaveBeenCalledWith("01/04/2026", "31/03/2027");
  });

  it("saves the pack as a Word document where the user chose, and nothing when they cancel", async () => {
    vi.mocked(evidencePack).mockResolvedValue(PACK);
    vi.mocked(chooseDocxPath)
      .mockResolvedValueOnce(null)
      .mockResolvedValueOnce("/home/sam/pack.docx");
    vi.mocked(saveEvidenceDocx).mockResolvedValue(20480);
    renderScreen(<Evidence session={session({ role: "volunteer" })} />);
    await userEvent.click(await screen.findByTestId("tab-report"));
    await userEvent.type(screen.getByLabelText("From"), "01/04/2026");
    await userEvent.type(screen.getByLabelText("To"), "31/03/2027");
    await userEvent.click(screen.getByTestId("show-report"));
    const button = await screen.findByRole("button", { name: "Save as Word document" });

    await userEvent.click(button);
    expect(chooseDocxPath).toHaveBeenCalledWith(`evidence-${PACK.from}-to-${PACK.to}.docx`);
    expect(saveEvidenceDocx).not.toHaveBeenCalled();

    await userEvent.click(button);
    await waitFor(() =>
      expect(saveEvidenceDocx).toHaveBeenCalledWith(PACK.from, PACK.to, "/home/sam/pack.docx"),
    );
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Evidence pack saved as a Word document.",
    );
  });
});
