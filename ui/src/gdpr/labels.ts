import type { DataRequest } from "../bindings/DataRequest";
import type { RequestKind } from "../bindings/RequestKind";
import type { RequestStatus } from "../bindings/RequestStatus";

export const KIND_LABELS: Record<RequestKind, string> = {
  access: "A copy of their data",
  erasure: "Erasure",
};

export const STATUS_LABELS: Record<RequestStatus, string> = {
  open: "Open",
  answered: "Answered",
  refused: "Refused",
  withdrawn: "Withdrawn",
};

/** "14 December 2026" from an ISO date. */
export function longDate(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  if (!year || !month || !day) return iso;
  const months = [
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
  return `${day} ${months[month - 1]} ${year}`;
}

/** Who the request is from: the member's name, or the requester as written. */
export function requestFrom(request: DataRequest): string {
  return request.personName ?? request.requester ?? "Not recorded";
}

/** How long is left, in words (never colour alone): "Overdue by 3 days", "Due today". */
export function timeLeft(request: DataRequest): string {
  if (request.status !== "open") return STATUS_LABELS[request.status];
  const days = request.daysLeft;
  const plural = (n: number) => (n === 1 ? "1 day" : `${n} days`);
  if (days < 0) return `Overdue by ${plural(-days)}`;
  if (days === 0) return "Due today";
  return `${plural(days)} left`;
}
