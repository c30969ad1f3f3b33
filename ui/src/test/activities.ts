import type { Activity } from "../bindings/Activity";
import type { ActivitySummary } from "../bindings/ActivitySummary";
import type { Body } from "../bindings/Body";
import type { BodyAttendance } from "../bindings/BodyAttendance";
import type { BodyMeeting } from "../bindings/BodyMeeting";
import type { Seat } from "../bindings/Seat";

export function activitySummary(overrides: Partial<ActivitySummary> = {}): ActivitySummary {
  return {
    id: "act-1",
    title: "SEND Partnership Board",
    kind: "board_meeting",
    startsOn: "2026-05-12",
    level: "strategic",
    rung: "engagement",
    parentCarersEngaged: 0,
    volunteerMinutes: 90,
    organisations: "County Council SEND team",
    hasOutcome: true,
    ...overrides,
  };
}

export function activity(overrides: Partial<Activity> = {}): Activity {
  return {
    id: "act-1",
    title: "SEND Partnership Board",
    kind: "board_meeting",
    startsOn: "2026-05-12",
    endsOn: null,
    level: "strategic",
    rung: "engagement",
    organisations: [{ id: "o-9", name: "County Council SEND team" }],
    people: [{ id: "p-1", name: "Alex Morgan" }],
    parentCarersEngaged: 12,
    volunteerMinutes: 90,
    topic: "Transport",
    youSaid: "Transport letters came late",
    weDid: "Raised it at the board",
    whatChanged: "Letters now go out in June",
    loopClosedOn: "2026-07-01",
    documents: [
      {
        id: "d-1",
        fileName: "minutes.pdf",
        mediaType: "application/pdf",
        size: 20480,
        addedAt: "2026-05-13T09:00:00Z",
      },
    ],
    ...overrides,
  };
}

export const BODIES: Body[] = [
  { id: "b-1", name: "SEND Partnership Board", forumChairs: false, archived: false },
  { id: "b-2", name: "Communication Priority Group", forumChairs: true, archived: false },
];

export const SEATS: Seat[] = [
  {
    id: "s-1",
    bodyId: "b-1",
    bodyName: "SEND Partnership Board",
    personId: "p-1",
    holder: "Alex Morgan",
    role: "Representative",
    fromOn: "2026-04-01",
    untilOn: null,
  },
];

export const MEETINGS: BodyMeeting[] = [
  {
    id: "m-1",
    bodyId: "b-1",
    bodyName: "SEND Partnership Board",
    heldOn: "2026-05-14",
    attendance: "attended",
    papersReceivedOn: "2026-05-11",
    papersOnTime: false,
    notes: null,
  },
];

export const ATTENDANCE: BodyAttendance[] = [
  {
    bodyId: "b-1",
    bodyName: "SEND Partnership Board",
    meetings: 1,
    attended: 1,
    apologies: 0,
    notRepresented: 0,
    attendancePercent: 100,
    papersOnTime: 0,
  },
  {
    bodyId: "b-2",
    bodyName: "Communication Priority Group",
    meetings: 0,
    attended: 0,
    apologies: 0,
    notRepresented: 0,
    attendancePercent: null,
    papersOnTime: 0,
  },
];
