// Groups fixtures for component tests: plain data shaped like the generated bindings.
import type { AffiliationTerms } from "../bindings/AffiliationTerms";
import type { CoOption } from "../bindings/CoOption";
import type { Organisation } from "../bindings/Organisation";
import type { OrganisationSummary } from "../bindings/OrganisationSummary";
import type { Reach } from "../bindings/Reach";
import type { Renewals } from "../bindings/Renewals";

export function organisation(overrides: Partial<Organisation> = {}): Organisation {
  return {
    id: "o-1",
    name: "Sunflowers Parent Group",
    kind: "parent_group",
    areas: [{ id: "a-1", name: "Preston" }],
    allNeeds: true,
    needs: [],
    meets: "both",
    website: "https://www.sunflowers.org.uk",
    publicEmail: "hello@sunflowers.org.uk",
    publicPhone: "+441772123456",
    publicPhoneDisplay: "01772 123456",
    familiesReached: 120,
    familiesEstimatedOn: "2026-01-10",
    notes: null,
    archived: false,
    affiliation: { status: "enquiry", termsVersion: null, approvedOn: null, renewalDueOn: null },
    timeline: [
      {
        id: "e-1",
        step: "enquiry",
        onDate: "2026-02-01",
        note: "Phoned the office",
        termsVersion: null,
        recordedBy: "Sam Admin",
        recordedAt: "2026-02-01T10:00:00Z",
      },
    ],
    contacts: [],
    coOptions: [],
    benefits: "A seat at the steering group's table.",
    ...overrides,
  };
}

export function orgSummary(overrides: Partial<OrganisationSummary> = {}): OrganisationSummary {
  return {
    id: "o-1",
    name: "Sunflowers Parent Group",
    kind: "parent_group",
    status: "affiliated",
    renewalDueOn: "2027-03-12",
    areas: "Preston",
    familiesReached: 120,
    archived: false,
    ...overrides,
  };
}

export const RENEWALS: Renewals = {
  overdue: [
    { organisationId: "o-2", name: "Chorley Chatters", renewalDueOn: "2026-11-01", days: -21 },
  ],
  dueSoon: [{ organisationId: "o-3", name: "Leyland Links", renewalDueOn: "2026-12-02", days: 10 }],
  windowDays: 60,
};

export const REACH: Reach = {
  on: "2026-11-22",
  byArea: [
    {
      areaId: "a-2",
      areaName: "Chorley",
      directMembers: 4,
      affiliatedGroups: 1,
      familiesViaGroups: 30,
      alsoMembers: 1,
      combined: 33,
    },
    {
      areaId: "a-1",
      areaName: "Preston",
      directMembers: 10,
      affiliatedGroups: 2,
      familiesViaGroups: 150,
      alsoMembers: 2,
      combined: 158,
    },
    {
      areaId: null,
      areaName: "No area",
      directMembers: 0,
      affiliatedGroups: 0,
      familiesViaGroups: 0,
      alsoMembers: 0,
      combined: 0,
    },
  ],
  total: {
    areaId: null,
    areaName: "",
    directMembers: 14,
    affiliatedGroups: 2,
    familiesViaGroups: 180,
    alsoMembers: 3,
    combined: 191,
  },
  byNeed: [{ need: null, affiliatedGroups: 2, familiesViaGroups: 180 }],
  oldestEstimateOn: "2025-06-01",
  groupsWithoutEstimate: 0,
};

/** Newest first, as the core returns them. */
export const TERMS: AffiliationTerms[] = [
  {
    version: 2,
    text: "Groups share a yearly estimate of the families they reach.",
    createdAt: "2026-06-01T09:30:00Z",
  },
  { version: 1, text: "Groups agree to the forum's values.", createdAt: "2025-01-01T10:00:00Z" },
];

export function coOption(overrides: Partial<CoOption> = {}): CoOption {
  return {
    id: "c-1",
    organisationId: "o-1",
    organisationName: "Sunflowers Parent Group",
    personId: "p-1",
    firstName: "Ada",
    lastName: "Lovelace",
    fromOn: "2026-03-12",
    untilOn: null,
    note: null,
    ...overrides,
  };
}
