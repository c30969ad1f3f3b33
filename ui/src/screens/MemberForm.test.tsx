import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createMember, detailsDuplicates, listAreas, updateMember } from "../backend";
import { appError, HOSTILE, renderScreen } from "../test/fixtures";
import { AREAS, FORMULA, memberRecord } from "../test/members";
import { MemberForm } from "./MemberForm";

vi.mock("../backend");

beforeEach(() => {
  vi.mocked(detailsDuplicates).mockResolvedValue([]);
  vi.mocked(listAreas).mockResolvedValue(AREAS);
});

const BLANK_DETAILS = {
  firstName: "",
  lastName: "",
  preferredName: "",
  email: "",
  phone: "",
  addressLine1: "",
  addressLine2: "",
  town: "",
  postcode: "",
  areaId: null,
  heardAbout: "",
  notes: "",
  memberType: null,
  recruitmentSource: "",
};

function renderCreate() {
  const onSaved = vi.fn();
  renderScreen(<MemberForm mode={{ name: "create" }} onSaved={onSaved} onCancel={vi.fn()} />);
  return onSaved;
}

describe("MemberForm", () => {
  it("labels every field, with ids the tests and error links use, and nothing chosen", async () => {
    renderCreate();
    expect(screen.getByRole("heading", { level: 1, name: "Add a member" })).toBeInTheDocument();
    for (const [label, id] of [
      ["First name", "firstName"],
      ["Last name", "lastName"],
      ["Name they like to be called (optional)", "preferredName"],
      ["E-mail address (optional)", "email"],
      ["Phone number (optional)", "phone"],
      ["Address line 1 (optional)", "addressLine1"],
      ["Address line 2 (optional)", "addressLine2"],
      ["Town or city (optional)", "town"],
      ["Postcode (optional)", "postcode"],
      ["Area", "areaId"],
      ["Date they joined (optional)", "joinedOn"],
      ["Who or what signed them up (optional)", "recruitmentSource"],
      ["How they heard about the forum (optional)", "heardAbout"],
      ["Notes (optional)", "notes"],
    ] as const) {
      expect(screen.getByLabelText(label)).toHaveAttribute("id", id);
    }
    expect(screen.getByLabelText("Parent carer")).toHaveAttribute("id", "memberType-parent_carer");
    expect(screen.getByLabelText("Applicant")).toHaveAttribute("id", "status-applicant");
    for (const radio of screen.getAllByRole("radio")) expect(radio).not.toBeChecked();
    expect(screen.queryAllByRole("checkbox")).toHaveLength(0);
    expect(screen.getByLabelText("Date they joined (optional)")).toHaveAccessibleDescription(
      /27\/03\/2025/,
    );
    expect(await screen.findByRole("option", { name: "Preston" })).toBeInTheDocument();
    expect(screen.getByLabelText("Area")).toHaveValue("");
  });

  it("adds a member with what was typed", async () => {
    const saved = memberRecord();
    vi.mocked(createMember).mockResolvedValue(saved);
    const onSaved = renderCreate();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("First name"), "Zoë");
    await user.type(screen.getByLabelText("Last name"), "Nowak");
    await user.type(screen.getByLabelText("Postcode (optional)"), "pr1 2he");
    await user.click(screen.getByLabelText("Parent carer"));
    await user.click(screen.getByLabelText("Active member"));
    await user.type(screen.getByLabelText("Date they joined (optional)"), "27/03/2025");
    await user.click(screen.getByTestId("submit"));
    expect(createMember).toHaveBeenCalledWith(
      {
        ...BLANK_DETAILS,
        firstName: "Zoë",
        lastName: "Nowak",
        postcode: "pr1 2he",
        memberType: "parent_carer",
      },
      { status: "active", joinedOn: "27/03/2025" },
    );
    expect(onSaved).toHaveBeenCalledWith(saved);
  });

  it("asks for applicant or active before calling the core", async () => {
    renderCreate();
    const user = userEvent.setup();
    await user.click(screen.getByTestId("submit"));
    expect(createMember).not.toHaveBeenCalled();
    expect(screen.getByTestId("error-summary")).toHaveFocus();
    expect(
      screen.getByRole("link", {
        name: "Select whether they are an applicant or an active member",
      }),
    ).toHaveAttribute("href", "#status-applicant");
    expect(document.title).toBe("Error: Add a member – ForumDesk");
  });

  it("shows the core's field errors on the fields and in the summary, in form order", async () => {
    vi.mocked(createMember).mockRejectedValue(
      appError("validation", "There are 3 problems", {
        memberType: "Select whether they are a parent carer or an associate member",
        firstName: "Enter their first name",
        email: "Enter an e-mail address in the right format",
      }),
    );
    renderCreate();
    const user = userEvent.setup();
    await user.click(screen.getByLabelText("Applicant"));
    await user.click(screen.getByTestId("submit"));
    const summary = await screen.findByTestId("error-summary");
    expect(summary).toHaveFocus();
    const links = screen.getAllByRole("link");
    expect(links.map((l) => l.getAttribute("href"))).toEqual([
      "#firstName",
      "#email",
      "#memberType-parent_carer",
    ]);
    expect(screen.getByLabelText("First name")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("First name")).toHaveAccessibleDescription(
      "Error: Enter their first name",
    );
    expect(screen.getByRole("group", { name: "Type of member" })).toHaveAccessibleDescription(
      /Error: Select whether/,
    );
  });

  it("changes an existing member's details, without the joining questions", async () => {
    const record = memberRecord({ firstName: HOSTILE, lastName: FORMULA, areaOverridden: true });
    vi.mocked(updateMember).mockResolvedValue(record);
    const onSaved = vi.fn();
    renderScreen(
      <MemberForm mode={{ name: "edit", record }} onSaved={onSaved} onCancel={vi.fn()} />,
    );
    expect(
      screen.getByRole("heading", { level: 1, name: `Change ${HOSTILE} ${FORMULA}'s details` }),
    ).toBeInTheDocument();
    expect(document.querySelector("img")).toBeNull();
    expect(screen.getByLabelText("First name")).toHaveValue(HOSTILE);
    expect(screen.getByLabelText("Parent carer")).toBeChecked();
    expect(screen.queryByLabelText("Applicant")).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Date they joined (optional)")).not.toBeInTheDocument();
    await screen.findByRole("option", { name: "Preston" });
    expect(screen.getByLabelText("Area")).toHaveValue("a-1");
    // Filled in as the volunteer would type it, not as stored.
    expect(screen.getByLabelText("Phone number (optional)")).toHaveValue("07700 900123");
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText("Phone number (optional)"));
    await user.type(screen.getByLabelText("Phone number (optional)"), "01772 123456");
    await user.click(screen.getByTestId("submit"));
    expect(updateMember).toHaveBeenCalledWith(
      "p-1",
      expect.objectContaining({
        firstName: HOSTILE,
        lastName: FORMULA,
        phone: "01772 123456",
        areaId: "a-1",
        memberType: "parent_carer",
      }),
    );
    expect(onSaved).toHaveBeenCalledWith(record);
  });
});
