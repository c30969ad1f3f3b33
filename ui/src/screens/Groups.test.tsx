import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  affiliationTerms,
  getOrganisation,
  groupReach,
  groupRenewals,
  listAreas,
  listOrganisations,
  recordAffiliationStep,
  recordGroupEnquiry,
} from "../backend";
import type { Organisation } from "../bindings/Organisation";
import { appError, HOSTILE, renderScreen, session } from "../test/fixtures";
import { organisation, orgSummary, REACH, RENEWALS } from "../test/groups";
import { AREAS } from "../test/members";
import { Groups } from "./Groups";

vi.mock("../backend");

const SCRIPT = "<script>alert(1)</script>";

beforeEach(() => {
  vi.mocked(listAreas).mockResolvedValue(AREAS);
  vi.mocked(groupRenewals).mockResolvedValue(RENEWALS);
  vi.mocked(listOrganisations).mockResolvedValue([
    orgSummary(),
    orgSummary({
      id: "o-9",
      name: "County Council SEND team",
      kind: "local_authority",
      status: null,
      renewalDueOn: null,
    }),
  ]);
  vi.mocked(affiliationTerms).mockResolvedValue([
    { version: 1, text: "The terms", createdAt: "2026-01-01T10:00:00Z" },
  ]);
  vi.mocked(groupReach).mockResolvedValue(REACH);
});

async function renderGroups(role: "admin" | "officer" | "volunteer" = "admin") {
  renderScreen(<Groups session={session({ role })} />);
  return screen.findByTestId("groups-table");
}

describe("Groups list", () => {
  it("lists organisations and sends each filter to the core", async () => {
    const table = await renderGroups();
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((row) => within(row).getAllByRole("cell")[3]?.textContent)).toEqual([
      "Affiliated",
      "Not affiliated",
    ]);
    expect(within(rows[0] as HTMLElement).getByText("12 March 2027")).toBeInTheDocument();
    expect(screen.getByTestId("results-count")).toHaveTextContent("2 organisations found");
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText("Kind"), "parent_group");
    await user.selectOptions(screen.getByLabelText("Affiliation"), "renewal_due");
    await user.selectOptions(screen.getByLabelText("Area"), "a-1");
    await waitFor(() =>
      expect(listOrganisations).toHaveBeenLastCalledWith({
        kind: "parent_group",
        status: "renewal_due",
        areaId: "a-1",
        includeArchived: false,
        withoutAffiliation: false,
      }),
    );
  });

  it("finds partner bodies that never enquired, which no status describes", async () => {
    await renderGroups();
    const user = userEvent.setup();
    const affiliation = screen.getByLabelText("Affiliation");
    await user.selectOptions(affiliation, "renewal_due");
    await user.selectOptions(affiliation, "Not affiliated (no enquiry)");
    await waitFor(() =>
      expect(listOrganisations).toHaveBeenLastCalledWith(
        expect.objectContaining({ status: null, withoutAffiliation: true }),
      ),
    );
    expect(affiliation).toHaveValue("none");
    await user.selectOptions(affiliation, "affiliated");
    await waitFor(() =>
      expect(listOrganisations).toHaveBeenLastCalledWith(
        expect.objectContaining({ status: "affiliated", withoutAffiliation: false }),
      ),
    );
  });

  it("shows what is overdue and what is due soon", async () => {
    await renderGroups();
    const panel = screen.getByTestId("renewals-panel");
    expect(within(panel).getByTestId("renewals-overdue")).toHaveTextContent(
      "Chorley Chatters: 1 November 2026 (21 days overdue)",
    );
    expect(within(panel).getByTestId("renewals-due-soon")).toHaveTextContent(
      "Leyland Links: 2 December 2026 (in 10 days)",
    );
    expect(
      within(panel).getByRole("heading", { name: "Due in the next 60 days" }),
    ).toBeInTheDocument();
  });

  it("offers volunteers the enquiry but not the officers' actions", async () => {
    await renderGroups("volunteer");
    expect(screen.getByTestId("record-enquiry")).toBeInTheDocument();
    expect(screen.queryByTestId("add-organisation")).not.toBeInTheDocument();
    expect(screen.queryByTestId("affiliation-settings")).not.toBeInTheDocument();
    expect(screen.getByTestId("open-terms")).toBeInTheDocument();
    expect(screen.getByTestId("open-steering-group")).toBeInTheDocument();
  });

  it("renders hostile names as text", async () => {
    vi.mocked(listOrganisations).mockResolvedValue([orgSummary({ name: SCRIPT, areas: HOSTILE })]);
    const table = await renderGroups();
    expect(within(table).getByRole("button", { name: SCRIPT })).toBeInTheDocument();
    expect(within(table).getByText(HOSTILE)).toBeInTheDocument();
    expect(document.querySelector("img")).toBeNull();
    expect(document.querySelector("script")).toBeNull();
  });
});

