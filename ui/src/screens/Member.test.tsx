import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  consentHistory,
  consentPurposes,
  getMember,
  memberDuplicates,
  membershipHistory,
  recordConsent,
  removeChild,
  saveChild,
} from "../backend";
import type { MemberRecord } from "../bindings/MemberRecord";
import { appError, HOSTILE, renderScreen, session } from "../test/fixtures";
import { child, consentState, FORMULA, memberRecord, PURPOSES } from "../test/members";
import { Member } from "./Member";

vi.mock("../backend");

beforeEach(() => {
  vi.mocked(memberDuplicates).mockResolvedValue([]);
  vi.mocked(consentPurposes).mockResolvedValue(PURPOSES);
  vi.mocked(consentHistory).mockResolvedValue([]);
  vi.mocked(membershipHistory).mockResolvedValue([]);
});

const WITH_CONSENT = [
  consentState("membership_admin", null),
  consentState("email_news", null),
  consentState("special_category", true),
];

async function renderMember(
  record: MemberRecord,
  role: "admin" | "officer" | "volunteer" = "admin",
) {
  vi.mocked(getMember).mockResolvedValue(record);
  renderScreen(
    <Member
      session={session({ role })}
      personId={record.id}
      initialRecord={null}
      onBack={vi.fn()}
    />,
  );
  await screen.findByRole("tablist");
  return userEvent.setup();
}

function tabNames() {
  return screen.getAllByRole("tab").map((tab) => tab.textContent);
}

