import type { ActivityKind } from "../bindings/ActivityKind";
import type { Attendance } from "../bindings/Attendance";
import type { Level } from "../bindings/Level";
import type { Rung } from "../bindings/Rung";

export const KIND_LABELS: Record<ActivityKind, string> = {
  board_meeting: "Partnership board or group meeting",
  priority_group: "Priority group",
  task_and_finish: "Task and finish group",
  consultation: "Consultation",
  co_production_request: "Co-production request",
  survey: "Survey",
  training_delivered: "Training delivered",
  training_received: "Training received",
  event: "Event",
  coffee_morning: "Coffee morning",
  other: "Other",
};

/** The protocol's levels (§7.3), with what each means, for radios. */
export const LEVEL_LABELS: Record<Level, string> = {
  individual: "Individual",
  operational: "Operational",
  strategic: "Strategic",
};

const LEVEL_HINTS: Record<Level, string> = {
  individual: "One family's plan or support.",
  operational: "How a service or team works.",
  strategic: "The local area's plans and priorities.",
};

/** The co-production ladder (§7.4), top rung first as the protocol draws it. */
export const RUNG_LABELS: Record<Rung, string> = {
  co_production: "Co-production",
  co_design: "Co-design",
  engagement: "Engagement",
  consultation: "Consultation",
  information: "Information",
  education: "Education",
};

export const ATTENDANCE_LABELS: Record<Attendance, string> = {
  attended: "Attended",
  apologies: "Sent apologies",
  not_represented: "Not represented",
};

function options<T extends string>(labels: Record<T, string>) {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
}

export const KIND_OPTIONS = options(KIND_LABELS);
export const RUNG_OPTIONS = options(RUNG_LABELS);
export const ATTENDANCE_OPTIONS = options(ATTENDANCE_LABELS);
export const LEVEL_OPTIONS = options(LEVEL_LABELS).map((option) => ({
  ...option,
  hint: LEVEL_HINTS[option.value],
}));

/** Volunteer time as people say it: "1 hour 30 minutes", "45 minutes". */
export function formatMinutes(total: number): string {
  if (total === 0) return "";
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  const parts = [];
  if (hours > 0) parts.push(`${hours} ${hours === 1 ? "hour" : "hours"}`);
  if (minutes > 0) parts.push(`${minutes} ${minutes === 1 ? "minute" : "minutes"}`);
  return parts.join(" ");
}

/** Minutes back into what the hours field accepts ("1:30"), so an edit round-trips exactly. */
export function hoursText(total: number): string {
  if (total === 0) return "";
  const minutes = total % 60;
  return minutes === 0
    ? String(total / 60)
    : `${Math.floor(total / 60)}:${String(minutes).padStart(2, "0")}`;
}

/** A date as the forms' text fields show it: 27/03/2026. */
export function dayFirst(date: Date): string {
  const dd = String(date.getDate()).padStart(2, "0");
  const mm = String(date.getMonth() + 1).padStart(2, "0");
  return `${dd}/${mm}/${date.getFullYear()}`;
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export type Quarter = { label: string; from: string; to: string };

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * The grant year's quarters (April–June is quarter 1 of the year that starts in April),
 * from this quarter back over the last two grant years, newest first.
 */
export function recentQuarters(today: Date, count = 8): Quarter[] {
  // Months since April of year 0, so quarters are whole divisions.
  let index = Math.floor((today.getFullYear() * 12 + today.getMonth() - 3) / 3);
  const quarters: Quarter[] = [];
  for (let n = 0; n < count; n++, index--) {
    const startMonth = index * 3 + 3;
    const year = Math.floor(startMonth / 12);
    const month = startMonth % 12;
    const endYear = Math.floor((startMonth + 2) / 12);
    const endMonth = (startMonth + 2) % 12;
    const lastDay = new Date(endYear, endMonth + 1, 0).getDate();
    const grantYear = month >= 3 ? year : year - 1;
    const number = ((month - 3 + 12) % 12) / 3 + 1;
    quarters.push({
      label: `Quarter ${number} of ${grantYear}–${String((grantYear + 1) % 100).padStart(2, "0")} (${MONTHS[month]} to ${MONTHS[endMonth]} ${endYear})`,
      from: iso(year, month + 1, 1),
      to: iso(endYear, endMonth + 1, lastDay),
    });
  }
  return quarters;
}
