import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { acceptSignUp, discardSignUp, mergeSignUp, pendingSignUps } from "../backend";
import type { DuplicateMatch } from "../bindings/DuplicateMatch";
import { pendingSignUp } from "../test/drives";
import { appError, HOSTILE, renderScreen, session } from "../test/fixtures";
import { ReviewNotice } from "./ReviewNotice";
import { ReviewQueue } from "./ReviewQueue";

vi.mock("../backend");

const SCRIPT = "<script>alert(1)</script>";

const KNOWN: DuplicateMatch = {
  personId: "p-1",
  firstName: "Beatrice",
  lastName: "Lowry",
  preferredName: "Bea",
  email: "bea@example.org",
  phone: "+447700900123",
  postcode: "PR7 1DP",
  reason: "same e-mail and a similar name",
};

const SECOND = pendingSignUp({
  signupId: "s-2",
  personId: "p-11",
  firstName: "Bea",
  lastName: "Lowry",
  email: "bea@example.org",
  phone: "07700 900999",
  postcode: "PR7 2AA",
  duplicates: [KNOWN],
});

beforeEach(() => {
  vi.mocked(pendingSignUps).mockResolvedValue([pendingSignUp(), SECOND]);
  vi.mocked(acceptSignUp).mockResolvedValue(undefined);
  vi.mocked(mergeSignUp).mockResolvedValue(undefined);
  vi.mocked(discardSignUp).mockResolvedValue(undefined);
});

async function renderQueue() {
  const onChanged = vi.fn();
  renderScreen(<ReviewQueue driveId={null} onChanged={onChanged} />);
  await screen.findAllByTestId("signup");
  return { u: userEvent.setup(), onChanged };
}

function card(name: string): HTMLElement {
  return screen.getByRole("region", { name });
}

