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
