// Drives, kiosk and review fixtures for component tests: plain data shaped like the bindings.
import type { Drive } from "../bindings/Drive";
import type { DriveResults } from "../bindings/DriveResults";
import type { DriveSummary } from "../bindings/DriveSummary";
import type { KioskForm } from "../bindings/KioskForm";
import type { PendingSignUp } from "../bindings/PendingSignUp";
import type { SessionInfo } from "../bindings/SessionInfo";
import { session } from "./fixtures";

export function driveSummary(overrides: Partial<DriveSummary> = {}): DriveSummary {
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

export function drive(overrides: Partial<Drive> = {}): Drive {
  return {
    id: "d-1",
    name: "Local offer event",
    startsOn: "2026-11-20",
    endsOn: "2026-11-21",
    venue: "Preston Guild Hall",
    areaId: "a-1",
    areaName: "Preston",
    targetAreas: ["a-2"],
    targetNeeds: ["ASD", "SEMH"],
    targetAgeBands: ["0-4"],
    targetCommunities: "Polish-speaking families",
    volunteers: [{ userId: "u-1", displayName: "Jo Bloggs" }],
    extraVolunteers: 2,
    volunteersPresent: 3,
    costPence: 12050,
    notes: "Bring the banner",
    createdAt: "2026-11-01T10:00:00Z",
    updatedAt: "2026-11-01T10:00:00Z",
    ...overrides,
  };
}

export function driveResults(overrides: Partial<DriveResults> = {}): DriveResults {
  return {
    driveId: "d-1",
    driveName: "Local offer event",
    startsOn: "2026-11-20",
    endsOn: "2026-11-21",
    signups: 14,
    pending: 3,
    accepted: 8,
    merged: 2,
    discarded: 1,
    newMembers: 8,
    medianDaysToJoin: 2.5,
    costPence: 12050,
    costPerNewMemberPence: 1506,
    byArea: [
      { areaId: "a-1", label: "Preston", count: 9 },
      { areaId: null, label: "Outside the forum's areas", count: 3 },
    ],
    byNeed: [
      { need: "ASD", label: "Autistic spectrum disorder", count: 6 },
      { need: null, label: "No need given", count: 2 },
    ],
    ...overrides,
  };
}

export const KIOSK_FORM: KioskForm = {
  driveId: "d-1",
  driveName: "Local offer event",
  purposes: [
    {
      id: "email_news",
      name: "News and invitations by e-mail",
      statement: "I would like to receive the forum's news by e-mail.",
      version: 2,
    },
    {
      id: "surveys",
      name: "Surveys",
      statement: "I am happy to be asked to take part in surveys.",
      version: 1,
    },
  ],
  specialPurpose: {
    id: "special_category",
    name: "Children's needs",
    statement: "I agree that the forum may keep information about my child's needs.",
    version: 3,
  },
  needs: [
    { value: "ASD", label: "Autistic spectrum disorder" },
    { value: "SEMH", label: "Social, emotional and mental health" },
  ],
  ageBands: [
    { value: "0-4", label: "0 to 4 years" },
    { value: "5-10", label: "5 to 10 years" },
  ],
  provisions: [
    { value: "ehcp", label: "An education, health and care plan (EHCP)" },
    { value: "sen_support", label: "SEN support at school or college" },
    { value: "none", label: "No extra support" },
    { value: "not_known", label: "Not sure" },
  ],
  maxChildren: 10,
};

/** A volunteer's session turned into the kiosk for drive d-1. */
export function kioskSession(overrides: Partial<SessionInfo> = {}): SessionInfo {
  return session({
    userId: "u-1",
    username: "jo.bloggs",
    displayName: "Jo Bloggs",
    role: "kiosk",
    kiosk: { driveId: "d-1", driveName: "Local offer event" },
    ...overrides,
  });
}

export function pendingSignUp(overrides: Partial<PendingSignUp> = {}): PendingSignUp {
  return {
    signupId: "s-1",
    driveId: "d-1",
    driveName: "Local offer event",
    signedUpAt: "2026-11-20T11:30:00Z",
    personId: "p-10",
    firstName: "Alex",
    lastName: "Rivers",
    email: "alex@example.org",
    phone: null,
    postcode: "PR1 2AB",
    areaName: "Preston",
    importedFrom: null,
    duplicates: [],
    ...overrides,
  };
}
