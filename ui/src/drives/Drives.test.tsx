import { cleanup, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  createDrive,
  driveResults,
  driveVolunteerChoices,
  getDrive,
  listAreas,
  listDrives,
  pendingSignUps,
  startKiosk,
  updateDrive,
} from "../backend";
import type { Role } from "../bindings/Role";
import { drive, driveSummary, kioskSession, driveResults as results } from "../test/drives";
import { appError, HOSTILE, renderScreen, session } from "../test/fixtures";
import { AREAS, FORMULA } from "../test/members";
import { Drives } from "./Drives";

vi.mock("../backend");

const SCRIPT = "<script>alert(1)</script>";

beforeEach(() => {
  vi.mocked(listAreas).mockResolvedValue(AREAS);
  vi.mocked(driveVolunteerChoices).mockResolvedValue([
    { userId: "u-1", displayName: "Jo Bloggs" },
    { userId: "u-2", displayName: "Priya Shah" },
  ]);
  vi.mocked(listDrives).mockResolvedValue([
    driveSummary(),
    driveSummary({ id: "d-2", name: "Coffee morning", endsOn: null, areaName: null, pending: 0 }),
  ]);
  vi.mocked(getDrive).mockResolvedValue(drive());
  vi.mocked(driveResults).mockResolvedValue(results());
  vi.mocked(pendingSignUps).mockResolvedValue([]);
});

function renderDrives(role: Role = "admin", onKiosk = vi.fn()) {
  renderScreen(<Drives session={session({ role })} onKiosk={onKiosk} />);
  return onKiosk;
}

describe("The drives list", () => {
  it("lists drives with their sign-ups and those to review", async () => {
    renderDrives();
    const table = await screen.findByTestId("drives-table");
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("Local offer event");
    expect(rows[0]).toHaveTextContent("20 November 2026");
    expect(screen.getByTestId("results-count")).toHaveTextContent("2 drives");
  });

  it("renders hostile names as text", async () => {
    vi.mocked(listDrives).mockResolvedValue([driveSummary({ name: SCRIPT, venue: HOSTILE })]);
    renderDrives();
    const table = await screen.findByTestId("drives-table");
    expect(within(table).getByRole("button", { name: SCRIPT })).toBeInTheDocument();
    expect(within(table).getByText(HOSTILE)).toBeInTheDocument();
    expect(document.querySelector("script")).toBeNull();
    expect(document.querySelector("img")).toBeNull();
  });

  it("offers officers the review tab, and volunteers only the drives", async () => {
    renderDrives("officer");
    await screen.findByTestId("drives-table");
    expect(screen.getByTestId("tab-review")).toHaveTextContent("Sign-ups to review");
    await userEvent.setup().click(screen.getByTestId("tab-review"));
    expect(await screen.findByTestId("review-count")).toHaveTextContent(
      "No sign-ups are waiting for review.",
    );
    expect(pendingSignUps).toHaveBeenCalledWith(null);
  });

  it("does not offer volunteers the review queue", async () => {
    renderDrives("volunteer");
    await screen.findByTestId("drives-table");
    expect(screen.queryByTestId("tab-review")).not.toBeInTheDocument();
    expect(pendingSignUps).not.toHaveBeenCalled();
  });

  it("shows the kiosk account nothing but a sentence", () => {
    renderScreen(<Drives session={kioskSession({ kiosk: null })} onKiosk={vi.fn()} />);
    expect(screen.getByText("This account can only use the sign-up form.")).toBeInTheDocument();
    expect(listDrives).not.toHaveBeenCalled();
  });
});

