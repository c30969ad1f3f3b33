import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { recentQuarters } from "../activities/labels";
import {
  bodyAttendance,
  createActivity,
  getActivity,
  listActivities,
  listBodies,
  listBodyMeetings,
  listOrganisations,
  listSeats,
  recordBodyMeeting,
  recordMeetingAttended,
  searchMembers,
} from "../backend";
import { ATTENDANCE, activity, activitySummary, BODIES, MEETINGS, SEATS } from "../test/activities";
import { appError, renderScreen, session } from "../test/fixtures";
import { orgSummary } from "../test/groups";
import { memberPage, summary } from "../test/members";
import { Activities } from "./Activities";

vi.mock("../backend");

const SCRIPT = "<script>alert(1)</script>";

beforeEach(() => {
  vi.mocked(listActivities).mockResolvedValue([
    activitySummary(),
    activitySummary({ id: "act-2", title: "Short breaks survey", kind: "survey", level: null }),
  ]);
  vi.mocked(listOrganisations).mockResolvedValue([
    orgSummary({ id: "o-9", name: "County Council SEND team", kind: "local_authority" }),
  ]);
  vi.mocked(listBodies).mockResolvedValue(BODIES);
  vi.mocked(listSeats).mockResolvedValue(SEATS);
  vi.mocked(listBodyMeetings).mockResolvedValue(MEETINGS);
  vi.mocked(bodyAttendance).mockResolvedValue(ATTENDANCE);
  vi.mocked(getActivity).mockResolvedValue(activity());
});

async function renderActivities(role: "admin" | "officer" | "volunteer" = "admin") {
  renderScreen(<Activities session={session({ role })} />);
  return screen.findByTestId("activities-table");
}

describe("Activity log", () => {
  it("lists activities in the core's order and sends every filter", async () => {
    const table = await renderActivities();
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((row) => within(row).getAllByRole("cell")[1]?.textContent)).toEqual([
      "SEND Partnership Board",
      "Short breaks survey",
    ]);
    expect(within(rows[0] as HTMLElement).getByText("1 hour 30 minutes")).toBeInTheDocument();
    expect(screen.getByTestId("results-count")).toHaveTextContent("2 activities found");
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText("Kind"), "board_meeting");
    await user.selectOptions(screen.getByLabelText("Level"), "strategic");
    await user.selectOptions(screen.getByLabelText("Ladder rung"), "co_design");
    await user.selectOptions(screen.getByLabelText("Partner organisation"), "o-9");
    await user.type(screen.getByLabelText("From"), "01/04/2026");
    await user.type(screen.getByLabelText("To"), "30/06/2026");
    await user.type(screen.getByLabelText("Words in the title or topic"), "transport");
    await user.click(screen.getByTestId("apply-filters"));
    await waitFor(() =>
      expect(listActivities).toHaveBeenLastCalledWith({
        kind: "board_meeting",
        level: "strategic",
        rung: "co_design",
        organisationId: "o-9",
        from: "01/04/2026",
        to: "30/06/2026",
        text: "transport",
      }),
    );
  });

  it("shows a bad filter date on its field and in the summary", async () => {
    await renderActivities();
    vi.mocked(listActivities).mockRejectedValue(
      appError("validation", "Check the dates", { from: "Enter a real date for From" }),
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("From"), "31/02/2026");
    await user.click(screen.getByTestId("apply-filters"));
    const summaryBox = await screen.findByTestId("error-summary");
    expect(
      within(summaryBox).getByRole("link", { name: "Enter a real date for From" }),
    ).toHaveAttribute("href", "#filterFrom");
    expect(screen.getByLabelText("From")).toHaveAttribute("aria-invalid", "true");
    expect(document.title).toBe("Error: Activities – ForumDesk");
  });

  it("shows hostile titles as text", async () => {
    vi.mocked(listActivities).mockResolvedValue([activitySummary({ title: SCRIPT })]);
    const table = await renderActivities();
    expect(within(table).getByText(SCRIPT)).toBeInTheDocument();
    expect(document.querySelector("script")).toBeNull();
  });
});

