// Runs axe-core (the same engine the end-to-end tests use) over each screen in jsdom.
// jsdom cannot compute colour contrast; the end-to-end run in the real webview does.
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import {
  appStatus,
  consentHistory,
  consentPurposes,
  getMember,
  listAreas,
  listUsers,
  onLocked,
  recordConsent,
  reportActivity,
  searchMembers,
  setupForum,
  unlock,
  unlockWithRecoveryKey,
} from "./backend";
import { appError, session, user } from "./test/fixtures";
import {
  AREAS,
  child,
  consentState,
  memberPage,
  memberRecord,
  PURPOSES,
  summary,
} from "./test/members";

vi.mock("./backend");

async function violations() {
  const results = await axe.run(document.body, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    rules: { "color-contrast": { enabled: false } },
  });
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(", ")}`);
}

beforeEach(() => {
  // axe probes canvas support; jsdom has none and would log noise.
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
  vi.mocked(onLocked).mockReturnValue(() => {});
  vi.mocked(reportActivity).mockResolvedValue(undefined);
  vi.mocked(listUsers).mockResolvedValue([
    user({ id: "u-admin", username: "sam.admin", displayName: "Sam Admin", role: "admin" }),
    user(),
  ]);
});

async function ready() {
  await waitFor(() => expect(screen.queryByText("Opening ForumDesk…")).not.toBeInTheDocument());
}

describe("accessibility (axe-core)", () => {
  it("finds a real problem (so the checks below mean something)", async () => {
    render(<input type="text" />);
    expect((await violations()).join()).toMatch(/^label:/);
  });

  it("set-up, with errors shown", async () => {
    vi.mocked(appStatus).mockResolvedValue({ state: "needs_setup", session: null });
    vi.mocked(setupForum).mockRejectedValue(
      appError("validation", "Check", { forumName: "Enter a name", password: "Too short" }),
    );
    render(<App />);
    await ready();
    expect(await violations()).toEqual([]);
    await userEvent.setup().click(screen.getByTestId("submit"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
  });

  it("unlock and recovery", async () => {
    vi.mocked(appStatus).mockResolvedValue({ state: "locked", session: null });
    vi.mocked(unlock).mockRejectedValue(appError("forbidden", "Wrong password"));
    vi.mocked(unlockWithRecoveryKey).mockRejectedValue(
      appError("validation", "Check", { recoveryKey: "Not right" }),
    );
    render(<App />);
    await ready();
    const u = userEvent.setup();
    await u.click(screen.getByTestId("submit"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByRole("button", { name: /Use the recovery key/ }));
    await u.click(screen.getByTestId("submit"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
  });

  it("home, users, settings and change password", async () => {
    vi.mocked(appStatus).mockResolvedValue({ state: "unlocked", session: session() });
    render(<App />);
    await ready();
    expect(await violations()).toEqual([]);
    const u = userEvent.setup();
    await u.click(screen.getByTestId("nav-users"));
    await screen.findByTestId("users-table");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("add-user"));
    await u.click(screen.getByTestId("submit"));
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("cancel"));
    await u.click(await screen.findByTestId("reset-jo.bloggs"));
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("nav-settings"));
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("nav-password"));
    expect(await violations()).toEqual([]);
  });

  it("members: list, member tabs, forms and confirmations", async () => {
    vi.mocked(appStatus).mockResolvedValue({ state: "unlocked", session: session() });
    vi.mocked(listAreas).mockResolvedValue(AREAS);
    vi.mocked(consentPurposes).mockResolvedValue(PURPOSES);
    vi.mocked(consentHistory).mockResolvedValue([]);
    vi.mocked(searchMembers).mockResolvedValue(memberPage([summary()], 60));
    vi.mocked(getMember).mockResolvedValue(
      memberRecord({
        consents: [
          consentState("membership_admin", null),
          consentState("email_news", true),
          consentState("special_category", true),
        ],
        special: { children: [child()], ethnicity: null, firstLanguage: null },
      }),
    );
    vi.mocked(recordConsent).mockRejectedValue(
      appError("validation", "Check", { purposeId: "Select one" }),
    );
    render(<App />);
    await ready();
    const u = userEvent.setup();
    await u.click(screen.getByTestId("nav-members"));
    await screen.findByTestId("members-table");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("add-member"));
    await u.click(screen.getByTestId("submit"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("cancel"));
    await u.click(await screen.findByRole("button", { name: "Zoë Nowak" }));
    await screen.findByRole("tablist");
    expect(await violations()).toEqual([]);
    for (const tab of ["membership", "consent", "children"]) {
      await u.click(screen.getByTestId(`tab-${tab}`));
      expect(await violations()).toEqual([]);
    }
    await u.click(screen.getByTestId("add-child"));
    await u.click(screen.getByTestId("submit"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("cancel"));
    await u.click(screen.getByTestId("tab-consent"));
    await u.selectOptions(screen.getByLabelText("How did they tell you?"), "paper");
    await u.click(screen.getByTestId("withdraw-special_category"));
    await screen.findByTestId("withdraw-warning");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("nav-settings"));
    await u.click(screen.getByTestId("nav-areas"));
    await screen.findByTestId("areas-table");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("add-area"));
    expect(await violations()).toEqual([]);
  });
});
