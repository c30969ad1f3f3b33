// Plain-English words for the membership's coded values. The codes come from the core
// (generated bindings); only their labels live here.
import type { AgeBand } from "../bindings/AgeBand";
import type { ConsentMethod } from "../bindings/ConsentMethod";
import type { MemberSort } from "../bindings/MemberSort";
import type { MembershipStatus } from "../bindings/MembershipStatus";
import type { MemberType } from "../bindings/MemberType";
import type { Need } from "../bindings/Need";
import type { Provision } from "../bindings/Provision";
import type { SchoolPhase } from "../bindings/SchoolPhase";
import type { SettingType } from "../bindings/SettingType";

export type Option<T extends string> = { value: T; label: string; hint?: string };

function options<T extends string>(labels: Record<T, string>): Option<T>[] {
  return (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));
}

export const MEMBER_TYPE_LABELS: Record<MemberType, string> = {
  parent_carer: "Parent carer",
  associate: "Associate member",
};

export const MEMBER_TYPE_OPTIONS: Option<MemberType>[] = [
  {
    value: "parent_carer",
    label: "Parent carer",
    hint: "A parent or carer of a child or young person with special educational needs or disabilities.",
  },
  {
    value: "associate",
    label: "Associate member",
    hint: "Someone who supports the forum, for example a professional or a young person.",
  },
];

export const STATUS_LABELS: Record<MembershipStatus, string> = {
  applicant: "Applicant",
  active: "Active",
  renewal_due: "Renewal due",
  lapsed: "Lapsed",
  left: "Left",
};

export const SORT_LABELS: Record<MemberSort, string> = {
  name: "Last name, A to Z",
  joined_newest: "Newest members first",
  renewal_due: "Renewal date, soonest first",
};

export const METHOD_LABELS: Record<ConsentMethod, string> = {
  paper: "On a paper form",
  online: "Online",
  verbal: "They told us, in person or by phone",
  kiosk: "At a stall, on the sign-up screen",
  import: "Imported from a spreadsheet",
};

/** The ways a volunteer records consent by hand ("import" is only for the importer). */
export const METHOD_OPTIONS: Option<ConsentMethod>[] = (
  ["paper", "online", "verbal", "kiosk"] as const
).map((value) => ({ value, label: METHOD_LABELS[value] }));

/** The Department for Education's SEN2 categories, with their codes. */
export const NEED_NAMES: Record<Need, string> = {
  SPLD: "Specific learning difficulty",
  MLD: "Moderate learning difficulty",
  SLD: "Severe learning difficulty",
  PMLD: "Profound and multiple learning difficulty",
  SEMH: "Social, emotional and mental health",
  SLCN: "Speech, language and communication needs",
  HI: "Hearing impairment",
  VI: "Vision impairment",
  MSI: "Multi-sensory impairment",
  PD: "Physical disability",
  ASD: "Autistic spectrum disorder",
  OTH: "Other difficulty or disability",
  NSA: "SEN support but no specialist assessment of type of need",
};

export function needLabel(need: Need): string {
  return `${NEED_NAMES[need]} (${need})`;
}

export const NEED_OPTIONS: Option<Need>[] = (Object.keys(NEED_NAMES) as Need[]).map((value) => ({
  value,
  label: needLabel(value),
}));

export const PROVISION_LABELS: Record<Provision, string> = {
  ehcp: "Education, health and care plan (EHCP)",
  sen_support: "SEN support at school or college, without a plan",
  none: "No extra support",
  not_known: "Not known",
};

export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  "0-4": "0 to 4 years",
  "5-10": "5 to 10 years",
  "11-15": "11 to 15 years",
  "16-19": "16 to 19 years",
  "20-25": "20 to 25 years",
};

export const SCHOOL_PHASE_LABELS: Record<SchoolPhase, string> = {
  early_years: "Early years (nursery or pre-school)",
  primary: "Primary school",
  secondary: "Secondary school",
  post_16: "Post-16 (sixth form, college or training)",
  not_in_education: "Not in education",
};

export const SETTING_TYPE_LABELS: Record<SettingType, string> = {
  mainstream: "Mainstream school or setting",
  special: "Special school",
  resourced_provision: "Resourced provision or SEN unit in a mainstream school",
  alternative_provision: "Alternative provision",
  independent: "Independent school",
  home_educated: "Educated at home",
  college: "College",
  other: "Other",
};

export const STATUS_OPTIONS = options(STATUS_LABELS);
export const SORT_OPTIONS = options(SORT_LABELS);
export const PROVISION_OPTIONS = options(PROVISION_LABELS);
export const AGE_BAND_OPTIONS = options(AGE_BAND_LABELS);
export const SCHOOL_PHASE_OPTIONS = options(SCHOOL_PHASE_LABELS);
export const SETTING_TYPE_OPTIONS = options(SETTING_TYPE_LABELS);
export const MEMBER_TYPE_FILTER_OPTIONS = options(MEMBER_TYPE_LABELS);

const DATE = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "Europe/London",
});

/** "2026-11-22" → "22 November 2026"; anything else is shown as it is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? iso : DATE.format(date);
}

/** A timestamp → "22 November 2026 at 14:05" (UK time), the same in every web view. */
export function formatDateTime(timestamp: string | null | undefined): string {
  if (!timestamp) return "";
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    DATE_TIME.formatToParts(date).find((p) => p.type === type)?.value ?? "";
  return `${part("day")} ${part("month")} ${part("year")} at ${part("hour")}:${part("minute")}`;
}

/** "Zoë Nowak", or "Zoë Nowak (known as Zo)". */
export function memberName(member: {
  firstName: string;
  lastName: string;
  preferredName: string | null;
}): string {
  const name = `${member.firstName} ${member.lastName}`;
  return member.preferredName ? `${name} (known as ${member.preferredName})` : name;
}

/** Roles that may see and record children's needs and equality information. */
export function canSeeSpecialCategory(role: string): boolean {
  return role === "admin" || role === "officer";
}
