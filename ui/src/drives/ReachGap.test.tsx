import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { chooseSavePath, populationFigures, reachGap, saveReachGap } from "../backend";
import { appError, renderScreen, session } from "../test/fixtures";
import { FORMULA, reachGap as gapFixture, gapRow, LONG, population, SCRIPT } from "../test/reach";
import { smallCount } from "./figures";
import { ReachGap } from "./ReachGap";

vi.mock("../backend");

beforeEach(() => {
  vi.mocked(reachGap).mockResolvedValue(gapFixture());
  vi.mocked(populationFigures).mockResolvedValue(population());
});

async function renderGap(role: "admin" | "officer" = "admin") {
  renderScreen(<ReachGap session={session({ role })} />);
  return screen.findByTestId("reach-gap-cells");
}

const cellTexts = (table: HTMLElement) =>
  within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) => Array.from(row.querySelectorAll("th, td"), (cell) => cell.textContent));

describe("ReachGap", () => {
  it("shows each area and need with members, population, ratio and rate", async () => {
    const table = await renderGap();
    expect(cellTexts(table)).toEqual([
      [
        "Chorley",
        "Social, emotional and mental health",
        "fewer than 5",
        "1,200",
        "not shown",
        "not shown",
      ],
      ["Preston", "Autistic spectrum disorder", "40", "800", "1.25", "50.0"],
    ]);
    expect(reachGap).toHaveBeenCalledWith({ ageBand: null, targets: null });
  });

  it("never shows a count under 5, anywhere on the page", async () => {
    await renderGap();
    const page = screen.getByTestId("reach-gap");
    // The Chorley cell has 3 members' children: the number itself must not appear.
    for (const cell of within(page).getAllByRole("cell")) {
      expect(cell.textContent).not.toMatch(/^\s*3\s*$/);
    }
    expect(within(page).getAllByText("fewer than 5").length).toBeGreaterThanOrEqual(3);
    expect([0, 1, 4].map(smallCount)).toEqual(["fewer than 5", "fewer than 5", "fewer than 5"]);
    expect(smallCount(5)).toBe("5");
    // The charts leave the small row without a bar and say why.
    const chart = screen.getByTestId("reach-gap-by-area-chart");
    expect(chart.querySelectorAll("rect")).toHaveLength(1);
    expect(chart).toHaveTextContent("not shown");
    expect(chart.querySelector("svg")).toHaveAttribute("aria-hidden", "true");
  });

  it("ranks the under-represented cells and lists the suggested targets", async () => {
    await renderGap();
    const under = screen.getByTestId("reach-gap-under");
    expect(cellTexts(under)).toEqual([
      [
        "1",
        "Chorley",
        "Social, emotional and mental health",
        "fewer than 5",
        "1,200",
        "not shown",
        "about 23 more",
      ],
    ]);
    const targets = within(screen.getByTestId("reach-gap-targets")).getAllByRole("listitem");
    expect(targets).toHaveLength(1);
    expect(targets[0]).toHaveTextContent("Chorley: Social, emotional and mental health");
    expect(targets[0]).toHaveTextContent("fewer than 5 members' children among 1,200");
  });

  it("puts a chart beside the area and need tables", async () => {
    await renderGap();
    expect(screen.getByTestId("reach-gap-by-area")).toBeInTheDocument();
    expect(screen.getByTestId("reach-gap-by-need-chart")).toHaveTextContent("parity");
    expect(screen.getByTestId("reach-gap-by-area-chart").querySelector("line")).not.toBeNull();
  });

  it("compares one age band, and suggests as many targets as asked", async () => {
    vi.mocked(chooseSavePath).mockResolvedValue("/tmp/gap.json");
    vi.mocked(saveReachGap).mockResolvedValue({ rows: 3 });
    await renderGap();
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText("Age band"), "5-10");
    await waitFor(() =>
      expect(reachGap).toHaveBeenLastCalledWith({ ageBand: "5-10", targets: null }),
    );
    await user.selectOptions(screen.getByLabelText("Suggested targets"), "10");
    await waitFor(() =>
      expect(reachGap).toHaveBeenLastCalledWith({ ageBand: "5-10", targets: 10 }),
    );
    await user.click(screen.getByTestId("save-json"));
    await waitFor(() =>
      expect(saveReachGap).toHaveBeenCalledWith(
        { ageBand: "5-10", targets: 10 },
        "json",
        "/tmp/gap.json",
      ),
    );
    expect(chooseSavePath).toHaveBeenCalledWith(
      expect.any(String),
      "reach-gap-5-10.json",
      expect.anything(),
    );
  });

  it("renders hostile names as text: script tags, formulas and very long values", async () => {
    const hostile = gapRow({ areaName: SCRIPT, needLabel: FORMULA });
    const long = gapRow({ areaId: "a-3", areaName: LONG, need: "SLCN", needLabel: LONG });
    vi.mocked(reachGap).mockResolvedValue(
      gapFixture({
        populationSource: SCRIPT,
        cells: [hostile, long],
        byArea: [{ ...hostile, need: null }],
        targets: [
          {
            rank: 1,
            areaId: "a-1",
            areaName: SCRIPT,
            need: "ASD",
            needLabel: FORMULA,
            reason: LONG,
          },
        ],
      }),
    );
    const table = await renderGap();
    expect(within(table).getByText(SCRIPT)).toBeInTheDocument();
    expect(within(table).getByText(FORMULA)).toBeInTheDocument();
    expect(within(table).getAllByText(LONG)).toHaveLength(2);
    expect(document.querySelector("script")).toBeNull();
    expect(screen.getByTestId("reach-gap-targets")).toHaveTextContent(`${SCRIPT}: ${FORMULA}`);
    expect(screen.getByText(`2026: ${SCRIPT}`)).toBeInTheDocument();
  });

  it("saves the figures as CSV or JSON where the user chooses", async () => {
    vi.mocked(chooseSavePath).mockResolvedValue("/home/sam/reach-gap.csv");
    vi.mocked(saveReachGap).mockResolvedValue({ rows: 12 });
    await renderGap();
    const user = userEvent.setup();
    await user.click(screen.getByTestId("save-csv"));
    await screen.findByText("12 rows saved.");
    expect(chooseSavePath).toHaveBeenCalledWith(
      "Save where to aim the next drive",
      "reach-gap.csv",
      { name: "CSV file", extensions: ["csv"] },
    );
    expect(saveReachGap).toHaveBeenCalledWith(
      { ageBand: null, targets: null },
      "csv",
      "/home/sam/reach-gap.csv",
    );
    vi.mocked(chooseSavePath).mockResolvedValue(null);
    await user.click(screen.getByTestId("save-json"));
    await waitFor(() => expect(chooseSavePath).toHaveBeenCalledTimes(2));
    expect(saveReachGap).toHaveBeenCalledTimes(1);
  });

  it("says what to do when there are no population figures", async () => {
    vi.mocked(reachGap).mockResolvedValue(
      gapFixture({ cells: [], byArea: [], byNeed: [], underRepresented: [], targets: [] }),
    );
    renderScreen(<ReachGap session={session({ role: "officer" })} />);
    expect(await screen.findByTestId("reach-gap-empty")).toHaveTextContent("An admin adds them");
  });

  it("says when the comparison cannot be shown, and clears that once it can", async () => {
    vi.mocked(reachGap).mockRejectedValueOnce(appError("internal", "The database is busy"));
    renderScreen(<ReachGap session={session()} />);
    expect(await screen.findByTestId("reach-gap-load-error")).toHaveTextContent(
      "The database is busy",
    );
    await userEvent.setup().selectOptions(screen.getByLabelText("Age band"), "0-4");
    await screen.findByTestId("reach-gap-cells");
    expect(screen.queryByTestId("reach-gap-load-error")).not.toBeInTheDocument();
  });

  it("shows small population figures as fewer than 5 too", async () => {
    vi.mocked(reachGap).mockResolvedValue(
      gapFixture({
        cells: [gapRow({ population: 4, membersChildren: 12, ratio: 9, per1000: 3000 })],
      }),
    );
    const table = await renderGap();
    expect(cellTexts(table)).toEqual([
      ["Preston", "Autistic spectrum disorder", "12", "fewer than 5", "not shown", "not shown"],
    ]);
  });

  it("is for officers and admins only", () => {
    renderScreen(<ReachGap session={session({ role: "volunteer" })} />);
    expect(screen.getByTestId("reach-gap-not-allowed")).toBeInTheDocument();
    expect(reachGap).not.toHaveBeenCalled();
  });

  it("opens the population figures and comes back", async () => {
    await renderGap("officer");
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "See the population figures" }));
    expect(await screen.findByTestId("population-table")).toBeInTheDocument();
    expect(screen.queryByTestId("add-population-cell")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("back-to-gap"));
    expect(await screen.findByTestId("reach-gap-cells")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Where to aim the next drive" })).toHaveFocus();
  });
});
