import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  consentHistory,
  consentPurposes,
  getMember,
  memberDuplicates,
  membershipHistory,
  recordLeaving,
  rejoinMembership,
  renewMembership,
} from "../backend";
import type { MemberRecord } from "../bindings/MemberRecord";
import type { Membership } from "../bindings/Membership";
import type { MembershipEvent } from "../bindings/MembershipEvent";
import { appError, HOSTILE, renderScreen, session } from "../test/fixtures";
import { FORMULA, memberRecord, PURPOSES } from "../test/members";
import { Member } from "./Member";
import { allowedActions } from "./MemberMembership";

vi.mock("../backend");

function event(overrides: Partial<MembershipEvent> = {}): MembershipEvent {
  return {
    id: "e-1",
    kind: "joined",
    onDate: "2025-11-22",
    reason: null,
    recordedBy: "Sam Admin",
    recordedAt: "2025-11-22T10:00:00Z",
    ...overrides,
  };
}

function withMembership(overrides: Partial<Membership>): MemberRecord {
  const base = memberRecord();
  if (!base.membership) throw new Error("the fixture has a membership");
  return memberRecord({ membership: { ...base.membership, ...overrides } });
}

beforeEach(() => {
  vi.mocked(consentPurposes).mockResolvedValue(PURPOSES);
  vi.mocked(consentHistory).mockResolvedValue([]);
  vi.mocked(memberDuplicates).mockResolvedValue([]);
  vi.mocked(membershipHistory).mockResolvedValue([event()]);
});

async function openMembership(record: MemberRecord) {
  vi.mocked(getMember).mockResolvedValue(record);
  renderScreen(
    <Member session={session()} personId={record.id} initialRecord={null} onBack={vi.fn()} />,
  );
  const user = userEvent.setup();
  await user.click(await screen.findByRole("tab", { name: "Membership" }));
  await screen.findByTestId("membership-history");
  return user;
}

function actionNames() {
  return within(screen.getByTestId("membership-actions"))
    .getAllByRole("button")
    .map((b) => b.textContent);
}

describe("Membership tab", () => {
  it("offers only the changes the core allows from each status", () => {
    expect(allowedActions("applicant")).toEqual(["approve", "leave"]);
    expect(allowedActions("active")).toEqual(["renew", "lapse", "leave"]);
    expect(allowedActions("renewal_due")).toEqual(["renew", "lapse", "leave"]);
    expect(allowedActions("lapsed")).toEqual(["rejoin", "leave"]);
    expect(allowedActions("left")).toEqual(["rejoin"]);
  });

  it("shows the status, dates, who recruited them and the history, newest first", async () => {
    vi.mocked(membershipHistory).mockResolvedValue([
      event({ id: "e-3", kind: "lapsed", onDate: "2026-10-01", recordedBy: null }),
      event({ id: "e-2", kind: "renewed", onDate: "2026-01-05", recordedBy: "Jo Bloggs" }),
      event(),
    ]);
    await openMembership(
      withMembership({
        status: "renewal_due",
        renewalDueOn: "2026-11-01",
        recruitmentSource: "Stall at Preston library",
      }),
    );
    expect(membershipHistory).toHaveBeenCalledWith("p-1");
    const panel = screen.getByRole("tabpanel", { name: "Membership" });
    expect(screen.getByTestId("membership-status")).toHaveTextContent("Renewal due");
    expect(panel).toHaveTextContent("Renewal due1 November 2026");
    expect(panel).toHaveTextContent("Recruited byStall at Preston library");
    expect(actionNames()).toEqual(["Renew membership", "Mark as lapsed", "Record leaving"]);
    const rows = within(screen.getByTestId("membership-history")).getAllByRole("row");
    expect(rows.map((r) => r.textContent)).toEqual([
      "DateWhat happenedReasonRecorded by",
      "1 October 2026LapsedForumDesk, automatically",
      "5 January 2026RenewedJo Bloggs",
      "22 November 2025JoinedSam Admin",
    ]);
  });

  it("shows an applicant's application date, and no history until they are approved", async () => {
    // The core writes the "joined" event on approval, not when someone applies.
    vi.mocked(membershipHistory).mockResolvedValue([]);
    vi.mocked(getMember).mockResolvedValue(
      withMembership({ status: "applicant", joinedOn: "2026-11-20" }),
    );
    renderScreen(
      <Member session={session()} personId="p-1" initialRecord={null} onBack={vi.fn()} />,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole("tab", { name: "Membership" }));
    const panel = screen.getByRole("tabpanel", { name: "Membership" });
    await waitFor(() =>
      expect(panel).toHaveTextContent("No changes to this membership have been recorded."),
    );
    expect(panel).toHaveTextContent("Applied20 November 2026");
    expect(panel).not.toHaveTextContent("Joined");
    expect(screen.queryByTestId("membership-history")).not.toBeInTheDocument();
    expect(actionNames()).toEqual(["Approve membership", "Record leaving"]);
  });

  it("shows a former member's leaving date and reason, as text, and offers rejoining", async () => {
    vi.mocked(membershipHistory).mockResolvedValue([
      event({ id: "e-2", kind: "left", onDate: "2026-11-01", reason: HOSTILE }),
      event(),
    ]);
    await openMembership(
      withMembership({ status: "left", leftOn: "2026-11-01", leavingReason: HOSTILE }),
    );
    const panel = screen.getByRole("tabpanel", { name: "Membership" });
    expect(panel).toHaveTextContent("Left1 November 2026");
    expect(screen.getByTestId("leaving-reason")).toHaveTextContent(HOSTILE);
    expect(panel).not.toHaveTextContent("Renewal due");
    expect(actionNames()).toEqual(["Rejoin"]);
    expect(document.querySelector("img")).toBeNull();
  });
});

