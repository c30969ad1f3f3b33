import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { consentPurposes, getMember, listAreas, memberDuplicates, searchMembers } from "../backend";
import { HOSTILE, renderScreen, session } from "../test/fixtures";
import { AREAS, FORMULA, memberPage, memberRecord, PURPOSES, summary } from "../test/members";
import { EMPTY_QUERY, foundMessage, Members } from "./Members";

vi.mock("../backend");

beforeEach(() => {
  vi.mocked(memberDuplicates).mockResolvedValue([]);
  vi.mocked(listAreas).mockResolvedValue(AREAS);
  vi.mocked(consentPurposes).mockResolvedValue(PURPOSES);
  vi.mocked(searchMembers).mockResolvedValue(memberPage([summary()]));
  vi.mocked(getMember).mockResolvedValue(memberRecord());
});

async function renderMembers(role: "admin" | "officer" | "volunteer" = "admin") {
  renderScreen(<Members session={session({ role })} />);
  await screen.findByTestId("members-table");
}

describe("Members list", () => {
  it("has a labelled search box with a hint, and searches for everyone at first", async () => {
    await renderMembers();
    expect(screen.getByRole("heading", { level: 1, name: "Members" })).toBeInTheDocument();
    const search = screen.getByLabelText("Search members");
    expect(search).toHaveAttribute("id", "search");
    expect(search).toHaveAccessibleDescription("Name, e-mail, phone or postcode");
    expect(searchMembers).toHaveBeenCalledWith(EMPTY_QUERY);
    expect(screen.getByTestId("results-count")).toHaveTextContent("1 member found");
    expect(screen.getByTestId("results-count")).toHaveAttribute("role", "status");
    expect(document.title).toBe("Members – ForumDesk");
  });

  it("searches as you type, once the typing pauses, from the first page", async () => {
    await renderMembers();
    vi.mocked(searchMembers).mockClear();
    vi.mocked(searchMembers).mockResolvedValue(memberPage([summary()], 1));
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Search members"), "zoe");
    await waitFor(() =>
      expect(searchMembers).toHaveBeenLastCalledWith({ ...EMPTY_QUERY, text: "zoe" }),
    );
    // Typing quickly is one search, not one per key.
    expect(vi.mocked(searchMembers).mock.calls.length).toBeLessThan(3);
  });

  it("says how many were found", () => {
    expect(foundMessage(0)).toBe("No members found");
    expect(foundMessage(1)).toBe("1 member found");
    expect(foundMessage(12345)).toBe("12,345 members found");
  });

  it("filters in a fieldset of native selects, with need and provision for officers", async () => {
    await renderMembers("officer");
    const filters = screen.getByRole("group", { name: "Filter and sort" });
    for (const label of [
      "Membership status",
      "Area",
      "Type of member",
      "Can be contacted by",
      "Child's need",
      "Child's support",
      "Sort by",
    ]) {
      expect(within(filters).getByLabelText(label).tagName).toBe("SELECT");
    }
    expect(within(filters).getByRole("option", { name: "Renewal due" })).toBeInTheDocument();
    expect(
      within(filters).getByRole("option", { name: "Autistic spectrum disorder (ASD)" }),
    ).toBeInTheDocument();
    // Only purposes that rest on consent can filter "can be contacted by".
    const consent = within(filters).getByLabelText("Can be contacted by");
    expect(within(consent).queryByText("Membership administration")).not.toBeInTheDocument();

    const user = userEvent.setup();
    await user.selectOptions(within(filters).getByLabelText("Membership status"), "renewal_due");
    await user.selectOptions(within(filters).getByLabelText("Area"), "a-1");
    await user.selectOptions(consent, "email_news");
    await user.selectOptions(within(filters).getByLabelText("Child's need"), "ASD");
    await waitFor(() =>
      expect(searchMembers).toHaveBeenLastCalledWith({
        ...EMPTY_QUERY,
        status: "renewal_due",
        areaId: "a-1",
        consent: "email_news",
        need: "ASD",
      }),
    );
  });

  it("never offers volunteers the special-category filters", async () => {
    await renderMembers("volunteer");
    expect(screen.queryByLabelText("Child's need")).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Child's support")).not.toBeInTheDocument();
    expect(screen.queryByText(/Autistic/)).not.toBeInTheDocument();
    expect(screen.getByLabelText("Can be contacted by")).toBeInTheDocument();
  });

  it("shows results in a table with a caption and column headers", async () => {
    await renderMembers();
    const table = screen.getByTestId("members-table");
    expect(within(table).getByText("Results", { exact: false }).tagName).toBe("CAPTION");
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Name", "E-mail", "Phone", "Postcode", "Area", "Status"]);
    const cells = within(table)
      .getAllByRole("cell")
      .map((c) => c.textContent);
    expect(cells).toEqual([
      "Zoë Nowak",
      "zoe@example.org",
      "07700 900123",
      "PR1 2HE",
      "Preston",
      "Active",
    ]);
  });

  it("renders hostile names as text", async () => {
    vi.mocked(searchMembers).mockResolvedValue(
      memberPage([summary({ firstName: HOSTILE, lastName: FORMULA })]),
    );
    await renderMembers();
    expect(screen.getByRole("button", { name: `${HOSTILE} ${FORMULA}` })).toBeInTheDocument();
    expect(document.querySelector("img")).toBeNull();
    expect(document.querySelector("a[href^='http']")).toBeNull();
  });

  it("pages through results", async () => {
    vi.mocked(searchMembers).mockResolvedValue(memberPage([summary()], 60));
    await renderMembers();
    expect(screen.getByText("Page 1 of 3")).toBeInTheDocument();
    expect(screen.queryByTestId("previous-page")).not.toBeInTheDocument();
    vi.mocked(searchMembers).mockResolvedValue(memberPage([summary()], 60, 2));
    await userEvent.setup().click(screen.getByRole("button", { name: "Next page" }));
    await waitFor(() =>
      expect(searchMembers).toHaveBeenLastCalledWith({ ...EMPTY_QUERY, page: 2 }),
    );
    expect(await screen.findByText("Page 2 of 3")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Previous page" })).toBeInTheDocument();
  });

  it("opens a member, and goes back to the same search", async () => {
    await renderMembers();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Search members"), "zo");
    await user.click(await screen.findByRole("button", { name: "Zoë Nowak" }));
    expect(getMember).toHaveBeenCalledWith("p-1");
    expect(await screen.findByRole("heading", { level: 1, name: "Zoë Nowak" })).toBeInTheDocument();
    await user.click(screen.getByTestId("back-to-members"));
    expect(screen.getByLabelText("Search members")).toHaveValue("zo");
  });

  it("offers import and export to officers and admins, not to volunteers", async () => {
    await renderMembers("volunteer");
    expect(screen.queryByTestId("import-members")).toBeNull();
    expect(screen.queryByTestId("export-members")).toBeNull();
  });

  it("opens the import and export screens, and comes back to the list", async () => {
    await renderMembers("officer");
    const user = userEvent.setup();
    await user.click(screen.getByTestId("import-members"));
    expect(
      screen.getByRole("heading", { level: 1, name: "Import members from a spreadsheet" }),
    ).toBeInTheDocument();
    await user.click(screen.getByTestId("cancel"));
    await user.click(await screen.findByTestId("export-members"));
    expect(
      screen.getByRole("heading", { level: 1, name: "Export a mailing list" }),
    ).toBeInTheDocument();
    await user.click(screen.getByTestId("back-to-members"));
    expect(await screen.findByTestId("add-member")).toBeInTheDocument();
  });

  it("shows nothing of the members to the kiosk account", () => {
    renderScreen(<Members session={session({ role: "kiosk" })} />);
    expect(screen.getByText(/only use the sign-up form/)).toBeInTheDocument();
    expect(searchMembers).not.toHaveBeenCalled();
  });
});
