// Where duplicates show up outside their own screens: the member page, the add form and the
// members list's way in to the review.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  consentPurposes,
  createMember,
  detailsDuplicates,
  duplicatePairs,
  getMember,
  listAreas,
  memberDuplicates,
  searchMembers,
} from "../backend";
import type { DuplicateMatch } from "../bindings/DuplicateMatch";
import { appError, HOSTILE, renderScreen, session } from "../test/fixtures";
import { AREAS, memberPage, memberRecord, PURPOSES, summary } from "../test/members";
import { Member } from "./Member";
import { DUPLICATE_CHECK_DELAY_MS, MemberForm } from "./MemberForm";
import { Members } from "./Members";

vi.mock("../backend");

const SCRIPT = "<script>alert(1)</script>";

function match(overrides: Partial<DuplicateMatch> = {}): DuplicateMatch {
  return {
    personId: "p-2",
    firstName: "Katharine",
    lastName: "Jones",
    preferredName: null,
    email: null,
    phone: "+447700900123",
    postcode: null,
    reason: "same phone number and a similar name",
    ...overrides,
  };
}

beforeEach(() => {
  vi.mocked(consentPurposes).mockResolvedValue(PURPOSES);
  vi.mocked(listAreas).mockResolvedValue(AREAS);
  vi.mocked(memberDuplicates).mockResolvedValue([match()]);
  vi.mocked(detailsDuplicates).mockResolvedValue([]);
  vi.mocked(searchMembers).mockResolvedValue(memberPage([summary()]));
  vi.mocked(getMember).mockResolvedValue(memberRecord());
});