describe("Membership changes", () => {
  it("renews from today and returns to the tab with the new date and history", async () => {
    const user = await openMembership(withMembership({ status: "renewal_due" }));
    await user.click(screen.getByTestId("membership-renew"));
    expect(
      screen.getByRole("heading", { level: 1, name: "Renew Zoë Nowak's membership" }),
    ).toBeInTheDocument();
    const date = screen.getByLabelText("Date they renewed");
    expect(date).toHaveAccessibleDescription(/Leave it blank for today/);

    vi.mocked(renewMembership).mockResolvedValue(
      withMembership({ status: "active", renewalDueOn: "2027-11-22" }),
    );
    vi.mocked(membershipHistory).mockResolvedValue([
      event({ id: "e-2", kind: "renewed", onDate: "2026-11-22" }),
      event(),
    ]);
    await user.click(screen.getByTestId("submit"));
    expect(renewMembership).toHaveBeenCalledWith("p-1", { onDate: "" });
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Zoë Nowak's membership has been renewed. The next renewal is due on 22 November 2027.",
    );
    expect(screen.getByRole("tab", { name: "Membership" })).toHaveAttribute(
      "aria-selected",
      "true",
    );
    await waitFor(() =>
      expect(screen.getByTestId("membership-history")).toHaveTextContent("Renewed"),
    );
    expect(screen.getByTestId("membership-status")).toHaveTextContent("Active");
  });

  it("puts the core's field errors on the leaving form's fields, with a summary", async () => {
    const user = await openMembership(memberRecord());
    await user.click(screen.getByTestId("membership-leave"));
    vi.mocked(recordLeaving).mockRejectedValue(
      appError("validation", "There are 2 problems with what was entered.", {
        onDate: "The date must be today or in the past (today is 22 November 2026)",
        reason: "Enter the reason they left",
      }),
    );
    await user.type(screen.getByLabelText("Date they left"), "1/1/2099");
    await user.click(screen.getByTestId("submit"));
    expect(recordLeaving).toHaveBeenCalledWith("p-1", { onDate: "1/1/2099", reason: "" });
    const summary = await screen.findByTestId("error-summary");
    expect(summary).toHaveFocus();
    const links = within(summary).getAllByRole("link");
    expect(links.map((l) => l.getAttribute("href"))).toEqual(["#onDate", "#reason"]);
    expect(screen.getByLabelText("Date they left")).toHaveAttribute("aria-invalid", "true");
    const reason = screen.getByLabelText("Why did they leave?");
    expect(reason).toHaveAttribute("aria-invalid", "true");
    expect(reason).toHaveAccessibleDescription(/Enter the reason they left/);
    await waitFor(() => expect(document.title).toMatch(/^Error: /));
  });

  it("sends a hostile reason exactly as typed and shows it back as text", async () => {
    const user = await openMembership(memberRecord());
    await user.click(screen.getByTestId("membership-leave"));
    const reason = `${HOSTILE}\n${FORMULA}\n'; DROP TABLE memberships; --`;
    vi.mocked(recordLeaving).mockResolvedValue(
      withMembership({ status: "left", leftOn: "2026-11-22", leavingReason: reason }),
    );
    vi.mocked(membershipHistory).mockResolvedValue([
      event({ id: "e-2", kind: "left", onDate: "2026-11-22", reason }),
      event(),
    ]);
    // user.type reads braces and brackets as key names; paste the text as it is.
    screen.getByLabelText("Why did they leave?").focus();
    await user.paste(reason);
    await user.click(screen.getByTestId("submit"));
    expect(recordLeaving).toHaveBeenCalledWith("p-1", { onDate: "", reason });
    expect(await screen.findByRole("status")).toHaveTextContent(
      "has been recorded as having left the forum",
    );
    await waitFor(() =>
      expect(screen.getByTestId("membership-history")).toHaveTextContent(FORMULA),
    );
    expect(screen.getByTestId("leaving-reason")).toHaveTextContent(HOSTILE);
    expect(document.querySelector("img")).toBeNull();
  });

  it("shows a refused change's message, and Cancel goes back without saving", async () => {
    const user = await openMembership(withMembership({ status: "lapsed" }));
    await user.click(screen.getByTestId("membership-rejoin"));
    vi.mocked(rejoinMembership).mockRejectedValue(
      appError("conflict", "Only a lapsed or former member can rejoin."),
    );
    await user.click(screen.getByTestId("submit"));
    expect(await screen.findByTestId("error-summary")).toHaveTextContent(
      "Only a lapsed or former member can rejoin.",
    );
    await user.click(screen.getByTestId("cancel"));
    expect(screen.getByRole("tab", { name: "Membership" })).toHaveAttribute(
      "aria-selected",
      "true",
    );
    expect(rejoinMembership).toHaveBeenCalledTimes(1);
  });
});
