import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { chooseExportPath, consentPurposes, exportMembers } from "../backend";
import { appError, HOSTILE, renderScreen, session } from "../test/fixtures";
import { PURPOSES } from "../test/members";
import { ExportMembers } from "./ExportMembers";

vi.mock("../backend");

beforeEach(() => {
  vi.mocked(consentPurposes).mockResolvedValue(PURPOSES);
  vi.mocked(chooseExportPath).mockReset();
  vi.mocked(exportMembers).mockReset();
});

async function fill(role: "admin" | "officer" = "admin") {
  renderScreen(<ExportMembers session={session({ role })} onBack={vi.fn()} />);
  const user = userEvent.setup();
  await screen.findByRole("option", { name: "News and invitations by e-mail" });
  await user.selectOptions(screen.getByLabelText("What is the list for?"), "email_news");
  await user.click(screen.getByLabelText("CSV"));
  return user;
}

describe("ExportMembers", () => {
  it("offers the forum's purposes, never the special category itself", async () => {
    renderScreen(<ExportMembers session={session()} onBack={vi.fn()} />);
    await screen.findByRole("option", { name: "News and invitations by e-mail" });
    expect(screen.getByRole("option", { name: "Membership administration" })).toBeInTheDocument();
    expect(
      screen.queryByRole("option", { name: "Children's needs and equality information" }),
    ).toBeNull();
  });

  it("asks for a purpose and a format first", async () => {
    renderScreen(<ExportMembers session={session()} onBack={vi.fn()} />);
    await userEvent.setup().click(screen.getByTestId("submit"));
    const summary = screen.getByTestId("error-summary");
    expect(summary).toHaveTextContent("Select what the list is for");
    expect(summary).toHaveTextContent("Select CSV or Excel");
    expect(chooseExportPath).not.toHaveBeenCalled();
  });

  it("saves where the dialog says and summarises what was written", async () => {
    vi.mocked(chooseExportPath).mockResolvedValue("/home/sam/news.csv");
    vi.mocked(exportMembers).mockResolvedValue({
      fileName: "news.csv",
      rows: 12,
      missingContact: 1,
    });
    const user = await fill();
    await user.click(screen.getByTestId("submit"));
    expect(chooseExportPath).toHaveBeenCalledWith("mailing-list-email_news.csv", false);
    expect(exportMembers).toHaveBeenCalledWith(
      { purpose: "email_news", format: "csv", includeSpecial: false },
      "/home/sam/news.csv",
    );
    expect(await screen.findByTestId("export-summary")).toHaveTextContent(
      "12 people written to news.csv; 1 person agreed but has no e-mail address.",
    );
  });

  it("does nothing when the dialog is cancelled", async () => {
    vi.mocked(chooseExportPath).mockResolvedValue(null);
    const user = await fill();
    await user.click(screen.getByTestId("submit"));
    expect(exportMembers).not.toHaveBeenCalled();
    expect(screen.queryByTestId("export-summary")).toBeNull();
  });

  it("lets admins include special category information, with a warning", async () => {
    vi.mocked(chooseExportPath).mockResolvedValue("/x.xlsx");
    vi.mocked(exportMembers).mockResolvedValue({ fileName: "x.xlsx", rows: 1, missingContact: 0 });
    const user = await fill();
    const box = screen.getByLabelText("Include children's needs and equality information");
    expect(box).toHaveAccessibleDescription(/Warning: this is special category information/);
    await user.click(box);
    await user.click(screen.getByLabelText("Excel workbook (.xlsx)"));
    await user.click(screen.getByTestId("submit"));
    expect(exportMembers).toHaveBeenCalledWith(
      { purpose: "email_news", format: "xlsx", includeSpecial: true },
      "/x.xlsx",
    );
  });

  it("does not offer officers the special category checkbox", async () => {
    await fill("officer");
    expect(screen.queryByLabelText("Include children's needs and equality information")).toBeNull();
  });

  it("shows the core's refusal in the error summary, as text", async () => {
    vi.mocked(chooseExportPath).mockResolvedValue("/x.csv");
    vi.mocked(exportMembers).mockRejectedValue(appError("forbidden", HOSTILE));
    const user = await fill();
    await user.click(screen.getByTestId("submit"));
    expect(await screen.findByTestId("error-summary")).toHaveTextContent(HOSTILE);
    expect(document.querySelector("img")).toBeNull();
  });
});