describe("Recording an enquiry", () => {
  it("shows the core's field errors in a summary linking to each field", async () => {
    vi.mocked(recordGroupEnquiry).mockRejectedValue(
      appError("validation", "Check", {
        name: "Enter the organisation's name",
        areaIds: "Select the areas it covers",
        onDate: "The date must be today or in the past (today is 22 November 2026)",
      }),
    );
    await renderGroups("volunteer");
    const user = userEvent.setup();
    await user.click(screen.getByTestId("record-enquiry"));
    expect(
      screen.getByRole("heading", { level: 1, name: "Record an enquiry from a group" }),
    ).toBeInTheDocument();
    await screen.findByLabelText("Preston");
    await user.type(screen.getByLabelText("Date of the enquiry"), "1/1/2999");
    await user.click(screen.getByTestId("submit"));
    const summary = await screen.findByTestId("error-summary");
    expect(summary).toHaveFocus();
    const links = within(summary).getAllByRole("link");
    expect(links.map((link) => link.getAttribute("href"))).toEqual([
      "#name",
      "#areaIds-a-1",
      "#onDate",
    ]);
    expect(screen.getByLabelText("Name of the organisation")).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    expect(screen.getByLabelText("Date of the enquiry")).toHaveAccessibleDescription(
      /The date must be today or in the past/,
    );
    expect(recordGroupEnquiry).toHaveBeenCalledWith(
      expect.objectContaining({ name: "", kind: null, areaIds: [], allNeeds: false }),
      { onDate: "1/1/2999", note: "", termsVersion: null },
    );
  });

  it("opens the new group's page once recorded", async () => {
    vi.mocked(recordGroupEnquiry).mockResolvedValue(organisation());
    await renderGroups("volunteer");
    const user = userEvent.setup();
    await user.click(screen.getByTestId("record-enquiry"));
    await user.type(screen.getByLabelText("Name of the organisation"), "Sunflowers Parent Group");
    await user.click(screen.getByLabelText("Parent support group"));
    await user.click(await screen.findByLabelText("Preston"));
    await user.click(screen.getByTestId("all-needs"));
    await user.click(screen.getByTestId("submit"));
    expect(
      await screen.findByRole("heading", { level: 1, name: "Sunflowers Parent Group" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent(
      "The enquiry from Sunflowers Parent Group has been recorded.",
    );
    expect(recordGroupEnquiry).toHaveBeenCalledWith(
      expect.objectContaining({ kind: "parent_group", areaIds: ["a-1"], allNeeds: true }),
      expect.anything(),
    );
  });
});

describe("A group's page", () => {
  async function openGroup(role: "admin" | "volunteer", org = organisation()) {
    vi.mocked(getOrganisation).mockResolvedValue(org);
    await renderGroups(role);
    const user = userEvent.setup();
    await user.click(screen.getAllByTestId("open-group")[0] as HTMLElement);
    await screen.findByRole("heading", { level: 1, name: org.name });
    return user;
  }

  it("shows the details, the website as text and the benefits", async () => {
    await openGroup("admin");
    expect(screen.getByTestId("website")).toHaveTextContent("https://www.sunflowers.org.uk");
    expect(screen.queryByRole("link", { name: /sunflowers/ })).not.toBeInTheDocument();
    expect(screen.getByText("About 120, estimated on 10 January 2026")).toBeInTheDocument();
    expect(screen.getByTestId("benefits")).toHaveTextContent(
      "A seat at the steering group's table.",
    );
  });

  it("approves an application with a minute reference after a confirmation", async () => {
    const applied = organisation({
      affiliation: { status: "applied", termsVersion: 1, approvedOn: null, renewalDueOn: null },
    });
    vi.mocked(recordAffiliationStep).mockResolvedValue(
      organisation({
        affiliation: {
          status: "affiliated",
          termsVersion: 1,
          approvedOn: "2026-03-12",
          renewalDueOn: "2027-03-12",
        },
      }),
    );
    const user = await openGroup("admin", applied);
    await user.click(screen.getByTestId("tab-affiliation"));
    const actions = screen.getByTestId("affiliation-actions");
    expect(
      within(actions)
        .getAllByRole("button")
        .map((b) => b.textContent),
    ).toEqual(["Approve", "Decline", "Withdraw"]);
    await user.click(screen.getByTestId("step-approved"));
    await user.type(screen.getByLabelText("Date it was approved"), "12/03/2026");
    await user.type(screen.getByLabelText(/Note or minute reference/), "Steering group, minute 4");
    await user.click(screen.getByTestId("submit"));
    expect(recordAffiliationStep).not.toHaveBeenCalled();
    expect(
      screen.getByRole("heading", { level: 1, name: "Check before recording" }),
    ).toBeInTheDocument();
    expect(screen.getByText("Steering group, minute 4")).toBeInTheDocument();
    await user.click(screen.getByTestId("confirm"));
    expect(recordAffiliationStep).toHaveBeenCalledWith("o-1", "approved", {
      onDate: "12/03/2026",
      note: "Steering group, minute 4",
      termsVersion: null,
    });
    expect(await screen.findByTestId("renewal-due")).toHaveTextContent("12 March 2027");
    expect(screen.getByRole("status")).toHaveTextContent(
      "Sunflowers Parent Group is now affiliated. Its renewal is due on 12 March 2027.",
    );
  });

  it("returns to the step form with the core's refusal", async () => {
    vi.mocked(recordAffiliationStep).mockRejectedValue(
      appError("validation", "Check", {
        onDate: "A renewal cannot come before the approval on 12 March 2026",
      }),
    );
    const user = await openGroup(
      "admin",
      organisation({
        affiliation: {
          status: "affiliated",
          termsVersion: 1,
          approvedOn: "2026-03-12",
          renewalDueOn: "2027-03-12",
        },
      }),
    );
    await user.click(screen.getByTestId("tab-affiliation"));
    await user.click(screen.getByTestId("step-renewed"));
    await user.type(screen.getByLabelText("Date it renewed"), "1/3/2026");
    await user.click(screen.getByTestId("submit"));
    await user.click(screen.getByTestId("confirm"));
    expect(await screen.findByTestId("error-summary")).toHaveFocus();
    expect(screen.getByLabelText("Date it renewed")).toHaveValue("1/3/2026");
    expect(screen.getByLabelText("Date it renewed")).toHaveAccessibleDescription(
      /cannot come before/,
    );
  });

  it("offers a volunteer no officer steps and no changes", async () => {
    const user = await openGroup("volunteer");
    expect(screen.queryByTestId("edit-group")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("tab-affiliation"));
    expect(screen.queryByTestId("affiliation-actions")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("tab-contacts"));
    expect(screen.queryByTestId("add-contact")).not.toBeInTheDocument();
  });

  it("renders a hostile timeline note and contact as text", async () => {
    const user = await openGroup(
      "admin",
      organisation({
        name: SCRIPT,
        timeline: [
          { ...organisation().timeline[0], note: HOSTILE } as Organisation["timeline"][number],
        ],
        contacts: [
          {
            id: "c-1",
            personId: "p-1",
            firstName: SCRIPT,
            lastName: "X",
            role: HOSTILE,
            email: null,
            phoneDisplay: null,
          },
        ],
      }),
    );
    await user.click(screen.getByTestId("tab-affiliation"));
    expect(screen.getByText(HOSTILE)).toBeInTheDocument();
    await user.click(screen.getByTestId("tab-contacts"));
    expect(within(screen.getByTestId("contacts")).getByText(HOSTILE)).toBeInTheDocument();
    expect(document.querySelector("img")).toBeNull();
    expect(document.querySelector("script")).toBeNull();
  });
});

describe("Reach", () => {
  it("shows each area's figures, the totals and how double counting is avoided", async () => {
    await renderGroups();
    await userEvent.setup().click(screen.getByTestId("open-reach"));
    const table = await screen.findByTestId("reach-table");
    const rows = within(table).getAllByRole("row").slice(1);
    const cells = rows.map((row) =>
      [within(row).getByRole("rowheader"), ...within(row).getAllByRole("cell")].map(
        (c) => c.textContent,
      ),
    );
    expect(cells).toEqual([
      ["Chorley", "4", "1", "30", "1", "33"],
      ["Preston", "10", "2", "150", "2", "158"],
      ["Whole forum", "14", "2", "180", "3", "191"],
    ]);
    const caption = table.querySelector("caption");
    expect(caption).toHaveTextContent(/no family is counted twice/);
    expect(caption).toHaveTextContent(/the oldest is from 1 June 2025/);
    expect(screen.getByTestId("reach-chart").querySelector("svg")).toHaveAttribute(
      "aria-hidden",
      "true",
    );
  });
});
