// Pure rules of the lab (no database, safe for client and server): Vietnam-time weeks, opening hours and the
// slots they make, the text form of opening hours, and who may book what.
import type { LabResourceKind, Role } from "#db/schema";
import { ok, refuse, type Result } from "~/lib/result";
import { addMinutes, isoToVnLocal, vnLocalToIso } from "~/lib/time";

export interface OpeningRange {
  weekday: number;
  opensAt: string;
  closesAt: string;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** Monday (Vietnam) of the week of a local date. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** Monday (Vietnam) of the week an instant falls in: the quota's week. */
export function weekStartOf(iso: string): string {
  return mondayOf(isoToVnLocal(iso).date);
}

/** [start, end) of a local week as ISO UTC. */
export function weekRangeIso(monday: string): { from: string; to: string } {
  return { from: vnLocalToIso(monday, "00:00"), to: vnLocalToIso(addDays(monday, 7), "00:00") };
}

function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return h * 60 + m;
}

function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Slot starts (local HH:MM) of one day: each opening range cut into whole slots. */
export function slotTimesOfDay(hours: OpeningRange[], weekday: number, slotMinutes: number): string[] {
  const out: string[] = [];
  for (const h of hours.filter((r) => r.weekday === weekday).sort((a, b) => a.opensAt.localeCompare(b.opensAt))) {
    for (let t = minutesOf(h.opensAt); t + slotMinutes <= minutesOf(h.closesAt); t += slotMinutes) out.push(timeOf(t));
  }
  return out;
}

/**
 * `count` consecutive slots from `startsAt` lie inside one opening range of their day: the slot starts (ISO), or
 * null when they do not (outside the hours, not on a slot boundary, or running past closing time).
 */
export function consecutiveSlots(hours: OpeningRange[], slotMinutes: number, startsAt: string, count: number): string[] | null {
  const { date, time } = isoToVnLocal(startsAt);
  if (vnLocalToIso(date, time) !== new Date(startsAt).toISOString()) return null; // seconds are not a slot
  const start = minutesOf(time);
  const end = start + count * slotMinutes;
  const range = hours.find(
    (h) => h.weekday === isoWeekday(date) && minutesOf(h.opensAt) <= start && end <= minutesOf(h.closesAt) && (start - minutesOf(h.opensAt)) % slotMinutes === 0,
  );
  if (!range) return null;
  return Array.from({ length: count }, (_, i) => addMinutes(startsAt, i * slotMinutes));
}

/** The slot starts a booking holds: its length cut into its number of slots. */
export function slotStartsOf(booking: { starts_at: string; ends_at: string; slots: number }): string[] {
  const minutes = (Date.parse(booking.ends_at) - Date.parse(booking.starts_at)) / 60_000 / booking.slots;
  return Array.from({ length: booking.slots }, (_, i) => addMinutes(booking.starts_at, i * minutes));
}

export function bookingMinutes(booking: { starts_at: string; ends_at: string }): number {
  return Math.round((Date.parse(booking.ends_at) - Date.parse(booking.starts_at)) / 60_000);
}

/** Machines: students, teachers and staff; rooms also school coordinators. */
export function mayBookKind(role: Role, kind: LabResourceKind): boolean {
  if (role === "student" || role === "teacher" || role === "staff" || role === "admin") return true;
  return role === "coordinator" && kind === "room";
}

/** Age and grade limits apply to students (adults are old enough). */
export function tooYoung(
  resource: { min_grade: number | null; min_age: number | null },
  user: { role: Role; grade: number | null; birth_year: number | null },
  year: number,
): boolean {
  if (user.role !== "student") return false;
  if (resource.min_grade !== null && (user.grade === null || user.grade < resource.min_grade)) return true;
  if (resource.min_age !== null && (user.birth_year === null || year - user.birth_year < resource.min_age)) return true;
  return false;
}

// ---- Opening hours as text (the staff form works without JavaScript) --------------------------------------

/** "1-5 08:00-17:00" or "6 08:00-12:00" per line ⇄ ranges. */
export function parseOpeningHours(text: string): Result<OpeningRange[], "badHours"> {
  const out: OpeningRange[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const m = /^([1-7])(?:\s*-\s*([1-7]))?\s*:?\s+([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-4]):([0-5]\d)$/.exec(line);
    if (!m) return refuse("badHours", { params: { line: i + 1 } });
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : from;
    const opensAt = `${m[3]}:${m[4]}`;
    const closesAt = `${m[5]}:${m[6]}`;
    if (to < from || closesAt <= opensAt || closesAt > "24:00") return refuse("badHours", { params: { line: i + 1 } });
    for (let d = from; d <= to; d++) out.push({ weekday: d, opensAt, closesAt });
  }
  return ok(out);
}

export function formatOpeningHours(hours: OpeningRange[]): string {
  return [...hours]
    .sort((a, b) => a.weekday - b.weekday || a.opensAt.localeCompare(b.opensAt))
    .map((h) => `${h.weekday} ${h.opensAt}-${h.closesAt}`)
    .join("\n");
}
