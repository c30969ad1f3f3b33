// Members fixtures for component tests: plain data shaped like the generated bindings.
import type { Area } from "../bindings/Area";
import type { ChildRecord } from "../bindings/ChildRecord";
import type { ConsentPurpose } from "../bindings/ConsentPurpose";
import type { ConsentState } from "../bindings/ConsentState";
import type { MemberPage } from "../bindings/MemberPage";
import type { MemberRecord } from "../bindings/MemberRecord";
import type { MemberSummary } from "../bindings/MemberSummary";

export const FORMULA = '=HYPERLINK("http://evil.example","Click")';

export const PURPOSES: ConsentPurpose[] = [
  {
    id: "membership_admin",
    name: "Membership administration",
    channel: null,
    basis: "legitimate_interests",
    special: false,
    version: 1,
    statement: "We keep your name and contact details to run your membership of the forum.",
  },
  {
    id: "email_news",
    name: "News and invitations by e-mail",
    channel: "email",
    basis: "consent",
    special: false,
    version: 1,
    statement: "I would like to receive the forum's news by e-mail.",
  },
  {
    id: "special_category",
    name: "Children's needs and equality information",
    channel: null,
    basis: "explicit_consent",
    special: true,
    version: 1,
    statement: "I agree that the forum may keep information about my child's needs.",
  },
];

export function consentState(
  purposeId: string,
  given: boolean | null,
  overrides: Partial<ConsentState> = {},
): ConsentState {
  const purpose = PURPOSES.find((p) => p.id === purposeId);
  return {
    purposeId,
    purposeName: purpose?.name ?? purposeId,
    given,
    method: given === null ? null : "paper",
    statementVersion: given === null ? null : 1,
    at: given === null ? null : "2026-11-22T10:30:00Z",
    ...overrides,
  };
}

export function child(overrides: Partial<ChildRecord> = {}): ChildRecord {
  return {
    id: "c-1",
    yearOfBirth: 2016,
    ageBand: null,
    primaryNeed: "ASD",
    secondaryNeeds: ["SLCN"],
    provision: "ehcp",
    schoolPhase: "primary",
    settingType: "mainstream",
    localAuthority: "Lancashire",
    ...overrides,
  };
}

export function memberRecord(overrides: Partial<MemberRecord> = {}): MemberRecord {
  return {
    id: "p-1",
    firstName: "Zoë",
    lastName: "Nowak",
    preferredName: null,
    email: "zoe@example.org",
    phone: "+447700900123",
    phoneDisplay: "07700 900123",
    addressLine1: "1 Fishergate",
    addressLine2: null,
    town: "Preston",
    postcode: "PR1 2HE",
    areaId: "a-1",
    areaName: "Preston",
    areaOverridden: false,
    heardAbout: "School",
    notes: null,
    source: "entered",
    createdAt: "2026-11-22T10:00:00Z",
    updatedAt: "2026-11-22T10:00:00Z",
    membership: {
      memberType: "parent_carer",
      status: "active",
      joinedOn: "2026-11-22",
      renewalDueOn: "2027-11-22",
      leftOn: null,
      leavingReason: null,
      recruitmentSource: null,
      driveId: null,
    },
    consents: [
      consentState("membership_admin", null),
      consentState("email_news", null),
      consentState("special_category", null),
    ],
    special: { children: [], ethnicity: null, firstLanguage: null },
    ...overrides,
  };
}

export function summary(overrides: Partial<MemberSummary> = {}): MemberSummary {
  return {
    id: "p-1",
    firstName: "Zoë",
    lastName: "Nowak",
    preferredName: null,
    email: "zoe@example.org",
    phone: "+447700900123",
    phoneDisplay: "07700 900123",
    postcode: "PR1 2HE",
    areaName: "Preston",
    memberType: "parent_carer",
    status: "active",
    renewalDueOn: "2027-11-22",
    ...overrides,
  };
}

export function memberPage(members: MemberSummary[], total = members.length, page = 1): MemberPage {
  return { total, page, pageSize: 25, members };
}

export const AREAS: Area[] = [
  { id: "a-1", name: "Preston", districts: ["PR1", "PR2"] },
  { id: "a-2", name: "Chorley", districts: ["PR6", "PR7"] },
];
