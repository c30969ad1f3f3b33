import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  chooseSubjectAccessPath,
  closeDataRequest,
  exportSubjectAccess,
  extendDataRequest,
  listDataRequests,
  pauseDataRequest,
  recordDataRequest,
} from "../backend";
import { appError, HOSTILE, renderScreen, session } from "../test/fixtures";
import { DUE_SOON, dataRequest, OVERDUE } from "./fixtures";
import { Requests } from "./Requests";

vi.mock("../backend");

beforeEach(() => {
  vi.mocked(listDataRequests).mockResolvedValue([OVERDUE, DUE_SOON, dataRequest()]);
});

async function renderRequests() {
  renderScreen(<Requests session={session()} />);
  return screen.findByTestId("requests-table");
}

describe("Requests", () => {
  it("lists open requests with their deadline and time left in words", async () => {
    const table = await renderRequests();
    expect(listDataRequests).toHaveBeenCalledWith({ openOnly: true });
    const rows = within(table).getAllByTestId("request-row");
    expect(rows.map((r) => within(r).getByTestId("time-left").textContent)).toEqual([
      "Overdue by 21 days",
      "4 days left",
      "9 days left",
    ]);
    expect(within(rows[0] as HTMLElement).getByText("Overdue by 21 days").tagName).toBe("STRONG");
    expect(rows[0]).toHaveTextContent("Sam Doe (by letter)");
    expect(rows[0]).toHaveTextContent("1 November 2026");
    await userEvent.setup().click(screen.getByTestId("toggle-closed"));
    expect(listDataRequests).toHaveBeenLastCalledWith({ openOnly: false });
  });

  it("logs a request from someone with no record, showing errors on the fields", async () => {
    vi.mocked(recordDataRequest)
      .mockRejectedValueOnce(
        appError("validation", "There are 2 problems", {
          kind: "Choose whether they asked for their data or for erasure",
          receivedOn: "The date must be today or in the past",
        }),
      )
      .mockResolvedValueOnce(
        dataRequest({ id: "r-9", personId: null, personName: null, requester: HOSTILE }),
      );
    await renderRequests();
    const user = userEvent.setup();
    await user.click(screen.getByTestId("log-request"));
    await user.type(screen.getByLabelText("Or, who made the request"), HOSTILE);
    await user.click(screen.getByTestId("submit"));
    expect(await screen.findByTestId("error-summary")).toHaveTextContent(
      "Choose whether they asked for their data or for erasure",
    );
    expect(screen.getByLabelText("Date received")).toHaveAccessibleDescription(
      /The date must be today or in the past/,
    );
    await user.click(screen.getByLabelText("A copy of their data"));
    await user.click(screen.getByTestId("submit"));
    expect(recordDataRequest).toHaveBeenLastCalledWith({
      kind: "access",
      personId: "",
      requester: HOSTILE,
      receivedOn: "",
      identityCheckedOn: "",
      identityCheckMethod: "",
      notes: "",
    });
    expect(
      await screen.findByRole("heading", { name: `Request from ${HOSTILE}` }),
    ).toBeInTheDocument();
    expect(document.querySelector("img")).toBeNull();
  });

  it("extends, stops the clock and closes a request", async () => {
    const extended = dataRequest({
      extensionMonths: 2,
      extensionReason: "Complex",
      deadline: "2027-02-01",
      daysLeft: 71,
    });
    vi.mocked(extendDataRequest).mockResolvedValue(extended);
    vi.mocked(pauseDataRequest).mockResolvedValue({
      ...extended,
      paused: true,
      pauses: [{ id: "pa-1", fromOn: "2026-11-20", untilOn: null, reason: "Waiting for ID" }],
    });
    vi.mocked(closeDataRequest).mockResolvedValue({
      ...extended,
      status: "answered",
      answeredOn: "2026-11-22",
      urgency: null,
    });
    await renderRequests();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "View the request from Priya Shah" }));
    await user.click(screen.getByRole("button", { name: "Extend the deadline" }));
    await user.click(screen.getByLabelText("2 more months"));
    await user.type(screen.getByLabelText("Why does it need longer?"), "Complex");
    await user.click(screen.getByTestId("submit"));
    expect(extendDataRequest).toHaveBeenCalledWith("r-1", { months: 2, reason: "Complex" });
    expect(await screen.findByText("2 months: Complex")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Stop the clock" }));
    await user.type(screen.getByLabelText("Why is the clock stopped?"), "Waiting for ID");
    await user.click(screen.getByTestId("submit"));
    expect(pauseDataRequest).toHaveBeenCalledWith("r-1", { on: "", reason: "Waiting for ID" });
    expect(await screen.findByRole("button", { name: "Restart the clock" })).toBeInTheDocument();
    expect(screen.getByText("20 November 2026 to now: Waiting for ID")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Answered, refused or withdrawn" }));
    await user.click(screen.getByLabelText("Answered"));
    await user.click(screen.getByTestId("submit"));
    expect(closeDataRequest).toHaveBeenCalledWith("r-1", { status: "answered", on: "", note: "" });
    expect(await screen.findByText("22 November 2026")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Stop the clock" })).not.toBeInTheDocument();
  });

  it("exports an access request's data to the folder chosen", async () => {
    vi.mocked(chooseSubjectAccessPath).mockResolvedValue("/home/sam/Documents/subject-access");
    vi.mocked(exportSubjectAccess).mockResolvedValue({
      folder: "/home/sam/Documents/subject-access-2026-11-22",
      jsonFile: "/home/sam/Documents/subject-access-2026-11-22/subject-access.json",
      htmlFile: "/home/sam/Documents/subject-access-2026-11-22/subject-access.html",
      sections: [],
    });
    await renderRequests();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "View the request from Priya Shah" }));
    await user.click(screen.getByTestId("export-data"));
    expect(exportSubjectAccess).toHaveBeenCalledWith(
      "p-1",
      "r-1",
      "/home/sam/Documents/subject-access",
    );
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Their data has been saved in /home/sam/Documents/subject-access-2026-11-22.",
    );
  });

  it("offers no export for an erasure request, and nothing to other roles", async () => {
    await renderRequests();
    await userEvent
      .setup()
      .click(screen.getByRole("button", { name: "View the request from Sam Doe (by letter)" }));
    expect(screen.queryByTestId("export-data")).not.toBeInTheDocument();
  });

  it("tells other roles the requests are for admins", () => {
    renderScreen(<Requests session={session({ role: "officer" })} />);
    expect(screen.getByTestId("requests-not-allowed")).toBeInTheDocument();
    expect(listDataRequests).not.toHaveBeenCalled();
  });
});