describe("Quick add", () => {
  it("records a meeting attended at a body with the defaults, in a few fields", async () => {
    vi.mocked(searchMembers).mockResolvedValue(
      memberPage([summary({ id: "p-1", firstName: "Alex", lastName: "Morgan" })]),
    );
    vi.mocked(recordMeetingAttended).mockResolvedValue(activity());
    await renderActivities("volunteer");
    const user = userEvent.setup();
    await user.click(screen.getByTestId("quick-add"));
    await user.selectOptions(await screen.findByLabelText("Which meeting?"), "body:b-1");
    const date = screen.getByLabelText("Date of the meeting");
    expect(date).not.toHaveValue("");
    await user.clear(date);
    await user.type(date, "14/05/2026");
    await user.type(screen.getByLabelText("Find a member to add"), "Alex");
    await user.click(await screen.findByRole("button", { name: "Add Alex Morgan" }));
    await user.click(screen.getByTestId("submit"));
    await screen.findByRole("heading", { level: 1, name: "SEND Partnership Board" });
    // One call, so the activity and the body's meeting are recorded together or not at all.
    expect(recordMeetingAttended).toHaveBeenCalledWith({
      bodyId: "b-1",
      heldOn: "14/05/2026",
      attendance: "attended",
      papersReceivedOn: "",
      personIds: ["p-1"],
      notes: "",
    });
    expect(createActivity).not.toHaveBeenCalled();
    expect(recordBodyMeeting).not.toHaveBeenCalled();
  });

  it("records a partner's meeting as an activity with the partner", async () => {
    vi.mocked(createActivity).mockResolvedValue(activity());
    await renderActivities("volunteer");
    const user = userEvent.setup();
    await user.click(screen.getByTestId("quick-add"));
    await user.selectOptions(await screen.findByLabelText("Which meeting?"), "org:o-9");
    await user.click(screen.getByTestId("submit"));
    await screen.findByRole("heading", { level: 1, name: "SEND Partnership Board" });
    expect(createActivity).toHaveBeenCalledWith(
      expect.objectContaining({
        title: "County Council SEND team",
        kind: "board_meeting",
        level: "strategic",
        organisationIds: ["o-9"],
      }),
    );
    expect(recordMeetingAttended).not.toHaveBeenCalled();
  });

  it("shows an error from the body's meeting on the form and stays put for a retry", async () => {
    vi.mocked(recordMeetingAttended).mockRejectedValue(
      appError("validation", "Check the meeting", { heldOn: "The date is not a real date" }),
    );
    await renderActivities("volunteer");
    const user = userEvent.setup();
    await user.click(screen.getByTestId("quick-add"));
    await user.selectOptions(await screen.findByLabelText("Which meeting?"), "body:b-1");
    await user.click(screen.getByTestId("submit"));
    const summaryBox = await screen.findByTestId("error-summary");
    expect(
      within(summaryBox)
        .getAllByRole("link")
        .map((link) => link.getAttribute("href")),
    ).toEqual(["#startsOn"]);
    expect(screen.getByLabelText("Date of the meeting")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("heading", { level: 1, name: "Add a meeting attended" })).toBeVisible();
  });

  it("puts the core's field errors on the fields and in the summary", async () => {
    vi.mocked(createActivity).mockRejectedValue(
      appError("validation", "Check the activity", {
        title: "Choose the body or partner",
        startsOn: "The date must be today or in the past",
      }),
    );
    await renderActivities();
    const user = userEvent.setup();
    await user.click(screen.getByTestId("quick-add"));
    await user.click(await screen.findByTestId("submit"));
    const summaryBox = await screen.findByTestId("error-summary");
    expect(
      within(summaryBox)
        .getAllByRole("link")
        .map((link) => link.getAttribute("href")),
    ).toEqual(["#where", "#startsOn"]);
    expect(summaryBox).toHaveFocus();
    expect(screen.getByLabelText("Which meeting?")).toHaveAttribute("aria-invalid", "true");
    expect(recordMeetingAttended).not.toHaveBeenCalled();
  });
});

describe("Activity page", () => {
  it("shows the outcome and documents, hostile text as text", async () => {
    vi.mocked(getActivity).mockResolvedValue(activity({ youSaid: SCRIPT }));
    await renderActivities("officer");
    await userEvent.setup().click(screen.getAllByTestId("open-activity")[0] as HTMLElement);
    expect(await screen.findByText(SCRIPT)).toBeInTheDocument();
    expect(document.querySelector("script")).toBeNull();
    expect(
      within(screen.getByTestId("documents-table")).getByRole("cell", { name: "minutes.pdf" }),
    ).toBeInTheDocument();
    expect(screen.getByTestId("delete-activity")).toBeInTheDocument();
  });

  it("hides delete from volunteers, who may not delete", async () => {
    await renderActivities("volunteer");
    await userEvent.setup().click(screen.getAllByTestId("open-activity")[0] as HTMLElement);
    await screen.findByTestId("documents-table");
    expect(screen.queryByTestId("delete-activity")).not.toBeInTheDocument();
    expect(screen.getByTestId("edit-activity")).toBeInTheDocument();
  });
});

describe("Representation", () => {
  it("shows attendance for the current grant-year quarter and the papers' timing", async () => {
    await renderActivities("volunteer");
    await userEvent.setup().click(screen.getByTestId("open-representation"));
    const table = await screen.findByTestId("attendance-table");
    const current = recentQuarters(new Date())[0];
    expect(bodyAttendance).toHaveBeenCalledWith(current?.from, current?.to);
    const board = within(table).getByRole("row", { name: /SEND Partnership Board/ });
    expect(within(board).getByText("100%")).toBeInTheDocument();
    expect(within(table).getByText("No meetings")).toBeInTheDocument();
    const meetings = screen.getByTestId("meetings-table");
    expect(within(meetings).getByText("No")).toBeInTheDocument();
    expect(screen.queryByTestId("add-body")).not.toBeInTheDocument();
    expect(screen.queryByTestId("end-seat")).not.toBeInTheDocument();
  });
});

describe("recentQuarters", () => {
  it("starts grant years in April", () => {
    const [now, before] = recentQuarters(new Date(2027, 1, 10), 2);
    expect(now).toMatchObject({ from: "2027-01-01", to: "2027-03-31" });
    expect(now?.label).toBe("Quarter 4 of 2026–27 (January to March 2027)");
    expect(before).toMatchObject({ from: "2026-10-01", to: "2026-12-31" });
    expect(recentQuarters(new Date(2026, 3, 1), 1)[0]?.label).toBe(
      "Quarter 1 of 2026–27 (April to June 2026)",
    );
  });
});
