// Runs axe-core (the same engine the end-to-end tests use) over each screen in jsdom.
// jsdom cannot compute colour contrast; the end-to-end run in the real webview does.
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import * as gdprBackend from "./backend";
import * as drivesBackend from "./backend";
import * as reachBackend from "./backend";
import {
  addAffiliationTerms,
  addBudgetLine,
  affiliationTerms,
  appStatus,
  bodyAttendance,
  consentHistory,
  consentPurposes,
  createActivity,
  createGrant,
  duplicatePairs,
  evidencePack,
  getActivity,
  getMember,
  getOrganisation,
  groupReach,
  groupRenewals,
  indicatorReviews,
  listActivities,
  listAreas,
  listBodies,
  listBodyMeetings,
  listGrants,
  listOrganisations,
  listSeats,
  listUsers,
  memberDuplicates,
  membershipHistory,
  membershipSettings,
  mergeMembers,
  onLocked,
  recordAffiliationStep,
  recordBodyMeeting,
  recordConsent,
  recordGroupEnquiry,
  reportActivity,
  reviewIndicator,
  searchMembers,
  setupForum,
  steeringGroup,
  unlock,
  unlockWithRecoveryKey,
} from "./backend";
import { Population as PopulationFigures } from "./drives/Population";
import { ReachGap } from "./drives/ReachGap";
import { TransferPacks } from "./drives/TransferPacks";
import { AuditLog } from "./gdpr/AuditLog";
import { Breaches } from "./gdpr/Breaches";
import { BreachNotice } from "./gdpr/BreachNotice";
import { EraseMember } from "./gdpr/EraseMember";
import { DUE_SOON, dataRequest, OVERDUE } from "./gdpr/fixtures";
import { ProcessingRecord } from "./gdpr/ProcessingRecord";
import { Requests } from "./gdpr/Requests";
import { RequestsDueNotice } from "./gdpr/RequestsDueNotice";
import { Retention } from "./gdpr/Retention";
import { RetentionNotice } from "./gdpr/RetentionNotice";
import { RetentionSchedule } from "./gdpr/RetentionSchedule";
import { APPLICANT, AUDIT, LEFT } from "./gdpr/retentionFixtures";
import { ATTENDANCE, activity, activitySummary, BODIES, MEETINGS, SEATS } from "./test/activities";
import {
  drive,
  driveResults as driveResultsFixture,
  driveSummary,
  KIOSK_FORM,
  kioskSession,
  pendingSignUp,
} from "./test/drives";
import { grant, PACK, REVIEW } from "./test/evidence";
import { appError, session, user } from "./test/fixtures";
import { coOption, organisation, orgSummary, REACH, RENEWALS, TERMS } from "./test/groups";
import {
  AREAS,
  child,
  consentState,
  memberPage,
  memberRecord,
  PURPOSES,
  summary,
} from "./test/members";
import {
  packDrive,
  packImportReport,
  population,
  populationImportReport,
  reachGap as reachGapFixture,
} from "./test/reach";

vi.mock("./backend");

