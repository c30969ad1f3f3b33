import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { importMembers } from "../backend";
import type { ImportReport } from "../bindings/ImportReport";
import { appError, HOSTILE, renderScreen } from "../test/fixtures";
import { ImportMembers } from "./ImportMembers";

vi.mock("../backend");

function report(overrides: Partial<ImportReport> = {}): ImportReport {
  return {
    rows: 3,
    created: 1,
    updated: 0,
    duplicates: 1,
    rejected: 1,
    problems: [{ row: 3, column: "Email", message: "This is not an e-mail address" }],
    mapping: ["first_name", "last_name", "email"],
    headers: ["First name", "Surname", "Email"],
    applied: false,
    ...overrides,
  };
}

async function violations() {
  const results = await axe.run(document.body, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    rules: { "color-contrast": { enabled: false } },
  });
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(", ")}`);
}

const FILE = new File(["First name,Surname,Email\n"], "members.csv", { type: "text/csv" });

async function toPreview() {
  const user = userEvent.setup();
  const onBack = vi.fn();
  const view = renderScreen(<ImportMembers onBack={onBack} />);
  await user.upload(screen.getByLabelText("Spreadsheet to import"), FILE);
  await user.click(screen.getByTestId("submit"));
  await screen.findByTestId("import-mapping");
  return { user, onBack, view };
}

beforeEach(() => {
  // axe probes canvas support; jsdom has none and would log noise.
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
  vi.mocked(importMembers).mockReset();
  vi.mocked(importMembers).mockResolvedValue(report());
});

describe("ImportMembers", () => {
  it("starts with a file input for CSV or Excel and says nothing changes yet", async () => {
    renderScreen(<ImportMembers onBack={vi.fn()} />);
    const input = screen.getByLabelText("Spreadsheet to import");
    expect(input).toHaveAttribute("type", "file");
    expect(input).toHaveAttribute("accept", ".csv,.xlsx");
    expect(input).toHaveAccessibleDescription(/CSV file or an Excel workbook.*Nothing changes/);
    expect(await violations()).toEqual([]);
  });

  it("asks for a file before going on", async () => {
    renderScreen(<ImportMembers onBack={vi.fn()} />);
    await userEvent.setup().click(screen.getByTestId("submit"));
    expect(screen.getByTestId("error-summary")).toHaveTextContent(
      "Select a CSV or Excel file to import",
    );
    expect(importMembers).not.toHaveBeenCalled();
  });

  it("previews with a dry run: the mapping, the counts and every problem", async () => {
    await toPreview();
    expect(importMembers).toHaveBeenCalledWith(FILE, {
      mapping: null,
      dryRun: true,
      allOrNothing: false,
      duplicates: "skip",
    });
    expect(screen.getByRole("heading", { level: 1, name: "Check the import" })).toBeInTheDocument();
    expect(screen.getByLabelText("Member detail for the column Surname")).toHaveValue("last_name");
    const problems = screen.getByTestId("import-problems");
    const cells = within(problems).getAllByRole("row")[1]?.querySelectorAll("td");
    expect([...(cells ?? [])].map((c) => c.textContent)).toEqual([
      "3",
      "Email",
      "This is not an e-mail address",
    ]);
    expect(screen.getByText("Rows with problems, not imported").nextSibling).toHaveTextContent("1");
    expect(await violations()).toEqual([]);
  });

  it("re-runs the preview with the user's own mapping", async () => {
    const { user } = await toPreview();
    await user.selectOptions(screen.getByLabelText("Member detail for the column Email"), "");
    vi.mocked(importMembers).mockResolvedValue(
      report({ mapping: ["first_name", "last_name", null], problems: [], rejected: 0 }),
    );
    await user.click(screen.getByTestId("re-preview"));
    expect(importMembers).toHaveBeenLastCalledWith(FILE, {
      mapping: ["first_name", "last_name", null],
      dryRun: true,
      allOrNothing: false,
      duplicates: "skip",
    });
    expect(await screen.findByText("No problems were found.")).toBeInTheDocument();
    expect(screen.getByLabelText("Member detail for the column Email")).toHaveValue("");
  });

  it("imports with the chosen policies and shows a summary with the problems", async () => {
    const { user } = await toPreview();
    await user.click(screen.getByLabelText(/Fill in the existing member's blank details/));
    await user.click(screen.getByLabelText("Import nothing unless every row is good"));
    let finish: (r: ImportReport) => void = () => {};
    vi.mocked(importMembers).mockReturnValue(
      new Promise((resolve) => {
        finish = resolve;
      }),
    );
    await user.click(screen.getByTestId("import"));
    const busy = await screen.findByLabelText("Importing…");
    expect(busy.tagName).toBe("PROGRESS");
    expect(busy).not.toHaveAttribute("value");
    expect(importMembers).toHaveBeenLastCalledWith(FILE, {
      mapping: ["first_name", "last_name", "email"],
      dryRun: false,
      allOrNothing: true,
      duplicates: "merge",
    });
    finish(report({ applied: true, created: 1, duplicates: 1, rejected: 1 }));
    const summary = await screen.findByTestId("import-summary");
    expect(summary).toHaveAttribute("role", "status");
    expect(summary).toHaveTextContent("1 new member added");
    expect(summary).toHaveTextContent("1 row not imported because of problems");
    expect(screen.getByTestId("import-problems")).toHaveTextContent("3");
    expect(screen.queryByLabelText("Importing…")).not.toBeInTheDocument();
  });

  it("says nothing was imported when all-or-nothing met a bad row", async () => {
    const { user } = await toPreview();
    await user.click(screen.getByTestId("import"));
    expect(await screen.findByTestId("import-summary")).toHaveTextContent(
      "Nothing was imported: 1 row has problems",
    );
  });

  it("shows hostile text from the file as text", async () => {
    vi.mocked(importMembers).mockResolvedValue(
      report({
        headers: [HOSTILE, "Surname", "Email"],
        problems: [{ row: 2, column: HOSTILE, message: `Not a date: ${HOSTILE}` }],
      }),
    );
    const { view } = await toPreview();
    expect(view.container.querySelector("img")).toBeNull();
    expect(screen.getByTestId("import-mapping")).toHaveTextContent(HOSTILE);
    expect(screen.getByTestId("import-problems")).toHaveTextContent(`Not a date: ${HOSTILE}`);
  });

  it("shows an error from the core in the error summary", async () => {
    vi.mocked(importMembers).mockRejectedValue(
      appError("validation", "This file is not a CSV or Excel file."),
    );
    renderScreen(<ImportMembers onBack={vi.fn()} />);
    const user = userEvent.setup();
    await user.upload(screen.getByLabelText("Spreadsheet to import"), FILE);
    await user.click(screen.getByTestId("submit"));
    expect(await screen.findByTestId("error-summary")).toHaveTextContent(
      "This file is not a CSV or Excel file.",
    );
  });
});