describe("Planning a drive", () => {
  async function openForm(role: Role = "admin") {
    renderDrives(role);
    const u = userEvent.setup();
    await u.click(await screen.findByTestId("add-drive"));
    expect(
      screen.getByRole("heading", { level: 1, name: "Plan a recruitment drive" }),
    ).toBeInTheDocument();
    await screen.findByLabelText("Chorley");
    return u;
  }

  it("shows the core's field errors in a summary linking to each field", async () => {
    vi.mocked(createDrive).mockRejectedValue(
      appError("validation", "Check", {
        name: "Enter the name of the drive",
        startsOn: "Enter the date of the drive",
        targetNeeds: "Select needs from the list",
        cost: "Enter the cost in pounds and pence, like 120.50",
      }),
    );
    const u = await openForm();
    await u.click(screen.getByTestId("submit"));
    const summary = await screen.findByTestId("error-summary");
    expect(summary).toHaveFocus();
    expect(
      within(summary)
        .getAllByRole("link")
        .map((a) => a.getAttribute("href")),
    ).toEqual(["#name", "#startsOn", "#targetNeeds-SPLD", "#cost"]);
    expect(screen.getByLabelText("Name of the drive")).toHaveAccessibleDescription(
      expect.stringContaining("Error: Enter the name of the drive"),
    );
    expect(screen.getByLabelText("Cost in pounds (optional)")).toHaveAttribute(
      "aria-invalid",
      "true",
    );
  });

  it("sends what was typed, hostile or very long, unchanged", async () => {
    vi.mocked(createDrive).mockResolvedValue(drive({ id: "d-9", name: SCRIPT }));
    const u = await openForm();
    const long = "N".repeat(10_000);
    await u.type(screen.getByLabelText("Name of the drive"), SCRIPT);
    await u.type(screen.getByLabelText("Date of the drive"), "20/11/2026");
    await u.type(screen.getByLabelText("Venue (optional)"), HOSTILE);
    await u.click(screen.getByLabelText("Communities (optional)"));
    await u.paste(FORMULA);
    await u.click(screen.getByLabelText("Notes (optional)"));
    await u.paste(long);
    await u.selectOptions(screen.getByLabelText("Area the venue is in (optional)"), "a-2");
    await u.click(screen.getByLabelText("Chorley"));
    await u.click(screen.getByLabelText("Autistic spectrum disorder (ASD)"));
    await u.click(screen.getByLabelText("5 to 10 years"));
    await u.click(screen.getByLabelText("Jo Bloggs"));
    await u.type(screen.getByLabelText("Helpers without an account (optional)"), "2");
    await u.type(screen.getByLabelText("Cost in pounds (optional)"), "£120.50");
    await u.click(screen.getByTestId("submit"));
    expect(createDrive).toHaveBeenCalledExactlyOnceWith({
      name: SCRIPT,
      startsOn: "20/11/2026",
      endsOn: "",
      venue: HOSTILE,
      areaId: "a-2",
      targetAreas: ["a-2"],
      targetNeeds: ["ASD"],
      targetAgeBands: ["5-10"],
      targetCommunities: FORMULA,
      volunteerIds: ["u-1"],
      extraVolunteers: 2,
      cost: "£120.50",
      notes: long,
    });
    // The new drive's page, its name as text.
    expect(await screen.findByRole("heading", { level: 1 })).toHaveTextContent("Local offer event");
    expect(document.querySelector("script")).toBeNull();
    expect(document.querySelector("img")).toBeNull();
  });

  it("offers the core's choice of volunteers to every role, and you if the list is refused", async () => {
    await openForm("volunteer");
    expect(
      within(screen.getByRole("group", { name: /Volunteers with a ForumDesk account/ }))
        .getAllByRole("checkbox")
        .map((box) => box.getAttribute("id")),
    ).toEqual(["volunteerIds-u-1", "volunteerIds-u-2", "volunteerIds-u-admin"]);
    cleanup();
    vi.mocked(driveVolunteerChoices).mockRejectedValue(appError("forbidden", "No"));
    await openForm("volunteer");
    expect(screen.getByLabelText("Sam Admin")).toBeInTheDocument();
    expect(screen.queryByLabelText("Priya Shah")).not.toBeInTheDocument();
  });

  it("says how to write the number of helpers before asking the core", async () => {
    const u = await openForm();
    await u.type(screen.getByLabelText("Helpers without an account (optional)"), "two");
    await u.click(screen.getByTestId("submit"));
    expect(await screen.findByTestId("error-summary")).toHaveTextContent(
      "Enter the number of helpers without an account as a number, like 2",
    );
    expect(createDrive).not.toHaveBeenCalled();
  });

  it("changes a drive, starting from what is recorded", async () => {
    vi.mocked(updateDrive).mockResolvedValue(drive({ name: "Renamed" }));
    renderDrives();
    const u = userEvent.setup();
    await u.click((await screen.findAllByTestId("open-drive"))[0] as HTMLElement);
    await u.click(await screen.findByTestId("edit-drive"));
    expect(screen.getByLabelText("Name of the drive")).toHaveValue("Local offer event");
    expect(screen.getByLabelText("Cost in pounds (optional)")).toHaveValue("120.50");
    expect(screen.getByLabelText("Helpers without an account (optional)")).toHaveValue("2");
    expect(screen.getByLabelText("Jo Bloggs")).toBeChecked();
    await u.click(screen.getByTestId("submit"));
    expect(updateDrive).toHaveBeenCalledWith(
      "d-1",
      expect.objectContaining({
        startsOn: "2026-11-20",
        endsOn: "2026-11-21",
        volunteerIds: ["u-1"],
        targetNeeds: ["ASD", "SEMH"],
        extraVolunteers: 2,
        cost: "120.50",
      }),
    );
    expect(await screen.findByText("The details of Renamed have been saved.")).toBeInTheDocument();
  });
});

