import type { RetentionEntry } from "../bindings/RetentionEntry";

export function retentionEntry(overrides: Partial<RetentionEntry> = {}): RetentionEntry {
  return {
    rule: "left_members",
    subjectId: "p-1",
    personId: "p-1",
    name: "Sam Doe",
    reason: "Left on 03/01/2024, more than 24 months ago",
    actionable: true,
    ...overrides,
  };
}

export const LEFT = retentionEntry();
export const APPLICANT = retentionEntry({
  rule: "unconfirmed_applicants",
  subjectId: "p-2",
  personId: "p-2",
  name: "Ola Nowak",
  reason: "Applied on 05/01/2026 and was never confirmed, more than 6 months ago",
});
export const AUDIT = retentionEntry({
  rule: "audit_entries",
  subjectId: "audit_log",
  personId: null,
  name: null,
  reason:
    "12 audit entries were written before 22/11/2020, more than 72 months ago. Applying removes them; the trail keeps the last one's fingerprint, so what remains can still be checked.",
});