describe("The review queue", () => {
  it("lists each pending sign-up with the people it may be", async () => {
    await renderQueue();
    expect(screen.getByTestId("review-count")).toHaveTextContent(
      "2 sign-ups are waiting for review.",
    );
    expect(within(card("Alex Rivers")).getByTestId("no-duplicates")).toBeInTheDocument();
    const candidate = within(card("Bea Lowry")).getByTestId("candidate");
    expect(candidate).toHaveTextContent("Beatrice Lowry (known as Bea)");
    expect(candidate).toHaveTextContent("same e-mail and a similar name");
    expect(card("Alex Rivers")).toHaveTextContent("Local offer event");
  });

  it("accepts a sign-up as a member, then asks for the queue again", async () => {
    vi.mocked(pendingSignUps)
      .mockResolvedValueOnce([pendingSignUp(), SECOND])
      .mockResolvedValueOnce([SECOND]);
    const { u, onChanged } = await renderQueue();
    await u.click(within(card("Alex Rivers")).getByTestId("accept"));
    expect(acceptSignUp).toHaveBeenCalledExactlyOnceWith("s-1", { onDate: "" });
    expect(await screen.findByText("Alex Rivers is now a member of the forum.")).toBeVisible();
    await waitFor(() =>
      expect(screen.getByTestId("review-count")).toHaveTextContent("1 sign-up is waiting"),
    );
    expect(onChanged).toHaveBeenCalledOnce();
  });

  it("merges into a record after a confirmation, taking only the details ticked", async () => {
    const { u } = await renderQueue();
    await u.click(within(card("Bea Lowry")).getByTestId("merge"));
    const confirm = screen.getByTestId("merge-confirm");
    expect(confirm).toHaveTextContent("Merge Bea Lowry's sign-up into Beatrice Lowry's record?");
    // The e-mail is the same on both, so only the phone and postcode are offered.
    expect(within(confirm).queryByLabelText(/^E-mail/)).not.toBeInTheDocument();
    for (const box of within(confirm).getAllByRole("checkbox")) expect(box).not.toBeChecked();
    await u.click(within(confirm).getByLabelText("Phone: 07700 900999"));
    expect(mergeSignUp).not.toHaveBeenCalled();
    await u.click(screen.getByTestId("confirm-merge"));
    expect(mergeSignUp).toHaveBeenCalledExactlyOnceWith("s-2", {
      keepId: "p-1",
      picks: { phone: "merge" },
    });
    expect(
      await screen.findByText("Bea Lowry's sign-up has been merged into Beatrice Lowry's record."),
    ).toBeVisible();
  });

  it("takes the sign-up's details the record lacks unless they are unticked", async () => {
    vi.mocked(pendingSignUps).mockResolvedValue([
      { ...SECOND, duplicates: [{ ...KNOWN, phone: null, postcode: null }] },
    ]);
    const { u } = await renderQueue();
    await u.click(screen.getByTestId("merge"));
    expect(screen.getByLabelText("Phone: 07700 900999")).toBeChecked();
    await u.click(screen.getByLabelText("Postcode: PR7 2AA"));
    await u.click(screen.getByTestId("confirm-merge"));
    expect(mergeSignUp).toHaveBeenCalledExactlyOnceWith("s-2", {
      keepId: "p-1",
      picks: { phone: "merge" },
    });
  });

  it("can step back from a merge", async () => {
    const { u } = await renderQueue();
    await u.click(screen.getByTestId("merge"));
    await u.click(screen.getByTestId("cancel"));
    expect(await screen.findAllByTestId("signup")).toHaveLength(2);
    expect(mergeSignUp).not.toHaveBeenCalled();
  });

  it("discards only after saying the details will be deleted", async () => {
    const { u } = await renderQueue();
    await u.click(within(card("Alex Rivers")).getByTestId("discard"));
    expect(discardSignUp).not.toHaveBeenCalled();
    expect(screen.getByTestId("discard-warning")).toHaveTextContent(
      "Alex Rivers's details will be deleted",
    );
    expect(screen.getByTestId("discard-warning")).toHaveTextContent("cannot be undone");
    await u.click(screen.getByTestId("confirm-discard"));
    expect(discardSignUp).toHaveBeenCalledExactlyOnceWith("s-1");
    expect(
      await screen.findByText(
        "Alex Rivers's sign-up has been discarded and their details deleted.",
      ),
    ).toBeVisible();
  });

  it("shows the core's refusal and stays on the confirmation", async () => {
    vi.mocked(discardSignUp).mockRejectedValue(
      appError("conflict", "This sign-up has already been reviewed (accepted)."),
    );
    const { u } = await renderQueue();
    await u.click(within(card("Alex Rivers")).getByTestId("discard"));
    await u.click(screen.getByTestId("confirm-discard"));
    expect(await screen.findByTestId("review-error")).toHaveTextContent(
      "already been reviewed (accepted)",
    );
    expect(screen.getByTestId("discard-confirm")).toBeInTheDocument();
  });

  it("renders hostile and very long details as text", async () => {
    const long = "Z".repeat(10_000);
    vi.mocked(pendingSignUps).mockResolvedValue([
      pendingSignUp({
        firstName: SCRIPT,
        lastName: long,
        email: HOSTILE,
        duplicates: [{ ...KNOWN, firstName: HOSTILE, reason: SCRIPT }],
      }),
    ]);
    const { u } = await renderQueue();
    expect(screen.getByTestId("signup-name")).toHaveTextContent(`${SCRIPT} ${long}`);
    expect(screen.getByText(`Why: ${SCRIPT}`)).toBeInTheDocument();
    await u.click(screen.getByTestId("merge"));
    expect(screen.getByTestId("merge-table")).toHaveTextContent(HOSTILE);
    expect(document.querySelector("script")).toBeNull();
    expect(document.querySelector("img")).toBeNull();
  });

  it("says when nothing is waiting", async () => {
    vi.mocked(pendingSignUps).mockResolvedValue([]);
    renderScreen(<ReviewQueue driveId="d-1" />);
    expect(await screen.findByTestId("review-count")).toHaveTextContent(
      "No sign-ups are waiting for review.",
    );
    expect(pendingSignUps).toHaveBeenCalledWith("d-1");
  });
});

describe("The home notice", () => {
  it("tells officers how many sign-ups wait, and leads to them", async () => {
    const onReview = vi.fn();
    renderScreen(<ReviewNotice session={session({ role: "officer" })} onReview={onReview} />);
    const notice = await screen.findByTestId("review-notice");
    expect(notice).toHaveTextContent("2 sign-ups from recruitment drives are waiting for review");
    await userEvent.setup().click(within(notice).getByTestId("open-review"));
    expect(onReview).toHaveBeenCalledOnce();
  });

  it("shows volunteers nothing, and does not ask", () => {
    renderScreen(<ReviewNotice session={session({ role: "volunteer" })} onReview={vi.fn()} />);
    expect(screen.queryByTestId("review-notice")).not.toBeInTheDocument();
    expect(pendingSignUps).not.toHaveBeenCalled();
  });

  it("shows nothing when none are waiting", async () => {
    vi.mocked(pendingSignUps).mockResolvedValue([]);
    renderScreen(<ReviewNotice session={session()} onReview={vi.fn()} />);
    await waitFor(() => expect(pendingSignUps).toHaveBeenCalledWith(null));
    expect(screen.queryByTestId("review-notice")).not.toBeInTheDocument();
  });
});
