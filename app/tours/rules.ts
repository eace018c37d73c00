// Pure rules of tours (no database, safe for client and server): adult ratios, the booking lifecycle,
// recurring slot generation, cancellation deadlines, month grids and references.
import type { TourBookingStatus } from "#db/schema";
import { ok, refuse, type Result } from "~/lib/result";
import { vnLocalToIso, addMinutes } from "~/lib/time";

export interface RatioRule {
  gradeMin: number;
  gradeMax: number;
  studentsPerAdult: number;
}

/** When no rule of the tour matches the booking's grades, the centre's general rule applies. */
export const DEFAULT_STUDENTS_PER_ADULT = 20;

/** The strictest rule (fewest students per adult) among those overlapping the booking's grade range. */
export function applicableStudentsPerAdult(rules: RatioRule[], gradeMin: number, gradeMax: number): number {
  const matching = rules.filter((r) => r.gradeMin <= gradeMax && r.gradeMax >= gradeMin);
  if (matching.length === 0) return DEFAULT_STUDENTS_PER_ADULT;
  return Math.min(...matching.map((r) => r.studentsPerAdult));
}

export function requiredAdults(rules: RatioRule[], students: number, gradeMin: number, gradeMax: number): number {
  if (students <= 0) return 0;
  return Math.ceil(students / applicableStudentsPerAdult(rules, gradeMin, gradeMax));
}

/** "6-9: 15" lines ⇄ rules (the staff form edits ratio rules as text, so it works without JavaScript). */
export function parseRatioRules(text: string): Result<RatioRule[], "badRatioRules"> {
  const rules: RatioRule[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const m = /^(\d{1,2})\s*(?:-\s*(\d{1,2}))?\s*:\s*(\d{1,3})$/.exec(line);
    if (!m) return refuse("badRatioRules", { params: { line: i + 1 } });
    const gradeMin = Number(m[1]);
    const gradeMax = m[2] ? Number(m[2]) : gradeMin;
    const studentsPerAdult = Number(m[3]);
    if (gradeMin < 1 || gradeMax > 12 || gradeMax < gradeMin || studentsPerAdult < 1) return refuse("badRatioRules", { params: { line: i + 1 } });
    rules.push({ gradeMin, gradeMax, studentsPerAdult });
  }
  return ok(rules);
}

export function formatRatioRules(rules: RatioRule[]): string {
  return rules.map((r) => `${r.gradeMin}-${r.gradeMax}: ${r.studentsPerAdult}`).join("\n");
}

// ---- Lifecycle -------------------------------------------------------------------------------------------

export type BookingAction = "confirm" | "decline" | "cancelBySchool" | "cancelByStaff" | "complete" | "move";

/** Who may do what from which status; the single table every change goes through. */
const TRANSITIONS: Record<BookingAction, { from: TourBookingStatus[]; to: TourBookingStatus | "same"; staffOnly: boolean }> = {
  confirm: { from: ["requested"], to: "confirmed", staffOnly: true },
  decline: { from: ["requested"], to: "declined", staffOnly: true },
  cancelBySchool: { from: ["requested", "confirmed"], to: "cancelled", staffOnly: false },
  cancelByStaff: { from: ["requested", "confirmed"], to: "cancelled", staffOnly: true },
  complete: { from: ["confirmed"], to: "completed", staffOnly: true },
  move: { from: ["requested", "confirmed"], to: "same", staffOnly: true },
};

export type TransitionRefusal = "notAllowed" | "illegalTransition";

/** The status a booking moves to, or why this actor may not do this now. */
export function transition(status: TourBookingStatus, action: BookingAction, actor: "staff" | "school"): Result<TourBookingStatus, TransitionRefusal> {
  const rule = TRANSITIONS[action];
  if (rule.staffOnly && actor !== "staff") return refuse("notAllowed");
  if (!rule.from.includes(status)) return refuse("illegalTransition");
  return ok(rule.to === "same" ? status : rule.to);
}

/** Requested and confirmed bookings hold seats; the others do not. */
export function holdsSeats(status: TourBookingStatus): boolean {
  return status === "requested" || status === "confirmed";
}

/** A school may cancel until `daysBefore` whole days before the start. */
export function schoolCancelDeadline(startsAt: string, daysBefore: number): string {
  return new Date(Date.parse(startsAt) - daysBefore * 24 * 60 * 60_000).toISOString();
}

export function canSchoolCancelAt(startsAt: string, daysBefore: number, now: string): boolean {
  return Date.parse(now) < Date.parse(schoolCancelDeadline(startsAt, daysBefore));
}

// ---- Recurring slots ------------------------------------------------------------------------------------

export interface RecurringPattern {
  /** First local date (Asia/Ho_Chi_Minh), YYYY-MM-DD. */
  startDate: string;
  weeks: number;
  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** Local start times, HH:MM. */
  times: string[];
  blackoutDates: string[];
  durationMinutes: number;
}

export interface GeneratedSlot {
  date: string;
  time: string;
  startsAt: string;
  endsAt: string;
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function isoWeekday(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** Every slot of the pattern, in order, skipping blackout dates; local times become ISO UTC. */
export function generateRecurringSlots(p: RecurringPattern): GeneratedSlot[] {
  const blackout = new Set(p.blackoutDates);
  const times = [...new Set(p.times)].sort();
  const out: GeneratedSlot[] = [];
  for (let i = 0; i < p.weeks * 7; i++) {
    const date = addDays(p.startDate, i);
    if (!p.weekdays.includes(isoWeekday(date)) || blackout.has(date)) continue;
    for (const time of times) {
      const startsAt = vnLocalToIso(date, time);
      out.push({ date, time, startsAt, endsAt: addMinutes(startsAt, p.durationMinutes) });
    }
  }
  return out;
}

// ---- Month grid -----------------------------------------------------------------------------------------

/** Weeks (Monday first) of local dates of a month "YYYY-MM"; null pads the first and last week. */
export function monthGrid(month: string): (string | null)[][] {
  const [y, m] = month.split("-").map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const first = `${month}-01`;
  const cells: (string | null)[] = Array.from({ length: isoWeekday(first) - 1 }, () => null);
  for (let d = 1; d <= days; d++) cells.push(`${month}-${String(d).padStart(2, "0")}`);
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** [start, end) of a local month as ISO UTC. */
export function monthRangeIso(month: string): { from: string; to: string } {
  return { from: vnLocalToIso(`${month}-01`, "00:00"), to: vnLocalToIso(`${shiftMonth(month, 1)}-01`, "00:00") };
}

/** [start, end) of a local day as ISO UTC. */
export function dayRangeIso(date: string): { from: string; to: string } {
  return { from: vnLocalToIso(date, "00:00"), to: vnLocalToIso(addDays(date, 1), "00:00") };
}

// ---- References -----------------------------------------------------------------------------------------

export function formatReference(year: number, sequence: number): string {
  return `TQ-${year}-${String(sequence).padStart(4, "0")}`;
}

export function bookingStatusBadge(status: TourBookingStatus): string {
  switch (status) {
    case "confirmed":
    case "completed":
      return "badge-ok";
    case "requested":
      return "badge-warn";
    case "declined":
      return "badge-bad";
    default:
      return "badge-neutral";
  }
}
