import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { importMembers, onImportProgress } from "../backend";
import type { ImportProgress } from "../bindings/ImportProgress";
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
    mappingSource: "automatic",
    savedMapping: null,
    savedMappingProblem: null,
    mappingSaved: false,
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
  vi.mocked(onImportProgress).mockReset();
  vi.mocked(onImportProgress).mockImplementation((listener) => {
    sendProgress = (progress) => act(() => listener(progress));
    return stopListening;
  });
  stopListening.mockReset();
});

let sendProgress: (progress: ImportProgress) => void = () => {};
const stopListening = vi.fn();

/** Makes the next `importMembers` call wait until the returned function is called. */
function holdImport(): (r: ImportReport) => void {
  let finish: (r: ImportReport) => void = () => {};
  vi.mocked(importMembers).mockReturnValueOnce(
    new Promise((resolve) => {
      finish = resolve;
    }),
  );
  return (r) => act(() => finish(r));
}

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
      saveMapping: false,
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
      saveMapping: false,
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
      saveMapping: false,
    });
    finish(report({ applied: true, created: 1, duplicates: 1, rejected: 1 }));
    const summary = await screen.findByTestId("import-summary");
    expect(summary).toHaveAttribute("role", "status");
    expect(summary).toHaveTextContent("1 new member added");
    expect(summary).toHaveTextContent("1 row not imported because of problems");
    expect(screen.getByTestId("import-problems")).toHaveTextContent("3");
    expect(screen.queryByLabelText("Importing…")).not.toBeInTheDocument();
  });

  it("fills the bar with the core's counts and announces only each tenth of the file", async () => {
    const { user } = await toPreview();
    const finish = holdImport();
    await user.click(screen.getByTestId("import"));
    await screen.findByLabelText("Importing…");
    const announcement = screen.getByTestId("import-progress-announcement");
    expect(announcement).toHaveAttribute("role", "status");
    expect(announcement).toBeEmptyDOMElement();

    sendProgress({ rowsDone: 0, rowsTotal: 100_000, dryRun: false });
    expect(screen.getByLabelText("Importing…")).toHaveAttribute("value", "0");
    expect(announcement).toBeEmptyDOMElement();

    sendProgress({ rowsDone: 12_000, rowsTotal: 100_000, dryRun: false });
    const filled = screen.getByLabelText("Importing…");
    expect(filled.tagName).toBe("PROGRESS");
    expect(filled).toHaveAttribute("value", "12000");
    expect(filled).toHaveAttribute("max", "100000");
    expect(filled).toHaveAccessibleDescription("12,000 of 100,000 rows done");
    expect(announcement).toHaveTextContent("12,000 of 100,000 rows done");

    sendProgress({ rowsDone: 15_000, rowsTotal: 100_000, dryRun: false });
    expect(screen.getByTestId("import-progress-count")).toHaveTextContent(
      "15,000 of 100,000 rows done",
    );
    expect(announcement).toHaveTextContent("12,000 of 100,000 rows done");

    sendProgress({ rowsDone: 20_500, rowsTotal: 100_000, dryRun: false });
    expect(announcement).toHaveTextContent("20,500 of 100,000 rows done");
    expect(await violations()).toEqual([]);

    // Every row counted: the bar is full and says the rows are being saved.
    sendProgress({ rowsDone: 100_000, rowsTotal: 100_000, dryRun: false });
    expect(screen.getByLabelText("Importing…")).toHaveAttribute("value", "100000");
    expect(announcement).toHaveTextContent("Read all 100,000 rows: saving…");

    finish(report({ applied: true }));
    expect(await screen.findByTestId("import-summary")).toBeInTheDocument();
    expect(screen.queryByTestId("import-busy")).not.toBeInTheDocument();
  });

  it("counts the rows checked for the preview and ignores the import's counts there", async () => {
    renderScreen(<ImportMembers onBack={vi.fn()} />);
    const user = userEvent.setup();
    await user.upload(screen.getByLabelText("Spreadsheet to import"), FILE);
    const finish = holdImport();
    await user.click(screen.getByTestId("submit"));
    await screen.findByLabelText("Checking the file…");

    sendProgress({ rowsDone: 600, rowsTotal: 1_201, dryRun: false });
    expect(screen.getByLabelText("Checking the file…")).not.toHaveAttribute("value");
    expect(screen.queryByTestId("import-progress-count")).not.toBeInTheDocument();

    sendProgress({ rowsDone: 500, rowsTotal: 1_201, dryRun: true });
    expect(screen.getByLabelText("Checking the file…")).toHaveAttribute("value", "500");
    expect(screen.getByTestId("import-progress-count")).toHaveTextContent(
      "Checked 500 of 1,201 rows",
    );
    sendProgress({ rowsDone: 1_201, rowsTotal: 1_201, dryRun: true });
    expect(screen.getByTestId("import-progress-count")).toHaveTextContent(
      "Checked all 1,201 rows: preparing the report…",
    );
    finish(report());
    await screen.findByTestId("import-mapping");
  });

  it("starts a new check's bar empty, not at the last check's count", async () => {
    const { user } = await toPreview();
    sendProgress({ rowsDone: 3, rowsTotal: 3, dryRun: true });
    holdImport();
    await user.click(screen.getByTestId("re-preview"));
    expect(await screen.findByLabelText("Checking the file…")).not.toHaveAttribute("value");
    expect(screen.getByTestId("import-progress-announcement")).toBeEmptyDOMElement();
  });

  it("stops listening for progress when the screen closes", async () => {
    const { view } = await toPreview();
    expect(onImportProgress).toHaveBeenCalledTimes(1);
    view.unmount();
    expect(stopListening).toHaveBeenCalledTimes(1);
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

  it("says when the column choices saved for these headings were used, by whom and when", async () => {
    vi.mocked(importMembers).mockResolvedValue(
      report({
        mappingSource: "saved",
        savedMapping: { savedAt: "2026-03-03T14:05:00Z", savedBy: HOSTILE },
      }),
    );
    const { view } = await toPreview();
    const note = screen.getByTestId("saved-mapping-used");
    expect(note).toHaveTextContent(
      `Using the column choices saved on 3 March 2026 at 14:05 by ${HOSTILE} for files with these headings.`,
    );
    expect(view.container.querySelector("img")).toBeNull();
    expect(screen.getByLabelText(/Remember these column choices/)).toHaveAccessibleDescription(
      /This replaces the choices saved on 3 March 2026 at 14:05/,
    );
    expect(screen.queryByTestId("saved-mapping-problem")).not.toBeInTheDocument();
    expect(await violations()).toEqual([]);
  });

  it("says nothing about saved choices for automatic ones", async () => {
    await toPreview();
    expect(screen.queryByTestId("saved-mapping-used")).not.toBeInTheDocument();
    expect(screen.queryByTestId("saved-mapping-problem")).not.toBeInTheDocument();
    expect(screen.getByLabelText(/Remember these column choices/)).not.toHaveAccessibleDescription(
      /replaces/,
    );
  });

  it("says why saved choices that no longer fit were not used", async () => {
    const problem =
      "The column choices saved for files with these headings could not be used (they no longer fit these columns), so the headings were matched automatically. Check the choices before importing.";
    vi.mocked(importMembers).mockResolvedValue(
      report({
        savedMapping: { savedAt: "2026-03-03T14:05:00Z", savedBy: "Alex Chair" },
        savedMappingProblem: problem,
      }),
    );
    await toPreview();
    expect(screen.getByTestId("saved-mapping-problem")).toHaveTextContent(problem);
    expect(screen.queryByTestId("saved-mapping-used")).not.toBeInTheDocument();
  });

  it("remembers the column choices only when the box is ticked, and says so afterwards", async () => {
    const { user } = await toPreview();
    const box = screen.getByLabelText(
      "Remember these column choices for files with the same headings",
    );
    expect(box).toHaveAttribute("type", "checkbox");
    expect(box).not.toBeChecked();
    expect(box).toHaveAccessibleDescription(/saved when you import/);
    await user.click(box);
    vi.mocked(importMembers).mockResolvedValue(
      report({ applied: true, mappingSource: "chosen", mappingSaved: true }),
    );
    await user.click(screen.getByTestId("import"));
    expect(importMembers).toHaveBeenLastCalledWith(FILE, {
      mapping: ["first_name", "last_name", "email"],
      dryRun: false,
      allOrNothing: false,
      duplicates: "skip",
      saveMapping: true,
    });
    expect(await screen.findByTestId("mapping-saved")).toHaveTextContent(
      "Your column choices will be used for files with the same headings.",
    );
  });

  it("does not say the choices were remembered when they were not", async () => {
    const { user } = await toPreview();
    vi.mocked(importMembers).mockResolvedValue(report({ applied: true }));
    await user.click(screen.getByTestId("import"));
    await screen.findByTestId("import-summary");
    expect(screen.queryByTestId("mapping-saved")).not.toBeInTheDocument();
  });

  it("shows a refusal to remember the choices on the checkbox", async () => {
    const { user } = await toPreview();
    await user.click(screen.getByTestId("save-mapping"));
    const message =
      "This file's headings are too long to remember (more than 16384 characters in all).";
    vi.mocked(importMembers).mockRejectedValue(
      appError("validation", message, { saveMapping: message }),
    );
    await user.click(screen.getByTestId("import"));
    const summary = await screen.findByTestId("error-summary");
    expect(within(summary).getByRole("link", { name: message })).toHaveAttribute(
      "href",
      "#saveMapping",
    );
    const box = screen.getByTestId("save-mapping");
    expect(box).toHaveAttribute("aria-invalid", "true");
    expect(box).toHaveAccessibleDescription(expect.stringContaining(message));
    expect(await violations()).toEqual([]);
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
