import type { DataRequest } from "../bindings/DataRequest";

export function dataRequest(overrides: Partial<DataRequest> = {}): DataRequest {
  return {
    id: "r-1",
    kind: "access",
    personId: "p-1",
    personName: "Priya Shah",
    requester: null,
    receivedOn: "2026-11-01",
    identityCheckedOn: null,
    identityCheckMethod: null,
    extensionMonths: 0,
    extensionReason: null,
    status: "open",
    answeredOn: null,
    notes: null,
    exportedOn: null,
    pauses: [],
    paused: false,
    deadline: "2026-12-01",
    daysLeft: 9,
    urgency: null,
    ...overrides,
  };
}

export const OVERDUE = dataRequest({
  id: "r-2",
  personId: null,
  personName: null,
  requester: "Sam Doe (by letter)",
  kind: "erasure",
  receivedOn: "2026-10-01",
  deadline: "2026-11-01",
  daysLeft: -21,
  urgency: "overdue",
});

export const DUE_SOON = dataRequest({
  id: "r-3",
  personId: "p-3",
  personName: "Ola Nowak",
  receivedOn: "2026-10-26",
  deadline: "2026-11-26",
  daysLeft: 4,
  urgency: "due_soon",
});
