import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  importPopulation,
  listAreas,
  populationFigures,
  removePopulationCell,
  savePopulationCell,
  setPopulationSource,
} from "../backend";
import { appError, renderScreen, session } from "../test/fixtures";
import { AREAS } from "../test/members";
import {
  FORMULA,
  LONG,
  population,
  populationCell,
  populationImportReport,
  SCRIPT,
} from "../test/reach";
import { Population } from "./Population";

vi.mock("../backend");

const onBack = vi.fn();

beforeEach(() => {
  vi.mocked(populationFigures).mockResolvedValue(population());
  vi.mocked(listAreas).mockResolvedValue(AREAS);
});

async function renderPopulation(role: "admin" | "officer" = "admin") {
  renderScreen(<Population session={session({ role })} onBack={onBack} />);
  return screen.findByTestId("population-table");
}

describe("Population figures", () => {
  it("lists the figures with their year, source and total", async () => {
    const table = await renderPopulation();
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining("PrestonAutistic spectrum disorder (ASD)5 to 10 years480"),
      expect.stringContaining(
        "ChorleySocial, emotional and mental health (SEMH)5 to 10 years1,200",
      ),
    ]);
    expect(screen.getByText("DfE SEN2 2026")).toBeInTheDocument();
    expect(screen.getByText("1,680")).toBeInTheDocument();
  });

  it("lets officers look but not change", async () => {
    await renderPopulation("officer");
    expect(screen.queryByTestId("add-population-cell")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Remove/ })).not.toBeInTheDocument();
  });

  it("adds a figure, sending what was chosen", async () => {
    const saved = population({ cells: [populationCell({ children: 1250 })] });
    vi.mocked(savePopulationCell).mockResolvedValue(saved);
    await renderPopulation();
    const user = userEvent.setup();
    await user.click(screen.getByTestId("add-population-cell"));
    await user.selectOptions(await screen.findByLabelText("Area"), "Chorley");
    await user.selectOptions(screen.getByLabelText("Primary need"), "SLCN");
    await user.selectOptions(screen.getByLabelText("Age band"), "0-4");
    await user.type(screen.getByLabelText("Number of children and young people"), "1,250");
    await user.click(screen.getByTestId("submit"));
    expect(savePopulationCell).toHaveBeenCalledWith({
      areaId: "a-2",
      primaryNeed: "SLCN",
      ageBand: "0-4",
      children: 1250,
    });
    expect(await screen.findByText("The figure is saved.")).toBeInTheDocument();
    expect(screen.getByTestId("population-table")).toHaveTextContent("1,250");
  });

  it("shows the core's errors at the top, linked to each field, and on the fields", async () => {
    vi.mocked(savePopulationCell).mockRejectedValue(
      appError("validation", "There are 2 problems", {
        primaryNeed: "Select the primary need",
        children: "Enter the number of children and young people",
      }),
    );
    await renderPopulation();
    const user = userEvent.setup();
    await user.click(screen.getByTestId("add-population-cell"));
    await user.click(await screen.findByTestId("submit"));
    const summary = await screen.findByTestId("error-summary");
    expect(summary).toHaveFocus();
    const links = within(summary).getAllByRole("link");
    expect(links.map((link) => link.getAttribute("href"))).toEqual(["#primaryNeed", "#children"]);
    expect(screen.getByLabelText("Primary need")).toHaveAttribute("aria-invalid", "true");
    expect(
      screen.getByLabelText("Number of children and young people"),
    ).toHaveAccessibleDescription(
      expect.stringContaining("Error: Enter the number of children and young people"),
    );
    expect(savePopulationCell).toHaveBeenCalledWith({
      areaId: "",
      primaryNeed: null,
      ageBand: null,
      children: null,
    });
  });

  it("says a figure that is not a whole number is wrong before sending it", async () => {
    await renderPopulation();
    const user = userEvent.setup();
    await user.click(screen.getByTestId("add-population-cell"));
    await user.type(await screen.findByLabelText("Number of children and young people"), "=1+1");
    await user.click(screen.getByTestId("submit"));
    expect(await screen.findByTestId("error-summary")).toHaveTextContent(
      "Enter the number of children and young people as a whole number",
    );
    expect(savePopulationCell).not.toHaveBeenCalled();
  });

  it("changes the number of an existing figure", async () => {
    vi.mocked(savePopulationCell).mockResolvedValue(population());
    await renderPopulation();
    const user = userEvent.setup();
    await user.click(
      screen.getByRole("button", {
        name: "Change the figure for Preston, Autistic spectrum disorder (ASD), 5 to 10 years",
      }),
    );
    const field = await screen.findByLabelText("Number of children and young people");
    expect(field).toHaveValue("480");
    await user.clear(field);
    await user.type(field, "500");
    await user.click(screen.getByTestId("submit"));
    expect(savePopulationCell).toHaveBeenCalledWith({
      areaId: "a-1",
      primaryNeed: "ASD",
      ageBand: "5-10",
      children: 500,
    });
  });

  it("removes a figure after asking", async () => {
    vi.mocked(removePopulationCell).mockResolvedValue(population({ cells: [] }));
    await renderPopulation();
    const user = userEvent.setup();
    await user.click(
      screen.getByRole("button", {
        name: "Remove the figure for Chorley, Social, emotional and mental health (SEMH), 5 to 10 years",
      }),
    );
    expect(await screen.findByRole("heading", { name: "Remove this figure?" })).toHaveFocus();
    expect(removePopulationCell).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("confirm-remove"));
    expect(removePopulationCell).toHaveBeenCalledWith("a-2", "SEMH", "5-10");
    expect(await screen.findByTestId("population-empty")).toBeInTheDocument();
  });

  it("sets the year and source, refusing a year that is not 4 digits", async () => {
    vi.mocked(setPopulationSource).mockResolvedValue(population({ year: 2025, source: "Council" }));
    await renderPopulation();
    const user = userEvent.setup();
    await user.click(screen.getByTestId("change-population-source"));
    const year = await screen.findByLabelText("Year the figures describe");
    await user.clear(year);
    await user.type(year, "26");
    await user.click(screen.getByTestId("submit"));
    expect(await screen.findByTestId("error-summary")).toHaveTextContent(
      "Enter the year as 4 digits",
    );
    expect(setPopulationSource).not.toHaveBeenCalled();
    await user.clear(year);
    await user.type(year, "2025");
    const source = screen.getByLabelText("Where the figures come from");
    await user.clear(source);
    await user.type(source, " Council ");
    await user.click(screen.getByTestId("submit"));
    expect(setPopulationSource).toHaveBeenCalledWith({ year: 2025, source: "Council" });
    expect(await screen.findByText("Council")).toBeInTheDocument();
  });

  it("renders hostile names and sources as text", async () => {
    vi.mocked(populationFigures).mockResolvedValue(
      population({
        source: FORMULA,
        cells: [
          populationCell({ areaName: SCRIPT }),
          populationCell({ areaId: "a-9", areaName: LONG }),
        ],
      }),
    );
    const table = await renderPopulation();
    expect(within(table).getByText(SCRIPT)).toBeInTheDocument();
    expect(within(table).getByText(LONG)).toBeInTheDocument();
    expect(screen.getByText(FORMULA)).toBeInTheDocument();
    expect(document.querySelector("script")).toBeNull();
  });
});

