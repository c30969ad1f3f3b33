import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getMember, mergeMembers, undoMerge } from "../backend";
import type { MemberRecord } from "../bindings/MemberRecord";
import { appError, HOSTILE, renderScreen, session } from "../test/fixtures";
import { memberRecord } from "../test/members";
import { differingFields, MergeMembers } from "./MergeMembers";

vi.mock("../backend");

const SCRIPT = "<script>alert(1)</script>";

const FIRST = memberRecord({
  id: "p-1",
  firstName: "Katherine",
  lastName: "Jones",
  email: null,
  town: "Preston",
  createdAt: "2026-01-10T10:00:00Z",
});
const SECOND = memberRecord({
  id: "p-2",
  firstName: "Katharine",
  lastName: "Jones",
  email: "kj@example.org",
  town: "Chorley",
  createdAt: "2026-11-22T10:00:00Z",
});

function mockRecords(a: MemberRecord, b: MemberRecord) {
  vi.mocked(getMember).mockImplementation(async (id) => (id === a.id ? a : b));
}

beforeEach(() => {
  mockRecords(FIRST, SECOND);
});

async function renderMerge(role: "admin" | "officer" | "volunteer" = "admin") {
  const props = { onBack: vi.fn(), onOpen: vi.fn(), onDuplicates: vi.fn() };
  renderScreen(
    <MergeMembers
      session={session({ role })}
      aId="p-1"
      bId="p-2"
      backLabel="Back to possible duplicates"
      {...props}
    />,
  );
  return { ...props, user: userEvent.setup() };
}

async function chooseAndContinue(user: ReturnType<typeof userEvent.setup>) {
  await screen.findByTestId("compare-table");
  await user.click(screen.getByLabelText("Record 2: Katharine Jones"));
  await user.click(
    within(screen.getByRole("group", { name: "First name" })).getByLabelText("Katharine"),
  );
  await user.click(
    within(screen.getByRole("group", { name: "E-mail" })).getByLabelText("Not given"),
  );
  await user.click(
    within(screen.getByRole("group", { name: "Town or city" })).getByLabelText("Preston"),
  );
  await user.click(screen.getByTestId("submit"));
  await screen.findByRole("heading", {
    level: 1,
    name: "Are you sure you want to merge these records?",
  });
}

