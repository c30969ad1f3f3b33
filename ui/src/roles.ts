import type { Role } from "./bindings/Role";

export const ROLES: readonly Role[] = ["admin", "officer", "volunteer", "kiosk"];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  officer: "Officer",
  volunteer: "Volunteer",
  kiosk: "Kiosk",
};

export const ROLE_HINTS: Record<Role, string> = {
  admin: "Manages users and settings.",
  officer: "Works with members, groups, evidence and reports.",
  volunteer: "Adds and updates members. Cannot export lists of members.",
  kiosk: "Can only use the sign-up form, for example at a stall.",
};

/**
 * Roles that may merge duplicate records or mark them as different people. The core checks
 * this on every call; the screens only hide what would be refused.
 */
export function canMergeMembers(role: Role): boolean {
  return role === "admin" || role === "officer";
}

/** Roles that may add, change and remove organisations and take affiliations through their steps. */
export function canManageGroups(role: Role): boolean {
  return role === "admin" || role === "officer";
}

/** Roles that may see affiliated groups and record a group's enquiry. */
export function canViewGroups(role: Role): boolean {
  return role === "admin" || role === "officer" || role === "volunteer";
}

/** Roles that may review indicators, manage grant years and build the evidence pack. */
export function canManageEvidence(role: Role): boolean {
  return role === "admin" || role === "officer";
}

/** Roles that may see the evidence screens (volunteers see the indicators read-only). */
export function canViewEvidence(role: Role): boolean {
  return role === "admin" || role === "officer" || role === "volunteer";
}

/**
 * Roles that may see, add and change participation activities and record body meetings;
 * deleting one and managing bodies and seats needs `canManageEvidence`.
 */
export function canViewActivities(role: Role): boolean {
  return role === "admin" || role === "officer" || role === "volunteer";
}

/**
 * Roles that see the data protection area: the retention queue, the audit log, breaches and
 * the record of processing. Subject access and erasure requests need `canHandleDataRequests`.
 */
export function canUseDataProtection(role: Role): boolean {
  return role === "admin" || role === "officer";
}

/** Roles that may log and answer subject access and erasure requests, and erase a person. */
export function canHandleDataRequests(role: Role): boolean {
  return role === "admin";
}

/** Roles that see recruitment drives and their results, plan drives and start the kiosk. */
export function canViewDrives(role: Role): boolean {
  return role === "admin" || role === "officer" || role === "volunteer";
}

/** Roles that may start the sign-up kiosk for a drive (the same people who plan drives). */
export function canRunKiosk(role: Role): boolean {
  return canViewDrives(role);
}

/** Roles that review kiosk sign-ups: accept, merge into a record or discard them. */
export function canReviewSignUps(role: Role): boolean {
  return role === "admin" || role === "officer";
}
