import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import {
  appStatus,
  changeOwnPassword,
  listUsers,
  lock,
  membershipHistory,
  membershipSettings,
  onLocked,
  reportActivity,
  setupForum,
  unlock,
} from "./backend";
import type { LockedEvent } from "./bindings/LockedEvent";
import type { SessionInfo } from "./bindings/SessionInfo";
import { appError, HOSTILE, session, user } from "./test/fixtures";

vi.mock("./backend");

let emitLocked: (event: LockedEvent) => void = () => {
  throw new Error("onLocked was not called");
};
const stopListening = vi.fn();

beforeEach(() => {
  vi.mocked(membershipHistory).mockResolvedValue([]);
  vi.mocked(membershipSettings).mockResolvedValue({ renewalMonths: 12, lapseAfterDays: 90 });
  vi.mocked(onLocked).mockImplementation((handler) => {
    emitLocked = handler;
    return stopListening;
  });
  vi.mocked(lock).mockResolvedValue(undefined);
  vi.mocked(reportActivity).mockResolvedValue(undefined);
  vi.mocked(listUsers).mockResolvedValue([
    user({ id: "u-admin", username: "sam.admin", displayName: "Sam Admin", role: "admin" }),
    user({ displayName: "Jo Bloggs" }),
  ]);
});

function startUnlocked(info: SessionInfo = session()) {
  vi.mocked(appStatus).mockResolvedValue({ state: "unlocked", session: info });
  render(<App />);
  return waitFor(() => expect(screen.queryByText("Opening ForumDesk…")).not.toBeInTheDocument());
}