describe("Compare and merge", () => {
  it("shows the two records side by side and asks only about the fields that differ", async () => {
    await renderMerge();
    const table = await screen.findByTestId("compare-table");
    expect(getMember).toHaveBeenCalledWith("p-1");
    expect(getMember).toHaveBeenCalledWith("p-2");
    expect(
      within(table).getByRole("columnheader", { name: "Record 1: Katherine Jones" }),
    ).toBeInTheDocument();
    expect(within(table).getByRole("row", { name: /^Town or city/ })).toHaveTextContent(
      "Town or cityPrestonChorley",
    );
    expect(within(table).getByRole("row", { name: /^Postcode/ })).toHaveTextContent(
      "PR1 2HE (Preston)",
    );
    expect(within(table).getByRole("row", { name: /^Phone/ })).toHaveTextContent(
      "Phone07700 90012307700 900123",
    );
    expect(differingFields(FIRST, SECOND).map((d) => d.field)).toEqual([
      "firstName",
      "email",
      "town",
    ]);
    const groups = screen.getAllByRole("group").map((g) => g.querySelector("legend")?.textContent);
    expect(groups).toEqual(["Which record should stay?", "First name", "E-mail", "Town or city"]);
    for (const radio of screen.getAllByRole("radio")) expect(radio).not.toBeChecked();
    expect(screen.getByLabelText("Record 1: Katherine Jones")).toHaveAccessibleDescription(
      /Active, joined 22 November 2026\. Added 10 January 2026/,
    );
    expect(document.title).toBe("Compare and merge records – ForumDesk");
  });

  it("offers two different phone numbers as people read them", async () => {
    const abroad = { ...SECOND, phone: "+33123456789", phoneDisplay: "+33 1 23 45 67 89" };
    mockRecords(FIRST, abroad);
    await renderMerge();
    const table = await screen.findByTestId("compare-table");
    expect(within(table).getByRole("row", { name: /^Phone/ })).toHaveTextContent(
      "Phone07700 900123+33 1 23 45 67 89",
    );
    const phone = screen.getByRole("group", { name: "Phone" });
    expect(within(phone).getByLabelText("07700 900123")).toHaveAccessibleDescription(
      "From record 1",
    );
    expect(within(phone).getByLabelText("+33 1 23 45 67 89")).toHaveAccessibleDescription(
      "From record 2",
    );
  });

  it("needs every choice before going on, with links from the error summary", async () => {
    const { user } = await renderMerge();
    await screen.findByTestId("compare-table");
    await user.click(
      within(screen.getByRole("group", { name: "E-mail" })).getByLabelText("kj@example.org"),
    );
    await user.click(screen.getByTestId("submit"));
    const summary = screen.getByTestId("error-summary");
    expect(summary).toHaveFocus();
    expect(
      within(summary)
        .getAllByRole("link")
        .map((l) => [l.textContent, l.getAttribute("href")]),
    ).toEqual([
      ["Select which record should stay", "#keep-a"],
      ["Select which first name to keep", "#pick-firstName-a"],
      ["Select which town or city to keep", "#pick-town-a"],
    ]);
    expect(screen.getByRole("group", { name: "First name" })).toHaveAccessibleDescription(
      "Error: Select which first name to keep",
    );
    expect(document.title).toBe("Error: Compare and merge records – ForumDesk");
    expect(mergeMembers).not.toHaveBeenCalled();
  });

  it("says what will be deleted and moved, merges with the picks, then offers undo", async () => {
    const merged = { ...SECOND, firstName: "Katharine", email: null, town: "Preston" };
    vi.mocked(mergeMembers).mockResolvedValue({ mergeId: "m-1", member: merged });
    vi.mocked(undoMerge).mockResolvedValue(SECOND);
    const { user, onOpen, onDuplicates } = await renderMerge();
    await chooseAndContinue(user);
    expect(screen.getByTestId("merge-warning")).toHaveTextContent(
      "The record for Katherine Jones will be deleted. Its consent answers, membership history",
    );
    expect(screen.getByText("Town or city").nextSibling).toHaveTextContent("Preston");
    expect(mergeMembers).not.toHaveBeenCalled();

    await user.click(screen.getByRole("button", { name: "Yes, merge the records" }));
    // Record 2 stays: its own values are "keep", record 1's are "merge".
    expect(mergeMembers).toHaveBeenCalledExactlyOnceWith({
      keepId: "p-2",
      mergeId: "p-1",
      picks: { firstName: "keep", email: "merge", town: "merge" },
    });
    expect(
      await screen.findByRole("heading", { level: 1, name: "Records merged" }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole("status")[0]).toHaveTextContent(
      "The records have been merged into one record for Katharine Jones.",
    );
    await user.click(screen.getByTestId("open-kept"));
    expect(onOpen).toHaveBeenCalledWith(merged);

    await user.click(screen.getByRole("button", { name: "Undo merge" }));
    expect(undoMerge).toHaveBeenCalledExactlyOnceWith("m-1");
    await waitFor(() => expect(onDuplicates).toHaveBeenCalled());
    expect(screen.getAllByRole("status")[0]).toHaveTextContent("The merge has been undone.");
  });

  it("keeps the choices when going back from the confirmation", async () => {
    const { user } = await renderMerge();
    await chooseAndContinue(user);
    await user.click(screen.getByRole("button", { name: "No, go back" }));
    await screen.findByTestId("compare-table");
    expect(screen.getByLabelText("Record 2: Katharine Jones")).toBeChecked();
  });

  it("shows the core's refusal in the error summary on the confirmation", async () => {
    vi.mocked(mergeMembers).mockRejectedValue(
      appError(
        "conflict",
        "Katharine Jones has said no to keeping children's needs, so the other record's children cannot be merged onto it.",
      ),
    );
    const { user } = await renderMerge();
    await chooseAndContinue(user);
    await user.click(screen.getByTestId("submit"));
    const summary = await screen.findByTestId("error-summary");
    expect(summary).toHaveFocus();
    expect(summary).toHaveTextContent("said no to keeping children's needs");
    expect(document.title).toBe("Error: Confirm the merge – ForumDesk");
    expect(screen.queryByRole("heading", { name: "Records merged" })).toBeNull();
  });

  it("lists the core's field errors in the summary", async () => {
    vi.mocked(mergeMembers).mockRejectedValue(
      appError("validation", "There is a problem", {
        mergeId: "Choose two different members: a record cannot be merged with itself",
      }),
    );
    const { user } = await renderMerge();
    await chooseAndContinue(user);
    await user.click(screen.getByTestId("submit"));
    expect(await screen.findByTestId("error-summary")).toHaveTextContent(
      "a record cannot be merged with itself",
    );
  });

  it("shows an undo that is refused, and stays on the page", async () => {
    vi.mocked(mergeMembers).mockResolvedValue({ mergeId: "m-1", member: SECOND });
    vi.mocked(undoMerge).mockRejectedValue(
      appError(
        "conflict",
        "This merge can no longer be undone: the record has been merged again since.",
      ),
    );
    const { user, onDuplicates } = await renderMerge();
    await chooseAndContinue(user);
    await user.click(screen.getByTestId("submit"));
    await user.click(await screen.findByTestId("undo-merge"));
    expect(await screen.findByTestId("error-summary")).toHaveTextContent("can no longer be undone");
    expect(onDuplicates).not.toHaveBeenCalled();
  });

  it("renders hostile names and values as text", async () => {
    mockRecords(
      { ...FIRST, firstName: SCRIPT, notes: HOSTILE },
      { ...SECOND, lastName: HOSTILE, notes: SCRIPT },
    );
    await renderMerge();
    await screen.findByTestId("compare-table");
    expect(screen.getByLabelText(`Record 1: ${SCRIPT} Jones`)).toBeInTheDocument();
    const notes = screen.getByRole("group", { name: "Notes" });
    expect(within(notes).getByLabelText(HOSTILE)).toBeInTheDocument();
    expect(within(notes).getByLabelText(SCRIPT)).toBeInTheDocument();
    expect(document.querySelector("main script, img")).toBeNull();
  });

  it("shows a record that could not be read, with the way back", async () => {
    vi.mocked(getMember).mockRejectedValue(appError("not_found", "That member does not exist."));
    const { user, onBack } = await renderMerge();
    expect(
      await screen.findByRole("heading", { name: "These records could not be compared" }),
    ).toBeInTheDocument();
    expect(screen.getByText("That member does not exist.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Back to possible duplicates" }));
    expect(onBack).toHaveBeenCalled();
  });

  it("never offers a volunteer the merge", async () => {
    await renderMerge("volunteer");
    expect(screen.getByText(/Only officers and admins can merge records/)).toBeInTheDocument();
    expect(screen.queryByRole("radio")).toBeNull();
    expect(screen.queryByTestId("submit")).toBeNull();
    expect(getMember).not.toHaveBeenCalled();
  });
});