describe("the member page", () => {
  it("says who the member may be the same person as, with a way to compare", async () => {
    const onCompare = vi.fn();
    renderScreen(
      <Member
        session={session({ role: "officer" })}
        personId="p-1"
        initialRecord={null}
        onBack={vi.fn()}
        onCompare={onCompare}
      />,
    );
    const notice = await screen.findByTestId("duplicate-notice");
    expect(memberDuplicates).toHaveBeenCalledWith("p-1");
    expect(notice).toHaveTextContent("This may be the same person as:");
    expect(notice).toHaveTextContent("(same phone number and a similar name)");
    await userEvent
      .setup()
      .click(within(notice).getByRole("button", { name: "Compare with Katharine Jones" }));
    expect(onCompare).toHaveBeenCalledWith("p-2");
  });

  it("tells a volunteer without offering the merge", async () => {
    renderScreen(
      <Member
        session={session({ role: "volunteer" })}
        personId="p-1"
        initialRecord={null}
        onBack={vi.fn()}
        onCompare={vi.fn()}
      />,
    );
    const notice = await screen.findByTestId("duplicate-notice");
    expect(notice).toHaveTextContent("Katharine Jones (same phone number and a similar name)");
    expect(within(notice).queryByRole("button")).toBeNull();
    expect(notice).toHaveTextContent("Only officers and admins can merge records.");
  });

  it("shows nothing when there are no likely duplicates, or the check fails", async () => {
    vi.mocked(memberDuplicates).mockResolvedValueOnce([]);
    const { unmount } = renderScreen(
      <Member session={session()} personId="p-1" initialRecord={null} onBack={vi.fn()} />,
    );
    await screen.findByRole("tablist");
    await waitFor(() => expect(memberDuplicates).toHaveBeenCalled());
    expect(screen.queryByTestId("duplicate-notice")).toBeNull();
    unmount();
    vi.mocked(memberDuplicates).mockRejectedValueOnce(appError("internal", "Disk error"));
    renderScreen(
      <Member session={session()} personId="p-1" initialRecord={null} onBack={vi.fn()} />,
    );
    await screen.findByRole("tablist");
    await waitFor(() => expect(memberDuplicates).toHaveBeenCalledTimes(2));
    expect(screen.queryByTestId("duplicate-notice")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("renders a hostile name in the notice as text", async () => {
    vi.mocked(memberDuplicates).mockResolvedValue([
      match({ firstName: SCRIPT, lastName: HOSTILE }),
    ]);
    renderScreen(
      <Member
        session={session()}
        personId="p-1"
        initialRecord={null}
        onBack={vi.fn()}
        onCompare={vi.fn()}
      />,
    );
    expect(
      await screen.findByRole("button", { name: `Compare with ${SCRIPT} ${HOSTILE}` }),
    ).toBeInTheDocument();
    expect(document.querySelector("main script, img")).toBeNull();
  });
});

describe("the add form", () => {
  function renderAdd() {
    const onOpenMember = vi.fn();
    const onSaved = vi.fn();
    renderScreen(
      <MemberForm
        mode={{ name: "create" }}
        onSaved={onSaved}
        onCancel={vi.fn()}
        onOpenMember={onOpenMember}
      />,
    );
    return { onOpenMember, onSaved, user: userEvent.setup() };
  }

  it("warns, once name and a contact detail are typed, without stopping the save", async () => {
    vi.mocked(detailsDuplicates).mockResolvedValue([match()]);
    const saved = memberRecord({ id: "p-3" });
    vi.mocked(createMember).mockResolvedValue(saved);
    const { user, onSaved, onOpenMember } = renderAdd();
    await user.type(screen.getByLabelText("First name"), "Kathrine");
    await user.type(screen.getByLabelText("Last name"), "Jones");
    // A name alone is not enough to say anything.
    await new Promise((resolve) => setTimeout(resolve, DUPLICATE_CHECK_DELAY_MS + 50));
    expect(detailsDuplicates).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText("Phone number (optional)"), "07700 900123");
    const warning = await screen.findByTestId("duplicate-warning");
    expect(warning).toHaveTextContent(
      "This may be the same person as:Katharine Jones (same phone number and a similar name)",
    );
    expect(screen.getByTestId("duplicate-check")).toHaveAttribute("aria-live", "polite");
    // Typing quickly is one check, not one per key.
    expect(vi.mocked(detailsDuplicates).mock.calls.length).toBeLessThan(3);
    expect(detailsDuplicates).toHaveBeenLastCalledWith(
      expect.objectContaining({ firstName: "Kathrine", lastName: "Jones", phone: "07700 900123" }),
      null,
    );

    await user.click(screen.getByLabelText("Parent carer"));
    await user.click(screen.getByLabelText("Active member"));
    await user.click(screen.getByTestId("submit"));
    expect(createMember).toHaveBeenCalled();
    expect(onSaved).toHaveBeenCalledWith(saved);

    await user.click(within(warning).getByRole("button", { name: "Katharine Jones" }));
    expect(onOpenMember).toHaveBeenCalledWith("p-2");
  });

  it("still checks the other details while an e-mail address is half typed", async () => {
    vi.mocked(detailsDuplicates).mockImplementation(async (details) => {
      if (details.email !== "") {
        throw appError("validation", "There is a problem", {
          email: "Enter an e-mail address in the right format",
        });
      }
      return [match()];
    });
    const { user } = renderAdd();
    await user.type(screen.getByLabelText("First name"), "Kathrine");
    await user.type(screen.getByLabelText("Last name"), "Jones");
    await user.type(screen.getByLabelText("Phone number (optional)"), "07700900123");
    await user.type(screen.getByLabelText("E-mail address (optional)"), "kj@exa");
    expect(await screen.findByTestId("duplicate-warning")).toHaveTextContent("Katharine Jones");
    expect(detailsDuplicates).toHaveBeenLastCalledWith(
      expect.objectContaining({ email: "", phone: "07700900123" }),
      null,
    );
    // The form's own errors only appear when the user saves.
    expect(screen.queryByTestId("error-summary")).toBeNull();
  });

  it("clears the warning when the details no longer match", async () => {
    vi.mocked(detailsDuplicates).mockResolvedValueOnce([match()]);
    const { user } = renderAdd();
    await user.type(screen.getByLabelText("First name"), "Kathrine");
    await user.type(screen.getByLabelText("Last name"), "Jones");
    await user.type(screen.getByLabelText("Postcode (optional)"), "PR1 2HE");
    await screen.findByTestId("duplicate-warning");
    await user.clear(screen.getByLabelText("Postcode (optional)"));
    await waitFor(() => expect(screen.queryByTestId("duplicate-warning")).toBeNull());
  });

  it("never checks on the edit form", async () => {
    renderScreen(
      <MemberForm
        mode={{ name: "edit", record: memberRecord() }}
        onSaved={vi.fn()}
        onCancel={vi.fn()}
      />,
    );
    await userEvent.setup().type(screen.getByLabelText("Town or city (optional)"), "x");
    await new Promise((resolve) => setTimeout(resolve, DUPLICATE_CHECK_DELAY_MS + 50));
    expect(detailsDuplicates).not.toHaveBeenCalled();
  });
});

describe("the members list", () => {
  it("opens the review, compares a pair and comes back to the review", async () => {
    vi.mocked(duplicatePairs).mockResolvedValue([
      {
        a: summary({ id: "p-1" }),
        b: summary({ id: "p-2", firstName: "Zoe" }),
        reason: "same e-mail and a similar name",
      },
    ]);
    renderScreen(<Members session={session({ role: "officer" })} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Possible duplicates" }));
    expect(
      await screen.findByRole("heading", { level: 1, name: "Possible duplicates" }),
    ).toBeInTheDocument();
    await user.click(await screen.findByTestId("compare"));
    expect(
      await screen.findByRole("heading", { level: 1, name: "Compare and merge records" }),
    ).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Back to possible duplicates" }));
    expect(await screen.findByTestId("duplicate-list")).toBeInTheDocument();
    await user.click(screen.getByTestId("back-to-members"));
    expect(await screen.findByTestId("members-table")).toBeInTheDocument();
  });

  it("goes from a member's notice to the comparison and back to the member", async () => {
    renderScreen(<Members session={session()} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Zoë Nowak" }));
    await user.click(await screen.findByRole("button", { name: "Compare with Katharine Jones" }));
    expect(
      await screen.findByRole("heading", { level: 1, name: "Compare and merge records" }),
    ).toBeInTheDocument();
    expect(getMember).toHaveBeenCalledWith("p-2");
    await user.click(screen.getByRole("button", { name: "Back to the member's record" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Zoë Nowak" })).toBeInTheDocument();
  });
});
