import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { dismissDuplicate, duplicatePairs } from "../backend";
import type { DuplicatePair } from "../bindings/DuplicatePair";
import { appError, HOSTILE, renderScreen, session } from "../test/fixtures";
import { summary } from "../test/members";
import { Duplicates, REVIEW_LIMIT } from "./Duplicates";

vi.mock("../backend");

const SCRIPT = "<script>alert(1)</script>";

function pair(overrides: Partial<DuplicatePair> = {}): DuplicatePair {
  return {
    a: summary({
      id: "p-1",
      firstName: "Katherine",
      lastName: "Jones",
      email: null,
      phone: "+33123456789",
      phoneDisplay: "+33 1 23 45 67 89",
    }),
    b: summary({
      id: "p-2",
      firstName: "Katharine",
      lastName: "Jones",
      email: "kj@example.org",
      status: "applicant",
    }),
    reason: "same phone number and a similar name",
    ...overrides,
  };
}

beforeEach(() => {
  vi.mocked(duplicatePairs).mockResolvedValue([pair()]);
});

async function renderReview(role: "admin" | "officer" | "volunteer" = "admin") {
  const props = { onCompare: vi.fn(), onOpen: vi.fn(), onBack: vi.fn() };
  renderScreen(<Duplicates session={session({ role })} {...props} />);
  await screen.findByTestId("duplicate-list");
  return { ...props, user: userEvent.setup() };
}

describe("Possible duplicates", () => {
  it("lists each pair with the reason and both records side by side", async () => {
    await renderReview();
    expect(duplicatePairs).toHaveBeenCalledWith(REVIEW_LIMIT);
    expect(
      screen.getByRole("heading", { level: 1, name: "Possible duplicates" }),
    ).toBeInTheDocument();
    const item = screen.getByRole("listitem", { name: "Katherine Jones and Katharine Jones" });
    expect(within(item).getByTestId("duplicate-reason")).toHaveTextContent(
      "Same phone number and a similar name.",
    );
    const table = within(item).getByRole("table", { name: /The two records/ });
    const email = within(table).getByRole("row", { name: /E-mail/ });
    expect(email).toHaveTextContent("E-mailNot givenkj@example.org");
    expect(within(table).getByRole("row", { name: /Phone/ })).toHaveTextContent(
      "Phone+33 1 23 45 67 8907700 900123",
    );
    expect(within(table).getByRole("row", { name: /Status/ })).toHaveTextContent(
      "StatusActiveApplicant",
    );
    expect(screen.getByTestId("duplicates-count")).toHaveTextContent("1 pair to check.");
    expect(document.title).toBe("Possible duplicates – ForumDesk");
  });

  it("offers compare and dismissal with names for screen readers, and opens a record", async () => {
    const { user, onCompare, onOpen } = await renderReview("officer");
    await user.click(
      screen.getByRole("button", {
        name: "Compare and merge Katherine Jones and Katharine Jones",
      }),
    );
    expect(onCompare).toHaveBeenCalledWith("p-1", "p-2");
    await user.click(screen.getByRole("button", { name: "Katharine Jones" }));
    expect(onOpen).toHaveBeenCalledWith("p-2");
  });

  it("marks a pair as different people, removes it and says so", async () => {
    vi.mocked(dismissDuplicate).mockResolvedValue(undefined);
    const { user } = await renderReview();
    await user.click(
      screen.getByRole("button", {
        name: "Not the same person: Katherine Jones and Katharine Jones",
      }),
    );
    expect(dismissDuplicate).toHaveBeenCalledExactlyOnceWith("p-1", "p-2");
    expect(screen.queryByTestId("duplicate-pair")).toBeNull();
    expect(screen.getByRole("status")).toHaveTextContent(
      "Katherine Jones and Katharine Jones are marked as different people.",
    );
  });

  it("shows the core's refusal in an error summary and keeps the pair", async () => {
    vi.mocked(dismissDuplicate).mockRejectedValue(
      appError("not_found", "One of those members does not exist."),
    );
    const { user } = await renderReview();
    await user.click(screen.getByTestId("not-duplicate"));
    const summaryBox = await screen.findByTestId("error-summary");
    expect(summaryBox).toHaveFocus();
    expect(summaryBox).toHaveTextContent("One of those members does not exist.");
    expect(screen.getByTestId("duplicate-pair")).toBeInTheDocument();
    expect(document.title).toBe("Error: Possible duplicates – ForumDesk");
  });

  it("shows volunteers the pairs but no merge or dismissal buttons", async () => {
    await renderReview("volunteer");
    expect(screen.getByTestId("duplicate-pair")).toBeInTheDocument();
    expect(screen.queryByTestId("compare")).toBeNull();
    expect(screen.queryByTestId("not-duplicate")).toBeNull();
    expect(screen.getByTestId("cannot-merge")).toHaveTextContent("Only officers and admins");
  });

  it("renders hostile names and reasons as text", async () => {
    vi.mocked(duplicatePairs).mockResolvedValue([
      pair({
        a: summary({ id: "p-1", firstName: SCRIPT, lastName: HOSTILE }),
        b: summary({ id: "p-2", firstName: SCRIPT, lastName: "Jones", postcode: HOSTILE }),
        reason: SCRIPT,
      }),
    ]);
    await renderReview();
    expect(
      screen.getByRole("heading", { level: 2, name: `${SCRIPT} ${HOSTILE} and ${SCRIPT} Jones` }),
    ).toBeInTheDocument();
    expect(screen.getByTestId("duplicate-reason")).toHaveTextContent(SCRIPT);
    expect(document.querySelector("main script, img")).toBeNull();
  });

  it("says when there is nothing to check, and when the list could not be read", async () => {
    vi.mocked(duplicatePairs).mockResolvedValueOnce([]);
    const { unmount } = renderScreen(
      <Duplicates session={session()} onCompare={vi.fn()} onOpen={vi.fn()} onBack={vi.fn()} />,
    );
    expect(await screen.findByTestId("no-duplicates")).toHaveTextContent(
      "There are no possible duplicates to check.",
    );
    unmount();
    vi.mocked(duplicatePairs).mockRejectedValueOnce(appError("internal", "The disk is full."));
    renderScreen(
      <Duplicates session={session()} onCompare={vi.fn()} onOpen={vi.fn()} onBack={vi.fn()} />,
    );
    expect(await screen.findByRole("alert")).toHaveTextContent("The disk is full.");
  });

  it("hands a locked app back to the unlock screen", async () => {
    vi.mocked(duplicatePairs).mockRejectedValueOnce(appError("locked", "Locked"));
    const onLocked = vi.fn();
    renderScreen(
      <Duplicates session={session()} onCompare={vi.fn()} onOpen={vi.fn()} onBack={vi.fn()} />,
      { onLocked },
    );
    await vi.waitFor(() => expect(onLocked).toHaveBeenCalled());
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