describe("Member page", () => {
  it("reads the record once and shows it in tabs", async () => {
    await renderMember(memberRecord());
    expect(getMember).toHaveBeenCalledExactlyOnceWith("p-1");
    expect(screen.getByRole("heading", { level: 1, name: "Zoë Nowak" })).toBeInTheDocument();
    expect(screen.getByRole("tablist", { name: "Member's record" })).toBeInTheDocument();
    expect(tabNames()).toEqual(["Details", "Membership", "Consent", "Children's needs"]);
    const details = screen.getByRole("tab", { name: "Details" });
    expect(details).toHaveAttribute("aria-selected", "true");
    expect(screen.getByRole("tabpanel", { name: "Details" })).toHaveTextContent("PR1 2HE");
    expect(screen.getByRole("tabpanel")).toHaveTextContent("Preston (from the postcode)");
    // The number as the core shows it, never the stored E.164.
    expect(screen.getByRole("tabpanel")).toHaveTextContent("Phone07700 900123");
    expect(screen.getByRole("tabpanel")).not.toHaveTextContent("+447700900123");
    await waitFor(() => expect(document.title).toBe("Details: Zoë Nowak – ForumDesk"));
  });

  it("moves between tabs with the arrow keys, one tab stop for the list", async () => {
    const user = await renderMember(memberRecord());
    const tabs = screen.getAllByRole("tab");
    expect(tabs.map((t) => t.getAttribute("tabindex"))).toEqual(["0", "-1", "-1", "-1"]);
    tabs[0]?.focus();
    await user.keyboard("{ArrowRight}");
    expect(screen.getByRole("tab", { name: "Membership" })).toHaveFocus();
    expect(screen.getByRole("tabpanel", { name: "Membership" })).toHaveTextContent(
      "Renewal due22 November 2027",
    );
    await user.keyboard("{ArrowLeft}{ArrowLeft}");
    expect(screen.getByRole("tab", { name: "Children's needs" })).toHaveFocus();
    await user.keyboard("{Home}");
    expect(screen.getByRole("tab", { name: "Details" })).toHaveAttribute("aria-selected", "true");
  });

  it("never shows volunteers the children's needs tab", async () => {
    await renderMember(memberRecord({ special: null }), "volunteer");
    expect(tabNames()).toEqual(["Details", "Membership", "Consent"]);
    expect(screen.queryByText(/Children's needs/, { selector: "button" })).not.toBeInTheDocument();
  });

  it("renders hostile names as text", async () => {
    await renderMember(memberRecord({ firstName: HOSTILE, lastName: FORMULA, notes: HOSTILE }));
    expect(
      screen.getByRole("heading", { level: 1, name: `${HOSTILE} ${FORMULA}` }),
    ).toBeInTheDocument();
    expect(screen.getByRole("tabpanel")).toHaveTextContent(HOSTILE);
    expect(document.querySelector("img")).toBeNull();
  });
});

describe("Consent tab", () => {
  it("shows each purpose's statement and asks how they told you before recording", async () => {
    const user = await renderMember(memberRecord());
    await user.click(screen.getByRole("tab", { name: "Consent" }));
    await waitFor(() => expect(consentHistory).toHaveBeenCalledWith("p-1"));
    const email = screen.getByTestId("consent-email_news");
    expect(email).toHaveTextContent("I would like to receive the forum's news by e-mail.");
    expect(email).toHaveTextContent("Not asked, or not known");
    expect(screen.getByTestId("consent-membership_admin")).toHaveTextContent(
      "does not need their consent",
    );
    expect(within(screen.getByTestId("consent-membership_admin")).queryByRole("button")).toBeNull();

    await user.click(
      screen.getByRole("button", {
        name: "Record consent given for News and invitations by e-mail",
      }),
    );
    expect(recordConsent).not.toHaveBeenCalled();
    expect(screen.getByTestId("error-summary")).toHaveFocus();
    expect(screen.getByRole("link", { name: /Select how they told you/ })).toHaveAttribute(
      "href",
      "#consentMethod",
    );

    const given = memberRecord({
      consents: [
        consentState("membership_admin", null),
        consentState("email_news", true),
        consentState("special_category", null),
      ],
    });
    vi.mocked(recordConsent).mockResolvedValue(given);
    await user.selectOptions(screen.getByLabelText("How did they tell you?"), "paper");
    await user.click(screen.getByTestId("give-email_news"));
    expect(recordConsent).toHaveBeenCalledWith("p-1", {
      purposeId: "email_news",
      given: true,
      method: "paper",
      confirmDeletion: false,
    });
    expect(await screen.findByTestId("consent-state-email_news")).toHaveTextContent(
      "Given on 22 November 2026 at 10:30, on a paper form.",
    );
    expect(screen.getByRole("status")).toHaveTextContent(
      "Consent given: News and invitations by e-mail.",
    );
    expect(consentHistory).toHaveBeenCalledTimes(2);
  });

  it("shows the history in a table", async () => {
    vi.mocked(consentHistory).mockResolvedValue([
      {
        id: "e-1",
        purposeId: "email_news",
        purposeName: "News and invitations by e-mail",
        given: true,
        statementVersion: 1,
        method: "verbal",
        capturedBy: HOSTILE,
        at: "2026-11-22T10:30:00Z",
      },
    ]);
    const user = await renderMember(memberRecord());
    await user.click(screen.getByRole("tab", { name: "Consent" }));
    const table = await screen.findByTestId("consent-history");
    expect(
      within(table)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual([
      "22 November 2026 at 10:30",
      "News and invitations by e-mail",
      "Gave consent",
      "They told us, in person or by phone",
      "1",
      HOSTILE,
    ]);
  });

  it("asks for confirmation before withdrawing special-category consent that deletes children", async () => {
    const record = memberRecord({
      consents: WITH_CONSENT,
      special: { children: [child()], ethnicity: null, firstLanguage: null },
    });
    const user = await renderMember(record);
    await user.click(screen.getByRole("tab", { name: "Consent" }));
    await user.selectOptions(screen.getByLabelText("How did they tell you?"), "verbal");
    await user.click(screen.getByTestId("withdraw-special_category"));
    expect(recordConsent).not.toHaveBeenCalled();
    expect(
      screen.getByRole("heading", { level: 1, name: /Are you sure you want to withdraw/ }),
    ).toBeInTheDocument();
    expect(screen.getByTestId("withdraw-warning")).toHaveTextContent(
      "ForumDesk will delete the details of their child's needs and their equality information",
    );

    const after = memberRecord({
      consents: [
        consentState("membership_admin", null),
        consentState("email_news", null),
        consentState("special_category", false),
      ],
    });
    vi.mocked(recordConsent).mockResolvedValue(after);
    await user.click(screen.getByRole("button", { name: /Yes, withdraw consent/ }));
    expect(recordConsent).toHaveBeenCalledWith("p-1", {
      purposeId: "special_category",
      given: false,
      method: "verbal",
      confirmDeletion: true,
    });
    expect(await screen.findByRole("tab", { name: "Consent" })).toHaveAttribute(
      "aria-selected",
      "true",
    );
    expect(screen.getByRole("status")).toHaveTextContent("Their details have been deleted");
  });

  it("going back from the confirmation withdraws nothing", async () => {
    const record = memberRecord({
      consents: WITH_CONSENT,
      special: { children: [child(), child({ id: "c-2" })], ethnicity: null, firstLanguage: null },
    });
    const user = await renderMember(record);
    await user.click(screen.getByRole("tab", { name: "Consent" }));
    await user.selectOptions(screen.getByLabelText("How did they tell you?"), "paper");
    await user.click(screen.getByTestId("withdraw-special_category"));
    expect(screen.getByTestId("withdraw-warning")).toHaveTextContent(
      "all 2 of their children's needs",
    );
    await user.click(screen.getByRole("button", { name: "No, go back" }));
    expect(recordConsent).not.toHaveBeenCalled();
    expect(screen.getByRole("tab", { name: "Consent" })).toHaveAttribute("aria-selected", "true");
  });

  it("tells a volunteer what the core would delete, and asks them to confirm", async () => {
    vi.mocked(recordConsent).mockRejectedValueOnce(
      appError(
        "conflict",
        "Withdrawing this consent deletes the information held about 1 of their children's needs.",
      ),
    );
    const user = await renderMember(
      memberRecord({ consents: WITH_CONSENT, special: null }),
      "volunteer",
    );
    await user.click(screen.getByRole("tab", { name: "Consent" }));
    await user.selectOptions(screen.getByLabelText("How did they tell you?"), "paper");
    await user.click(screen.getByTestId("withdraw-special_category"));
    expect(
      await screen.findByText(/deletes the information held about 1 of their children's needs/),
    ).toBeInTheDocument();
    vi.mocked(recordConsent).mockResolvedValue(memberRecord({ special: null }));
    await user.click(screen.getByTestId("submit"));
    expect(recordConsent).toHaveBeenLastCalledWith("p-1", {
      purposeId: "special_category",
      given: false,
      method: "paper",
      confirmDeletion: true,
    });
  });
});

describe("Children's needs tab", () => {
  it("explains, and offers no form, without special-category consent", async () => {
    const user = await renderMember(memberRecord());
    await user.click(screen.getByRole("tab", { name: "Children's needs" }));
    expect(screen.getByTestId("no-special-consent")).toHaveTextContent(/explicit consent/);
    expect(screen.queryByTestId("add-child")).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/Ethnic group/)).not.toBeInTheDocument();
    await user.click(screen.getByTestId("go-to-consent"));
    expect(screen.getByRole("tab", { name: "Consent" })).toHaveAttribute("aria-selected", "true");
  });

  it("lists children with their SEN2 needs in words", async () => {
    const user = await renderMember(
      memberRecord({
        consents: WITH_CONSENT,
        special: { children: [child()], ethnicity: "White British", firstLanguage: "English" },
      }),
    );
    await user.click(screen.getByRole("tab", { name: "Children's needs" }));
    const item = screen.getByTestId("child");
    expect(item).toHaveTextContent("Born in 2016");
    expect(item).toHaveTextContent("Autistic spectrum disorder (ASD)");
    expect(item).toHaveTextContent("Speech, language and communication needs (SLCN)");
    expect(item).toHaveTextContent("Education, health and care plan (EHCP)");
    expect(screen.getByLabelText("Ethnic group (optional)")).toHaveValue("White British");
  });

  it("adds a child, with nothing chosen for them", async () => {
    const user = await renderMember(memberRecord({ consents: WITH_CONSENT }));
    await user.click(screen.getByRole("tab", { name: "Children's needs" }));
    await user.click(screen.getByTestId("add-child"));
    expect(
      screen.getByRole("heading", { level: 1, name: "Add a child's details" }),
    ).toBeInTheDocument();
    for (const box of screen.getAllByRole("checkbox")) expect(box).not.toBeChecked();
    for (const radio of screen.getAllByRole("radio")) expect(radio).not.toBeChecked();
    expect(screen.getByLabelText("Main need (optional)")).toHaveValue("");

    // Support must be chosen (or "Not known") before anything is sent.
    await user.type(screen.getByLabelText("Year of birth"), "20x6");
    await user.click(screen.getByTestId("submit"));
    expect(saveChild).not.toHaveBeenCalled();
    expect(screen.getByRole("link", { name: /as 4 numbers/ })).toHaveAttribute(
      "href",
      "#yearOfBirth",
    );
    expect(screen.getByRole("link", { name: /Select the support/ })).toHaveAttribute(
      "href",
      "#provision-ehcp",
    );

    vi.mocked(saveChild).mockResolvedValue(
      memberRecord({
        consents: WITH_CONSENT,
        special: { children: [child()], ethnicity: null, firstLanguage: null },
      }),
    );
    await user.clear(screen.getByLabelText("Year of birth"));
    await user.type(screen.getByLabelText("Year of birth"), "2016");
    await user.selectOptions(screen.getByLabelText("Main need (optional)"), "ASD");
    await user.click(screen.getByLabelText("Speech, language and communication needs (SLCN)"));
    await user.click(screen.getByLabelText("Education, health and care plan (EHCP)"));
    await user.selectOptions(screen.getByLabelText("Stage of education (optional)"), "primary");
    await user.type(screen.getByLabelText("Local authority (optional)"), "Lancashire");
    await user.click(screen.getByTestId("submit"));
    expect(saveChild).toHaveBeenCalledWith("p-1", null, {
      yearOfBirth: 2016,
      ageBand: null,
      primaryNeed: "ASD",
      secondaryNeeds: ["SLCN"],
      provision: "ehcp",
      schoolPhase: "primary",
      settingType: null,
      localAuthority: "Lancashire",
    });
    expect(await screen.findByTestId("child")).toHaveTextContent("Born in 2016");
  });

  it("shows the core's errors on the child form", async () => {
    vi.mocked(saveChild).mockRejectedValue(
      appError("validation", "Check", {
        yearOfBirth: "Enter the year they were born, or choose an age band",
      }),
    );
    const user = await renderMember(memberRecord({ consents: WITH_CONSENT }));
    await user.click(screen.getByRole("tab", { name: "Children's needs" }));
    await user.click(screen.getByTestId("add-child"));
    await user.click(screen.getByLabelText("Not known"));
    await user.click(screen.getByTestId("submit"));
    expect(await screen.findByTestId("error-summary")).toHaveFocus();
    expect(screen.getByLabelText("Year of birth")).toHaveAccessibleDescription(
      /Error: Enter the year they were born, or choose an age band$/,
    );
  });

  it("removes a child only after confirmation", async () => {
    const user = await renderMember(
      memberRecord({
        consents: WITH_CONSENT,
        special: { children: [child()], ethnicity: null, firstLanguage: null },
      }),
    );
    await user.click(screen.getByRole("tab", { name: "Children's needs" }));
    await user.click(screen.getByRole("button", { name: "Remove child 1's details" }));
    expect(
      screen.getByRole("heading", { name: "Are you sure you want to remove child 1's details?" }),
    ).toBeInTheDocument();
    expect(removeChild).not.toHaveBeenCalled();
    vi.mocked(removeChild).mockResolvedValue(memberRecord({ consents: WITH_CONSENT }));
    await user.click(screen.getByTestId("submit"));
    expect(removeChild).toHaveBeenCalledWith("p-1", "c-1");
    expect(await screen.findByText("No children's details have been added.")).toBeInTheDocument();
  });
});