describe("App", () => {
  it("runs first-time set-up, shows the recovery key, then Home", async () => {
    vi.mocked(appStatus).mockResolvedValue({ state: "needs_setup", session: null });
    vi.mocked(setupForum).mockResolvedValue({ recoveryKey: "RKEY-1234", session: session() });
    render(<App />);
    const u = userEvent.setup();
    expect(
      await screen.findByRole("heading", { level: 1, name: "Set up ForumDesk" }),
    ).toBeInTheDocument();
    await u.click(screen.getByTestId("submit"));

    expect(await screen.findByTestId("recovery-key")).toHaveTextContent("RKEY-1234");
    expect(screen.getByRole("heading", { level: 1 })).toHaveFocus();
    expect(screen.queryByTestId("lock")).not.toBeInTheDocument();
    await u.click(screen.getByTestId("submit"));
    expect(screen.getByTestId("error-summary")).toBeInTheDocument();
    await u.click(screen.getByTestId("recovery-saved"));
    await u.click(screen.getByTestId("submit"));

    expect(await screen.findByTestId("signed-in-as")).toHaveTextContent("Sam Admin (sam.admin)");
    expect(screen.queryByText("RKEY-1234")).not.toBeInTheDocument();
    expect(document.title).toBe("Home – ForumDesk");
  });

  it("has one main landmark, a skip link and one h1", async () => {
    await startUnlocked();
    expect(screen.getByRole("main")).toHaveAttribute("id", "main");
    expect(screen.getByRole("link", { name: "Skip to main content" })).toHaveAttribute(
      "href",
      "#main",
    );
    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
  });

  it("unlocks, locks (keeping the user name) and signs out (forgetting it)", async () => {
    vi.mocked(appStatus).mockResolvedValue({ state: "locked", session: null });
    vi.mocked(unlock).mockResolvedValue(session());
    render(<App />);
    const u = userEvent.setup();
    await u.type(await screen.findByLabelText("User name"), "sam.admin");
    await u.type(screen.getByLabelText("Password"), "secret words");
    await u.click(screen.getByTestId("submit"));
    expect(await screen.findByTestId("signed-in-as")).toBeInTheDocument();

    await u.click(screen.getByTestId("lock"));
    expect(lock).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole("heading", { name: "Unlock ForumDesk" })).toHaveFocus();
    expect(screen.getByRole("status")).toHaveTextContent("ForumDesk is locked.");
    expect(screen.getByLabelText("User name")).toHaveValue("sam.admin");
    expect(screen.getByLabelText("Password")).toHaveValue("");
    expect(screen.queryByTestId("signed-in-as")).not.toBeInTheDocument();

    await u.type(screen.getByLabelText("Password"), "secret words");
    await u.click(screen.getByTestId("submit"));
    await u.click(await screen.findByTestId("sign-out"));
    expect(lock).toHaveBeenCalledTimes(2);
    expect(await screen.findByRole("heading", { name: "Unlock ForumDesk" })).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("You have signed out.");
    expect(screen.getByLabelText("User name")).toHaveValue("");
  });

  it("goes from Unlock to the recovery key form and back", async () => {
    vi.mocked(appStatus).mockResolvedValue({ state: "locked", session: null });
    render(<App />);
    const u = userEvent.setup();
    await u.click(await screen.findByRole("button", { name: /Use the recovery key/ }));
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Use the recovery key");
    expect(screen.getByLabelText("Recovery key")).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: /Back to unlock/ }));
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Unlock ForumDesk");
  });

  it("navigates between screens and marks the current one", async () => {
    await startUnlocked();
    const u = userEvent.setup();
    await u.click(screen.getByTestId("nav-users"));
    expect(await screen.findByTestId("users-table")).toBeInTheDocument();
    expect(screen.getByTestId("nav-users")).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("heading", { level: 1, name: "Manage users" })).toHaveFocus();
    await u.click(screen.getByTestId("nav-settings"));
    expect(screen.getByLabelText(/minutes without activity/)).toHaveValue("15");
    await u.click(screen.getByTestId("nav-password"));
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Change your password");
    await u.click(screen.getByTestId("nav-home"));
    expect(screen.getByTestId("signed-in-as")).toBeInTheDocument();
  });

  it("hides admin navigation from non-admins", async () => {
    await startUnlocked(session({ role: "officer" }));
    expect(screen.getByTestId("nav-home")).toBeInTheDocument();
    expect(screen.getByTestId("nav-password")).toBeInTheDocument();
    expect(screen.queryByTestId("nav-users")).not.toBeInTheDocument();
    expect(screen.queryByTestId("nav-settings")).not.toBeInTheDocument();
    expect(screen.queryByTestId("nav-areas")).not.toBeInTheDocument();
    expect(screen.getByTestId("nav-members")).toBeInTheDocument();
    expect(screen.getByText("Officer")).toBeInTheDocument();
  });

  it("shows Members to volunteers, Areas (from Settings) to admins, neither to the kiosk", async () => {
    await startUnlocked(session({ role: "volunteer" }));
    expect(screen.getByTestId("nav-members")).toBeInTheDocument();
    expect(screen.queryByTestId("nav-areas")).not.toBeInTheDocument();
    cleanup();
    await startUnlocked(session());
    expect(screen.getByTestId("nav-members")).toBeInTheDocument();
    const u = userEvent.setup();
    await u.click(screen.getByTestId("nav-settings"));
    await u.click(screen.getByTestId("nav-areas"));
    expect(screen.getByRole("heading", { level: 1, name: "Areas" })).toBeInTheDocument();
    expect(screen.getByTestId("nav-settings")).toHaveAttribute("aria-current", "true");
    cleanup();
    await startUnlocked(session({ role: "kiosk" }));
    expect(screen.getByTestId("nav-home")).toBeInTheDocument();
    expect(screen.queryByTestId("nav-members")).not.toBeInTheDocument();
    expect(screen.queryByTestId("nav-areas")).not.toBeInTheDocument();
  });

  it("clears personal data and shows Unlock when the app locks itself", async () => {
    await startUnlocked(session({ idleLockMinutes: 10 }));
    await userEvent.setup().click(screen.getByTestId("nav-users"));
    expect(await screen.findByRole("cell", { name: "Jo Bloggs" })).toBeInTheDocument();

    act(() => emitLocked({ reason: "idle" }));

    expect(screen.getByRole("heading", { level: 1, name: "Unlock ForumDesk" })).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent(
      "ForumDesk locked itself after 10 minutes without activity.",
    );
    expect(screen.queryByText(/Jo Bloggs/)).not.toBeInTheDocument();
    expect(screen.queryByText(/Sam Admin/)).not.toBeInTheDocument();
    expect(screen.queryByText("Lancashire Parent Carer Forum")).not.toBeInTheDocument();
    expect(screen.queryByTestId("lock")).not.toBeInTheDocument();
    expect(screen.getByLabelText("User name")).toHaveValue("");
  });

  it("says when it locked because the computer went to sleep", async () => {
    await startUnlocked();
    act(() => emitLocked({ reason: "sleep" }));
    expect(screen.getByRole("status")).toHaveTextContent(
      "ForumDesk locked itself because the computer went to sleep.",
    );
  });

  it("says when it locked because the screen was locked", async () => {
    await startUnlocked();
    act(() => emitLocked({ reason: "screen_locked" }));
    expect(screen.getByRole("status")).toHaveTextContent(
      "ForumDesk locked itself because the computer's screen was locked.",
    );
  });

  it("ignores a lock event when already locked", async () => {
    vi.mocked(appStatus).mockResolvedValue({ state: "locked", session: null });
    render(<App />);
    await screen.findByRole("heading", { name: "Unlock ForumDesk" });
    act(() => emitLocked({ reason: "idle" }));
    expect(screen.getByRole("status")).toHaveTextContent("");
  });

  it("shows Unlock when a command fails with kind locked", async () => {
    vi.mocked(listUsers).mockRejectedValue(appError("locked", "ForumDesk is locked."));
    await startUnlocked();
    await userEvent.setup().click(screen.getByTestId("nav-users"));
    expect(
      await screen.findByRole("heading", { level: 1, name: "Unlock ForumDesk" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("ForumDesk has locked itself.");
  });

  it("sends someone with a temporary password straight to change it", async () => {
    vi.mocked(changeOwnPassword).mockResolvedValue(undefined);
    await startUnlocked(session({ role: "volunteer", mustChangePassword: true }));
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Change your password");
    expect(screen.getByText(/You need to choose a new password/)).toBeInTheDocument();
    expect(screen.queryByTestId("nav-home")).not.toBeInTheDocument();
    expect(screen.getByTestId("lock")).toBeInTheDocument();

    await userEvent.setup().click(screen.getByTestId("submit"));
    expect(await screen.findByTestId("signed-in-as")).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Your password has been changed");
    expect(screen.getByTestId("nav-home")).toBeInTheDocument();
  });

  it("reports activity at most once per 30 seconds while unlocked", async () => {
    const now = vi.spyOn(Date, "now").mockReturnValue(1_000_000);
    await startUnlocked();
    // Only a signed-in layout listens for activity: wait for it, not just for the loading
    // text to go, or a slow run presses keys before anyone listens.
    await screen.findByRole("heading", { level: 1, name: session().forumName });
    fireEvent.keyDown(window, { key: "a" });
    fireEvent.pointerDown(window);
    fireEvent.keyDown(window, { key: "b" });
    expect(reportActivity).toHaveBeenCalledTimes(1);
    now.mockReturnValue(1_030_000);
    fireEvent.pointerDown(window);
    expect(reportActivity).toHaveBeenCalledTimes(2);
  });

  it("does not report activity while locked", async () => {
    vi.mocked(appStatus).mockResolvedValue({ state: "locked", session: null });
    render(<App />);
    await screen.findByRole("heading", { name: "Unlock ForumDesk" });
    fireEvent.keyDown(window, { key: "a" });
    expect(reportActivity).not.toHaveBeenCalled();
  });

  it("stops listening for the lock event when unmounted", async () => {
    vi.mocked(appStatus).mockResolvedValue({ state: "locked", session: null });
    const { unmount } = render(<App />);
    await screen.findByRole("heading", { name: "Unlock ForumDesk" });
    unmount();
    expect(stopListening).toHaveBeenCalled();
  });

  it("shows a hostile forum name as text", async () => {
    await startUnlocked(session({ forumName: HOSTILE, displayName: HOSTILE }));
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(HOSTILE);
    expect(document.querySelector("img")).toBeNull();
  });

  it("explains when it cannot start, and can try again", async () => {
    vi.mocked(appStatus).mockRejectedValueOnce("no database");
    vi.mocked(appStatus).mockResolvedValueOnce({ state: "locked", session: null });
    render(<App />);
    expect(
      await screen.findByRole("heading", { name: "ForumDesk could not start" }),
    ).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() =>
      expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Unlock ForumDesk"),
    );
  });
});
