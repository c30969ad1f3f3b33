// Plain-English words for the affiliation's coded values. The codes come from the core
// (generated bindings); only their labels live here.
import type { AffiliationStatus } from "../bindings/AffiliationStatus";
import type { AffiliationStep } from "../bindings/AffiliationStep";
import type { Meets } from "../bindings/Meets";
import type { OrganisationKind } from "../bindings/OrganisationKind";
import type { Role } from "../bindings/Role";
import type { Option } from "../members/labels";
import { canManageGroups } from "../roles";

export const KIND_LABELS: Record<OrganisationKind, string> = {
  parent_group: "Parent support group",
  charity: "Charity",
  school_or_college: "School or college",
  local_authority: "Local authority service",
  nhs: "NHS body",
  sendiass: "SENDIASS",
  other: "Other",
};

export const KIND_OPTIONS: Option<OrganisationKind>[] = (
  Object.entries(KIND_LABELS) as [OrganisationKind, string][]
).map(([value, label]) => ({ value, label }));

export const MEETS_LABELS: Record<Meets, string> = {
  online: "Online",
  in_person: "In person",
  both: "Both online and in person",
};

export const MEETS_OPTIONS: Option<Meets>[] = (
  Object.entries(MEETS_LABELS) as [Meets, string][]
).map(([value, label]) => ({ value, label }));

export const AFFILIATION_STATUS_LABELS: Record<AffiliationStatus, string> = {
  enquiry: "Enquiry",
  applied: "Application received",
  affiliated: "Affiliated",
  renewal_due: "Renewal due",
  lapsed: "Lapsed",
  withdrawn: "Withdrawn",
  declined: "Declined",
};

export const AFFILIATION_STATUS_OPTIONS: Option<AffiliationStatus>[] = (
  Object.entries(AFFILIATION_STATUS_LABELS) as [AffiliationStatus, string][]
).map(([value, label]) => ({ value, label }));

/** "Not affiliated" when a partner body has never enquired. */
export function statusLabel(status: AffiliationStatus | null | undefined): string {
  return status ? AFFILIATION_STATUS_LABELS[status] : "Not affiliated";
}

export const STEP_LABELS: Record<AffiliationStep, string> = {
  enquiry: "Enquiry",
  applied: "Application received",
  approved: "Approved",
  renewed: "Renewed",
  lapsed: "Lapsed",
  withdrawn: "Withdrawn",
  declined: "Declined",
};

/**
 * The steps the core allows from each status, in the order the buttons are shown. The core
 * checks again; this only avoids offering what it would refuse.
 */
export function allowedSteps(status: AffiliationStatus | null | undefined): AffiliationStep[] {
  switch (status) {
    case "enquiry":
      return ["applied", "declined", "withdrawn"];
    case "applied":
      return ["approved", "declined", "withdrawn"];
    case "affiliated":
    case "renewal_due":
      return ["renewed", "lapsed", "withdrawn"];
    default:
      // Never enquired, or the last affiliation ended: a new one may start.
      return ["enquiry", "applied"];
  }
}

/** Volunteers may record enquiries; every other step is for officers and admins. */
export function stepsFor(role: Role, status: AffiliationStatus | null | undefined) {
  const steps = allowedSteps(status);
  return canManageGroups(role) ? steps : steps.filter((step) => step === "enquiry");
}