describe("A drive's page", () => {
  async function openDrive(role: Role = "admin") {
    const onKiosk = renderDrives(role);
    const u = userEvent.setup();
    await u.click((await screen.findAllByTestId("open-drive"))[0] as HTMLElement);
    await screen.findByTestId("drive-results");
    return { u, onKiosk };
  }

  it("shows its results, and counts under 5 as fewer than 5 in the breakdowns", async () => {
    await openDrive();
    expect(screen.getByTestId("result-signups")).toHaveTextContent("14");
    expect(screen.getByTestId("result-new-members")).toHaveTextContent("8");
    expect(screen.getByTestId("result-merged")).toHaveTextContent("2");
    expect(screen.getByText(/2\.5 days from signing up to joining/)).toBeInTheDocument();
    expect(screen.getByText("£15.06")).toBeInTheDocument();
    const byArea = screen.getByTestId("results-by-area");
    expect(within(byArea).getByRole("row", { name: "Preston 9" })).toBeInTheDocument();
    expect(
      within(byArea).getByRole("row", { name: "Outside the forum's areas fewer than 5" }),
    ).toBeInTheDocument();
    const byNeed = screen.getByTestId("results-by-need");
    expect(within(byNeed).getByText("Autistic spectrum disorder")).toBeInTheDocument();
    expect(within(byNeed).getByText("fewer than 5")).toBeInTheDocument();
    expect(byNeed).not.toHaveTextContent(/\b2\b/);
    expect(screen.getByText("Polish-speaking families")).toBeInTheDocument();
  });

  it("says when no one has joined yet, and hides needs from those who may not see them", async () => {
    vi.mocked(driveResults).mockResolvedValue(
      results({ costPerNewMemberPence: null, medianDaysToJoin: null, byNeed: null, byArea: [] }),
    );
    await openDrive("volunteer");
    expect(screen.getAllByText("No one has joined yet")).toHaveLength(2);
    expect(screen.queryByTestId("results-by-need")).not.toBeInTheDocument();
    expect(screen.getByTestId("results-by-area")).toHaveTextContent("none yet");
    expect(screen.queryByTestId("review-drive")).not.toBeInTheDocument();
  });

  it("starts the kiosk and hands the kiosk session to the app", async () => {
    const kiosk = kioskSession();
    vi.mocked(startKiosk).mockResolvedValue(kiosk);
    const { u, onKiosk } = await openDrive("volunteer");
    await u.click(screen.getByTestId("start-kiosk"));
    expect(startKiosk).toHaveBeenCalledExactlyOnceWith("d-1");
    await waitFor(() => expect(onKiosk).toHaveBeenCalledExactlyOnceWith(kiosk));
  });

  it("shows why the kiosk could not start", async () => {
    vi.mocked(startKiosk).mockRejectedValue(appError("not_found", "That drive does not exist."));
    const { u, onKiosk } = await openDrive();
    await u.click(screen.getByTestId("start-kiosk"));
    expect(await screen.findByTestId("drive-error")).toHaveTextContent(
      "That drive does not exist.",
    );
    expect(onKiosk).not.toHaveBeenCalled();
  });

  it("leads officers to this drive's sign-ups", async () => {
    const { u } = await openDrive("officer");
    await u.click(screen.getByTestId("review-drive"));
    expect(
      screen.getByRole("heading", { level: 1, name: "Sign-ups to review" }),
    ).toBeInTheDocument();
    expect(pendingSignUps).toHaveBeenCalledWith("d-1");
  });
});
