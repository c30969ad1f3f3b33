import type { EvidencePack } from "../bindings/EvidencePack";
import type { GrantPeriod } from "../bindings/GrantPeriod";
import type { IndicatorReview } from "../bindings/IndicatorReview";

export const REVIEW: IndicatorReview = {
  indicatorId: "board_representation",
  title: "Representation at the Partnership Board",
  quarterStart: "2026-04-01",
  quarterEnd: "2026-06-30",
  status: null,
  comment: null,
  reviewedAt: null,
  activities: [],
  documents: [],
  computed: "Attended 2 of 3 meetings (67%)",
};

export const PACK: EvidencePack = {
  from: "2026-04-01",
  to: "2027-03-31",
  membership: {
    totalAtStart: 10,
    totalAtEnd: 12,
    new: 3,
    lost: 1,
    byMonth: [{ month: "2026-04", joined: 3, lost: 1, totalAtEnd: 12 }],
    newBySource: [],
    byArea: [],
    byPrimaryNeed: [],
    byAgeBand: [],
  },
  reach: {
    on: "2026-11-22",
    byArea: [],
    total: {
      areaId: null,
      areaName: "",
      directMembers: 12,
      affiliatedGroups: 0,
      familiesViaGroups: 0,
      alsoMembers: 0,
      combined: 12,
    },
    byNeed: [],
    oldestEstimateOn: null,
    groupsWithoutEstimate: 0,
  },
  participation: {
    activities: 1,
    byKind: [{ label: "Consultation", count: 1 }],
    byLevel: [],
    byRung: [],
    parentCarersEngaged: 5,
    volunteerHours: 2,
  },
  representation: [],
  indicators: [REVIEW],
  impactStories: [
    {
      activityId: "a1",
      title: "Short breaks",
      startsOn: "2026-05-01",
      youSaid: "<script>alert(1)</script>",
      weDid: "Changed the form",
      whatChanged: null,
      loopClosedOn: null,
    },
  ],
  spend: [],
};

export function grant(overrides: Partial<GrantPeriod> = {}): GrantPeriod {
  return {
    id: "g-1",
    label: "2026\u201327",
    startsOn: "2026-04-01",
    endsOn: "2027-03-31",
    amountPence: 1_750_000,
    notes: null,
    tranches: [
      { id: "t-1", dueOn: "2026-05-01", amountPence: 875_000, receivedOn: "2026-05-03" },
      { id: "t-2", dueOn: "2026-11-01", amountPence: 875_000, receivedOn: null },
    ],
    returns: [{ id: "r-1", title: "Grant return", dueOn: "2027-04-30", submittedOn: null }],
    budget: [{ id: "l-1", name: "Volunteer expenses", plannedPence: 200_000, actualPence: 4_550 }],
    plannedPence: 200_000,
    spentPence: 4_550,
    ...overrides,
  };
}
