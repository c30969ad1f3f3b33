// Reach gap, population figures and transfer pack fixtures for component tests: plain data
// shaped like the bindings.
import type { DriveSummary } from "../bindings/DriveSummary";
import type { PackImportReport } from "../bindings/PackImportReport";
import type { Population } from "../bindings/Population";
import type { PopulationCell } from "../bindings/PopulationCell";
import type { PopulationImportReport } from "../bindings/PopulationImportReport";
import type { ReachGap } from "../bindings/ReachGap";
import type { ReachGapRow } from "../bindings/ReachGapRow";

export const SCRIPT = "<script>alert(1)</script>";
export const FORMULA = '=HYPERLINK("http://evil.example","Click")';
export const LONG = "x".repeat(10_000);

export function gapRow(overrides: Partial<ReachGapRow> = {}): ReachGapRow {
  return {
    areaId: "a-1",
    areaName: "Preston",
    need: "ASD",
    needLabel: "Autistic spectrum disorder",
    membersChildren: 40,
    population: 800,
    membersShare: 0.5,
    populationShare: 0.4,
    ratio: 1.25,
    per1000: 50,
    shortfall: 0,
    ...overrides,
  };
}

/** Preston ASD above parity; Chorley SEMH with 3 members' children, far below it. */
export function reachGap(overrides: Partial<ReachGap> = {}): ReachGap {
  const prestonAsd = gapRow();
  const chorleySemh = gapRow({
    areaId: "a-2",
    areaName: "Chorley",
    need: "SEMH",
    needLabel: "Social, emotional and mental health",
    membersChildren: 3,
    population: 1200,
    membersShare: 0.07,
    populationShare: 0.6,
    ratio: 0.1167,
    per1000: 2.5,
    shortfall: 22.8,
  });
  return {
    populationYear: 2026,
    populationSource: "DfE SEN2 2026, split by area by the council",
    ageBand: null,
    activeMembers: 120,
    membersChildren: 43,
    notCompared: 2,
    population: 2000,
    per1000: 21.5,
    byArea: [
      { ...chorleySemh, need: null, needLabel: null },
      { ...prestonAsd, need: null, needLabel: null },
    ],
    byNeed: [
      { ...chorleySemh, areaId: null, areaName: null },
      { ...prestonAsd, areaId: null, areaName: null },
    ],
    cells: [chorleySemh, prestonAsd],
    underRepresented: [chorleySemh],
    targets: [
      {
        rank: 1,
        areaId: "a-2",
        areaName: "Chorley",
        need: "SEMH",
        needLabel: "Social, emotional and mental health",
        reason:
          "Social, emotional and mental health in Chorley: fewer than 5 members' children among 1,200 children in the local population (against 21.5 per 1,000 across the figures); about 23 more would bring it level with the forum's reach elsewhere.",
      },
    ],
    ...overrides,
  };
}

export function populationCell(overrides: Partial<PopulationCell> = {}): PopulationCell {
  return {
    areaId: "a-1",
    areaName: "Preston",
    primaryNeed: "ASD",
    ageBand: "5-10",
    children: 480,
    ...overrides,
  };
}

export function population(overrides: Partial<Population> = {}): Population {
  const cells = overrides.cells ?? [
    populationCell(),
    populationCell({ areaId: "a-2", areaName: "Chorley", primaryNeed: "SEMH", children: 1200 }),
  ];
  return {
    year: 2026,
    source: "DfE SEN2 2026",
    cells,
    total: cells.reduce((sum, cell) => sum + cell.children, 0),
    ...overrides,
  };
}

export function populationImportReport(
  overrides: Partial<PopulationImportReport> = {},
): PopulationImportReport {
  return {
    rows: 12,
    cells: 12,
    totalChildren: 5400,
    applied: true,
    problems: [],
    ignoredColumns: [],
    ...overrides,
  };
}

export function packImportReport(overrides: Partial<PackImportReport> = {}): PackImportReport {
  return {
    driveId: "d-1",
    driveName: "Local offer event",
    driveCreated: true,
    signups: 7,
    created: 6,
    alreadyImported: 1,
    duplicates: 2,
    duplicateSignups: [
      { signupId: "s-1", personId: "p-1", existingPersonIds: ["p-9"] },
      { signupId: "s-2", personId: "p-2", existingPersonIds: ["p-8"] },
    ],
    ...overrides,
  };
}

export function packDrive(overrides: Partial<DriveSummary> = {}): DriveSummary {
  return {
    id: "d-1",
    name: "Local offer event",
    startsOn: "2026-11-20",
    endsOn: null,
    venue: "Preston Guild Hall",
    areaName: "Preston",
    signups: 12,
    pending: 3,
    ...overrides,
  };
}