async function violations() {
  const results = await axe.run(document.body, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    rules: { "color-contrast": { enabled: false } },
  });
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(", ")}`);
}

beforeEach(() => {
  vi.mocked(membershipHistory).mockResolvedValue([]);
  vi.mocked(membershipSettings).mockResolvedValue({ renewalMonths: 12, lapseAfterDays: 90 });
  vi.mocked(memberDuplicates).mockResolvedValue([]);
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

// Each test walks through several screens and runs axe on each: seconds of work, which
// under load on a 2-core CI machine came within a whisker of vitest's 5 s default. The limit
// only guards against a hang; it is not a speed check.
describe("accessibility (axe-core)", { timeout: 30_000 }, () => {
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
  it("duplicates: review, compare with errors, confirmation, merged, member notice", async () => {
    vi.mocked(appStatus).mockResolvedValue({ state: "unlocked", session: session() });
    vi.mocked(listAreas).mockResolvedValue(AREAS);
    vi.mocked(consentPurposes).mockResolvedValue(PURPOSES);
    vi.mocked(searchMembers).mockResolvedValue(memberPage([summary()]));
    const other = memberRecord({ id: "p-2", firstName: "Zoe", email: null });
    vi.mocked(getMember).mockImplementation(async (id) => (id === "p-2" ? other : memberRecord()));
    vi.mocked(duplicatePairs).mockResolvedValue([
      { a: summary(), b: summary({ id: "p-2", firstName: "Zoe" }), reason: "same phone number" },
    ]);
    vi.mocked(mergeMembers).mockResolvedValue({ mergeId: "m-1", member: memberRecord() });
    render(<App />);
    await ready();
    const u = userEvent.setup();
    await u.click(screen.getByTestId("nav-members"));
    await u.click(await screen.findByTestId("possible-duplicates"));
    await screen.findByTestId("duplicate-list");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("compare"));
    await screen.findByTestId("compare-table");
    await u.click(screen.getByTestId("submit"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByLabelText("Record 1: Zoë Nowak"));
    for (const group of ["First name", "E-mail"]) {
      const radios = screen.getByRole("group", { name: group }).querySelectorAll("input");
      const first = radios[0];
      if (first) await u.click(first);
    }
    await u.click(screen.getByTestId("submit"));
    await screen.findByTestId("merge-warning");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("submit"));
    await screen.findByTestId("undo-merge");
    expect(await violations()).toEqual([]);
    vi.mocked(memberDuplicates).mockResolvedValue([
      { ...summary({ firstName: "Zoe" }), personId: "p-2", reason: "same phone number" },
    ]);
    await u.click(screen.getByTestId("open-kept"));
    await screen.findByTestId("duplicate-notice");
    expect(await violations()).toEqual([]);
  });
  it("groups: list, enquiry errors, group tabs, step form and confirmation, reach, steering group, terms and their publishing", async () => {
    vi.mocked(appStatus).mockResolvedValue({ state: "unlocked", session: session() });
    vi.mocked(listAreas).mockResolvedValue(AREAS);
    vi.mocked(listOrganisations).mockResolvedValue([orgSummary()]);
    vi.mocked(groupRenewals).mockResolvedValue(RENEWALS);
    vi.mocked(getOrganisation).mockResolvedValue(organisation());
    vi.mocked(groupReach).mockResolvedValue(REACH);
    vi.mocked(steeringGroup).mockResolvedValue([coOption()]);
    vi.mocked(affiliationTerms).mockResolvedValue(TERMS);
    vi.mocked(addAffiliationTerms).mockRejectedValue(
      appError("validation", "Check", { text: "Enter the terms" }),
    );
    vi.mocked(recordGroupEnquiry).mockRejectedValue(
      appError("validation", "Check", { name: "Enter the name", areaIds: "Select the areas" }),
    );
    vi.mocked(recordAffiliationStep).mockRejectedValue(
      appError("validation", "Check", { onDate: "The date must be today or in the past" }),
    );
    render(<App />);
    await ready();
    const u = userEvent.setup();
    await u.click(screen.getByTestId("nav-groups"));
    await screen.findByTestId("groups-table");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("record-enquiry"));
    await screen.findByLabelText("Preston");
    await u.click(screen.getByTestId("submit"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("cancel"));
    await u.click(await screen.findByTestId("open-group"));
    await screen.findByRole("tablist");
    expect(await violations()).toEqual([]);
    for (const tab of ["affiliation", "contacts", "leaders"]) {
      await u.click(screen.getByTestId(`tab-${tab}`));
      expect(await violations()).toEqual([]);
    }
    await u.click(screen.getByTestId("tab-affiliation"));
    await u.click(screen.getByTestId("step-applied"));
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("submit"));
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("confirm"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("cancel"));
    await u.click(screen.getByTestId("tab-contacts"));
    await u.click(screen.getByTestId("add-contact"));
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("cancel"));
    await u.click(screen.getByTestId("back-to-groups"));
    await u.click(await screen.findByTestId("open-reach"));
    await screen.findByTestId("reach-table");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("back-to-groups"));
    await u.click(await screen.findByTestId("open-steering-group"));
    await screen.findByTestId("steering-table");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("back-to-groups"));
    await u.click(await screen.findByTestId("open-terms"));
    await screen.findByTestId("current-terms");
    const earlier = screen.getByTestId("earlier-terms").querySelector("summary");
    if (earlier) await u.click(earlier);
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("publish-terms"));
    await u.click(screen.getByTestId("submit"));
    await screen.findByTestId("terms-warning");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("confirm"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
  });

  it("activities: log, quick add with errors, full form, activity page, delete confirmation, representation and its forms", async () => {
    vi.mocked(appStatus).mockResolvedValue({ state: "unlocked", session: session() });
    vi.mocked(listOrganisations).mockResolvedValue([orgSummary()]);
    vi.mocked(listActivities).mockResolvedValue([activitySummary()]);
    vi.mocked(getActivity).mockResolvedValue(activity());
    vi.mocked(listBodies).mockResolvedValue(BODIES);
    vi.mocked(listSeats).mockResolvedValue(SEATS);
    vi.mocked(listBodyMeetings).mockResolvedValue(MEETINGS);
    vi.mocked(bodyAttendance).mockResolvedValue(ATTENDANCE);
    vi.mocked(createActivity).mockRejectedValue(
      appError("validation", "Check", { title: "Enter a title", startsOn: "Enter a real date" }),
    );
    vi.mocked(recordBodyMeeting).mockRejectedValue(
      appError("validation", "Check", {
        bodyId: "Choose the body",
        attendance: "Say whether the forum was there",
      }),
    );
    render(<App />);
    await ready();
    const u = userEvent.setup();
    await u.click(screen.getByTestId("nav-activities"));
    await screen.findByTestId("activities-table");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("quick-add"));
    await u.click(await screen.findByTestId("submit"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("cancel"));
    await u.click(await screen.findByTestId("add-activity"));
    await u.click(await screen.findByTestId("submit"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("cancel"));
    await u.click(await screen.findByTestId("open-activity"));
    await screen.findByTestId("documents-table");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("delete-activity"));
    await screen.findByTestId("confirm-delete");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("cancel"));
    await u.click(await screen.findByTestId("back"));
    await u.click(await screen.findByTestId("open-representation"));
    await screen.findByTestId("attendance-table");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("record-meeting"));
    await u.click(await screen.findByTestId("submit"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("cancel"));
    await u.click(await screen.findByTestId("add-seat"));
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("cancel"));
    await u.click(await screen.findByTestId("add-body"));
    expect(await violations()).toEqual([]);
  });

  it("evidence: indicator review with evidence and errors, grant years and their forms, the evidence report", async () => {
    vi.mocked(appStatus).mockResolvedValue({ state: "unlocked", session: session() });
    const reviewed = {
      ...REVIEW,
      activities: [{ id: "act-1", title: "SEND Partnership Board" }],
      documents: [{ id: "d-1", title: "minutes.pdf" }],
    };
    vi.mocked(indicatorReviews).mockResolvedValue([reviewed]);
    vi.mocked(listActivities).mockResolvedValue([activitySummary()]);
    vi.mocked(getActivity).mockResolvedValue(activity());
    vi.mocked(reviewIndicator).mockRejectedValue(
      appError("validation", "Check", { status: "Select whether the indicator was met" }),
    );
    vi.mocked(listGrants).mockResolvedValue([grant()]);
    vi.mocked(createGrant).mockRejectedValue(
      appError("validation", "Check", {
        year: "Enter the year",
        tranches: "The tranches add up to £8,000.00, not the grant's £17,500.00",
      }),
    );
    vi.mocked(addBudgetLine).mockRejectedValue(
      appError("validation", "Check", { name: "Enter the budget line's name" }),
    );
    vi.mocked(evidencePack).mockResolvedValue(PACK);
    render(<App />);
    await ready();
    const u = userEvent.setup();
    await u.click(screen.getByTestId("nav-evidence"));
    await screen.findByTestId("computed-board_representation");
    await screen.findByRole("group", { name: "Documents that evidence it" });
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("save-board_representation"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("tab-grants"));
    await screen.findByTestId("budget-2026\u201327");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("add-line-2026\u201327"));
    await screen.findByText("Enter the budget line's name", { selector: "a" });
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("create-grant"));
    await screen.findByText("Enter the year", { selector: "a" });
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("tab-report"));
    await u.click(await screen.findByTestId("report-grant-2026\u201327"));
    await screen.findByTestId("evidence-report");
    expect(await violations()).toEqual([]);
  });
  it("subject access requests: log, new request with errors, a request and its steps, the home notice", async () => {
    vi.mocked(gdprBackend.listDataRequests).mockResolvedValue([OVERDUE, DUE_SOON, dataRequest()]);
    vi.mocked(gdprBackend.dataRequestsDue).mockResolvedValue([OVERDUE, DUE_SOON]);
    vi.mocked(gdprBackend.recordDataRequest).mockRejectedValue(
      appError("validation", "Check", { kind: "Choose one", personId: "Select the person" }),
    );
    const { unmount } = render(<RequestsDueNotice session={session()} />);
    await screen.findByTestId("requests-due-notice");
    expect(await violations()).toEqual([]);
    unmount();
    render(<Requests session={session()} />);
    await screen.findByTestId("requests-table");
    expect(await violations()).toEqual([]);
    const u = userEvent.setup();
    await u.click(screen.getByTestId("log-request"));
    await u.click(screen.getByTestId("submit"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("cancel"));
    await u.click(await screen.findByRole("button", { name: "View the request from Priya Shah" }));
    expect(await violations()).toEqual([]);
    await u.click(screen.getByRole("button", { name: "Extend the deadline" }));
    expect(await violations()).toEqual([]);
  });

  it("retention: home notice, queue, erase confirmation, keep with errors; erasing a member", async () => {
    vi.mocked(gdprBackend.retentionQueueCount).mockResolvedValue(2);
    vi.mocked(gdprBackend.retentionQueue).mockResolvedValue([LEFT, APPLICANT, AUDIT]);
    vi.mocked(gdprBackend.keepRetention).mockRejectedValue(
      appError("validation", "Check", { reason: "Enter why the forum is keeping this" }),
    );
    vi.mocked(gdprBackend.erasePerson).mockRejectedValue(
      appError("validation", "Check", { requestId: "There is no request with that reference" }),
    );
    const notice = render(<RetentionNotice session={session()} />);
    await screen.findByTestId("retention-notice");
    expect(await violations()).toEqual([]);
    notice.unmount();
    const queue = render(<Retention session={session()} />);
    await screen.findByTestId("retention-table");
    expect(await violations()).toEqual([]);
    const u = userEvent.setup();
    await u.click(screen.getByTestId("select-all"));
    await u.click(screen.getByTestId("erase-selected"));
    expect(await violations()).toEqual([]);
    await u.click(screen.getByRole("button", { name: "Cancel" }));
    await u.click(screen.getByTestId("keep-selected"));
    await u.click(screen.getByTestId("keep-submit"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
    queue.unmount();
    const erase = render(<EraseMember session={session()} personId="p-1" onDone={() => {}} />);
    expect(await violations()).toEqual([]);
    await u.type(screen.getByLabelText("Type ERASE to confirm"), "ERASE");
    await u.click(screen.getByTestId("erase-submit"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
    erase.unmount();
    vi.mocked(gdprBackend.retentionSettings).mockResolvedValue({
      leftMonths: 24,
      applicantMonths: 6,
      childAge: 25,
      auditMonths: 72,
    });
    render(<RetentionSchedule session={session()} />);
    const left = await screen.findByLabelText("Review members who lapsed or left after");
    expect(await violations()).toEqual([]);
    await u.clear(left);
    await u.click(screen.getByTestId("schedule-submit"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
  });

  it("audit log: filters, table, errors, verify result; breach countdown on the home screen", async () => {
    vi.mocked(gdprBackend.breachDeadlines).mockResolvedValue([
      {
        id: "b-1",
        discoveredAt: new Date(Date.now() - 10 * 3_600_000).toISOString(),
        deadline: new Date(Date.now() + 62 * 3_600_000).toISOString(),
        minutesLeft: 62 * 60,
        overdue: false,
        inWords: "2 days 14 hours left",
        summary: "Newsletter sent with every address visible",
      },
    ]);
    const notice = render(<BreachNotice session={session()} />);
    await screen.findByTestId("breach-notice");
    expect(await violations()).toEqual([]);
    notice.unmount();
    vi.mocked(gdprBackend.auditUsers).mockResolvedValue([
      { id: "u-1", username: "jo.bloggs", displayName: "Jo Bloggs" },
    ]);
    vi.mocked(gdprBackend.auditActions).mockResolvedValue([
      { action: "member.viewed", words: "Opened a member's record" },
    ]);
    vi.mocked(gdprBackend.listAudit).mockResolvedValue({
      entries: [
        {
          seq: 2,
          at: "2026-11-22T10:00:00Z",
          userId: "u-1",
          userName: "Jo Bloggs",
          username: "jo.bloggs",
          action: "member.viewed",
          actionWords: "Opened a member's record",
          entity: "person",
          entityId: "p-1",
          changes: {},
        },
      ],
      nextBefore: 2,
    });
    vi.mocked(gdprBackend.verifyAudit).mockResolvedValue({
      entries: 2,
      intact: true,
      problem: null,
    });
    render(<AuditLog session={session()} />);
    await screen.findByTestId("audit-table");
    expect(await violations()).toEqual([]);
    const u = userEvent.setup();
    await u.click(screen.getByRole("button", { name: "Check the audit trail" }));
    await screen.findByText(/The audit trail is intact/);
    vi.mocked(gdprBackend.listAudit).mockRejectedValue(
      appError("validation", "Enter a real date", { from: "Enter a real date" }),
    );
    await u.click(screen.getByRole("button", { name: "Show entries" }));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
  });

  it("record of processing and privacy notice", async () => {
    vi.mocked(gdprBackend.processingDocuments).mockResolvedValue({
      recordMarkdown:
        "# Record of processing activities — Riverside\n\n## Purposes\n\nCaption:\n\n| Purpose | Basis |\n| --- | --- |\n| E-mail news | Consent |\n\n## Security\n\n- Encrypted\n",
      recordHtml: "",
      noticeMarkdown:
        "# How Riverside uses your information\n\n## Your rights\n\n- Ask for a copy\n",
      noticeHtml: "",
      recordFileStem: "record",
      noticeFileStem: "notice",
    });
    render(<ProcessingRecord session={session()} />);
    await screen.findByTestId("processing-document");
    expect(await violations()).toEqual([]);
    await userEvent.setup().click(screen.getByRole("tab", { name: "Privacy notice" }));
    expect(await violations()).toEqual([]);
  });

  it("breach register: list, record form with errors", async () => {
    vi.mocked(gdprBackend.listBreaches).mockResolvedValue([]);
    vi.mocked(gdprBackend.recordBreach).mockRejectedValue(
      appError("validation", "There are 2 problems", {
        happenedOn: "Enter the date the breach happened",
        riskLevel: "Select the risk to the people affected",
      }),
    );
    render(<Breaches session={session()} />);
    const u = userEvent.setup();
    await u.click(await screen.findByTestId("record-breach"));
    expect(await violations()).toEqual([]);
    await u.click(screen.getByLabelText("No"));
    await u.click(screen.getByTestId("submit"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
  });

  it("where to aim the next drive: the reach gap, population figures, their forms and import problems", async () => {
    vi.mocked(reachBackend.reachGap).mockResolvedValue(reachGapFixture());
    vi.mocked(reachBackend.populationFigures).mockResolvedValue(population());
    vi.mocked(listAreas).mockResolvedValue(AREAS);
    vi.mocked(reachBackend.savePopulationCell).mockRejectedValue(
      appError("validation", "There are 2 problems", {
        areaId: "Select the area",
        children: "Enter the number of children and young people",
      }),
    );
    vi.mocked(reachBackend.importPopulation).mockResolvedValue(
      populationImportReport({
        applied: false,
        cells: 0,
        problems: [{ row: 2, column: "area", message: "Leyland is not one of the forum's areas" }],
      }),
    );
    render(<ReachGap session={session()} />);
    await screen.findByTestId("reach-gap-cells");
    expect(await violations()).toEqual([]);
    const u = userEvent.setup();
    await u.click(screen.getByTestId("open-population"));
    await screen.findByTestId("population-table");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("add-population-cell"));
    await u.click(await screen.findByTestId("submit"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("cancel"));
    await u.click(await screen.findByTestId("import-population"));
    await u.upload(
      screen.getByLabelText("File of population figures"),
      new File(["area\n"], "figures.csv"),
    );
    await u.click(screen.getByTestId("submit"));
    await screen.findByTestId("population-problems");
    expect(await violations()).toEqual([]);
    render(<PopulationFigures session={session({ role: "officer" })} onBack={() => {}} />);
    await screen.findByTestId("population-table");
    expect(await violations()).toEqual([]);
  }, 20_000);

  it("transfer packs: export and import forms with errors, the import report", async () => {
    vi.mocked(reachBackend.listDrives).mockResolvedValue([packDrive()]);
    vi.mocked(reachBackend.importTransferPack).mockResolvedValueOnce(packImportReport());
    vi.mocked(reachBackend.importTransferPack).mockRejectedValueOnce(
      appError("validation", "The passphrase is wrong", { passphrase: "The passphrase is wrong" }),
    );
    render(<TransferPacks session={session()} />);
    await screen.findByRole("option", { name: /Local offer event/ });
    expect(await violations()).toEqual([]);
    const u = userEvent.setup();
    await u.type(screen.getByLabelText("Passphrase"), "one two three four");
    await u.click(screen.getByTestId("export-pack"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
    const importPack = async () => {
      await u.upload(screen.getByLabelText("Transfer pack"), new File(["x"], "p.fdpack"));
      await u.type(screen.getByLabelText("The pack's passphrase"), "one two three four");
      await u.click(screen.getByTestId("import-pack"));
    };
    await importPack();
    await screen.findByTestId("pack-import-report");
    expect(await violations()).toEqual([]);
    await importPack();
    await waitFor(() =>
      expect(screen.getByLabelText("The pack's passphrase")).toHaveAttribute(
        "aria-invalid",
        "true",
      ),
    );
    expect(await violations()).toEqual([]);
  }, 20_000);

  it("recruitment drives: home notice, list, form with errors, drive page and results, review queue and its confirmations", async () => {
    const backend = vi.mocked(drivesBackend);
    backend.appStatus.mockResolvedValue({ state: "unlocked", session: session() });
    backend.listAreas.mockResolvedValue(AREAS);
    backend.listDrives.mockResolvedValue([driveSummary()]);
    backend.driveVolunteerChoices.mockResolvedValue([{ userId: "u-1", displayName: "Jo Bloggs" }]);
    backend.getDrive.mockResolvedValue(drive());
    backend.driveResults.mockResolvedValue(driveResultsFixture());
    backend.pendingSignUps.mockResolvedValue([
      pendingSignUp(),
      pendingSignUp({
        signupId: "s-2",
        firstName: "Bea",
        phone: "07700 900999",
        duplicates: [
          {
            personId: "p-1",
            firstName: "Beatrice",
            lastName: "Rivers",
            preferredName: null,
            email: "alex@example.org",
            phone: null,
            postcode: null,
            reason: "same e-mail and a similar name",
          },
        ],
      }),
    ]);
    backend.createDrive.mockRejectedValue(
      appError("validation", "Check", {
        name: "Enter the name of the drive",
        targetNeeds: "Select needs from the list",
        cost: "Enter the cost in pounds and pence, like 120.50",
      }),
    );
    render(<App />);
    await ready();
    await screen.findByTestId("review-notice");
    expect(await violations()).toEqual([]);
    const u = userEvent.setup();
    await u.click(screen.getByTestId("nav-drives"));
    await screen.findByTestId("drives-table");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("add-drive"));
    await screen.findByLabelText("Chorley");
    await u.click(screen.getByTestId("submit"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("cancel"));
    await u.click(await screen.findByTestId("open-drive"));
    await screen.findByTestId("drive-results");
    await screen.findByTestId("kiosk-panel");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("back"));
    await u.click(await screen.findByTestId("tab-review"));
    await screen.findAllByTestId("signup");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("merge"));
    await screen.findByTestId("merge-confirm");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("cancel"));
    await u.click((await screen.findAllByTestId("discard"))[0] as HTMLElement);
    await screen.findByTestId("discard-warning");
    expect(await violations()).toEqual([]);
  }, 20_000);

  it("the kiosk: the form, its errors, children's needs after consent, the thank-you, the leave prompt and its error", async () => {
    const backend = vi.mocked(drivesBackend);
    backend.appStatus.mockResolvedValue({ state: "unlocked", session: kioskSession() });
    backend.kioskForm.mockResolvedValue(KIOSK_FORM);
    backend.submitKioskSignUp
      .mockRejectedValueOnce(
        appError("validation", "Check", {
          firstName: "Enter your first name",
          email: "Enter an e-mail address or a phone number, so the forum can contact you",
          postcode: "Enter your postcode",
          consents: "The wording has changed",
          "children.0.ageBand": "Choose an age band for child 1",
          "children.0.provision": "Choose the support child 1 gets, or “Not sure”",
        }),
      )
      .mockResolvedValueOnce(undefined);
    backend.leaveKiosk.mockRejectedValue(
      appError("validation", "Check", { password: "That password is not right." }),
    );
    render(<App />);
    await ready();
    await screen.findByTestId("kiosk-form");
    expect(await violations()).toEqual([]);
    const u = userEvent.setup();
    await u.click(screen.getByLabelText("Children's needs"));
    await screen.findByTestId("children");
    await u.click(screen.getByTestId("add-child"));
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("submit"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("submit"));
    await screen.findByTestId("kiosk-thanks");
    expect(await violations()).toEqual([]);
    await u.click(screen.getByTestId("leave-kiosk"));
    await u.type(screen.getByLabelText("Password"), "wrong");
    await u.click(screen.getByTestId("leave-submit"));
    await screen.findByTestId("error-summary");
    expect(await violations()).toEqual([]);
  }, 20_000);
});