describe("Population import", () => {
  const csv = () => new File(["area,primary_need,age_band,children\n"], "figures.csv");

  async function openImport() {
    await renderPopulation();
    const user = userEvent.setup();
    await user.click(screen.getByTestId("import-population"));
    await screen.findByTestId("population-template");
    return user;
  }

  it("shows the CSV template and asks for a file", async () => {
    const user = await openImport();
    expect(screen.getByTestId("population-template")).toHaveTextContent(
      "area,primary_need,age_band,children",
    );
    expect(screen.getByText(/README/)).toBeInTheDocument();
    await user.click(screen.getByTestId("submit"));
    const summary = await screen.findByTestId("error-summary");
    expect(within(summary).getByRole("link")).toHaveAttribute("href", "#populationFile");
    expect(screen.getByLabelText("File of population figures")).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    expect(importPopulation).not.toHaveBeenCalled();
  });

  it("lists every problem by row and column, as text, and changes nothing", async () => {
    vi.mocked(importPopulation).mockResolvedValue(
      populationImportReport({
        applied: false,
        cells: 0,
        rows: 3,
        problems: [
          { row: 2, column: "area", message: `${SCRIPT} is not one of the forum's areas` },
          { row: 3, column: "children", message: `${FORMULA} looks like a spreadsheet formula` },
          { row: 4, column: "primary_need", message: LONG },
        ],
        ignoredColumns: ["notes"],
      }),
    );
    const user = await openImport();
    const file = csv();
    await user.upload(screen.getByLabelText("File of population figures"), file);
    await user.click(screen.getByTestId("submit"));
    const problems = await screen.findByTestId("population-problems");
    const rows = within(problems).getAllByRole("row").slice(1);
    expect(
      rows.map((row) => Array.from(row.querySelectorAll("td"), (cell) => cell.textContent)),
    ).toEqual([
      ["2", "area", `${SCRIPT} is not one of the forum's areas`],
      ["3", "children", `${FORMULA} looks like a spreadsheet formula`],
      ["4", "primary_need", LONG],
    ]);
    expect(screen.getByTestId("population-import-problems")).toHaveTextContent(
      "Nothing was imported: 3 problems were found in 3 rows",
    );
    expect(screen.getByTestId("population-ignored-columns")).toHaveTextContent("notes");
    expect(document.querySelector("script")).toBeNull();
    expect(importPopulation).toHaveBeenCalledWith(file, { year: 2026, source: "DfE SEN2 2026" });
  });

  it("reports a good import and goes back to the new figures", async () => {
    vi.mocked(importPopulation).mockResolvedValue(populationImportReport());
    const user = await openImport();
    await user.upload(screen.getByLabelText("File of population figures"), csv());
    await user.click(screen.getByTestId("submit"));
    expect(await screen.findByTestId("population-import-summary")).toHaveTextContent(
      "12 figures imported from figures.csv, for 5,400 children and young people",
    );
    await user.click(screen.getByTestId("back-to-figures"));
    await screen.findByTestId("population-table");
    await waitFor(() => expect(populationFigures).toHaveBeenCalledTimes(2));
  });

  it("puts a problem with the whole file on the file field", async () => {
    vi.mocked(importPopulation).mockRejectedValue(
      appError("validation", "The file has no column headed children."),
    );
    const user = await openImport();
    await user.upload(screen.getByLabelText("File of population figures"), csv());
    await user.click(screen.getByTestId("submit"));
    const summary = await screen.findByTestId("error-summary");
    expect(
      within(summary).getByRole("link", { name: /no column headed children/ }),
    ).toHaveAttribute("href", "#populationFile");
    expect(screen.getByLabelText("File of population figures")).toHaveAccessibleDescription(
      expect.stringContaining("no column headed children"),
    );
  });

  it("links the core's year error to the import's own year field", async () => {
    vi.mocked(importPopulation).mockRejectedValue(
      appError("validation", "Check the year", { year: "Enter a year between 2000 and 2027" }),
    );
    const user = await openImport();
    await user.upload(screen.getByLabelText("File of population figures"), csv());
    await user.click(screen.getByTestId("submit"));
    const summary = await screen.findByTestId("error-summary");
    expect(within(summary).getByRole("link")).toHaveAttribute("href", "#importYear");
    expect(screen.getByLabelText("Year the figures describe")).toHaveAttribute(
      "aria-invalid",
      "true",
    );
  });
});
