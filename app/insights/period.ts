// Periods of the insights in Vietnam time: this month, this quarter, this school year (1 September – 31 August)
// or custom dates, each with the period just before it for the "change" of the headline figures. Pure.
import { isoToVnLocal, vnLocalToIso } from "~/lib/time";

export type RangePreset = "month" | "quarter" | "year" | "custom";

export interface Period {
  preset: RangePreset;
  /** First and last day in Vietnam, inclusive ("2026-10-01", "2026-12-31"). */
  fromDate: string;
  toDate: string;
  /** The same as instants: [from, to) in ISO UTC, the form of every stored time. */
  from: string;
  to: string;
  previous: { fromDate: string; toDate: string; from: string; to: string };
}

/** The longest range the page computes (longer ones are refused with a message). */
export const MAX_RANGE_DAYS = 3 * 366;

const pad = (n: number) => String(n).padStart(2, "0");
const ymd = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
};

/** "2026-12-31" + n days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return ymd(y, m, d + days);
}

/** Days from a to b inclusive. */
export function daysInclusive(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000) + 1;
}

function span(fromDate: string, toDate: string) {
  return { fromDate, toDate, from: vnLocalToIso(fromDate, "00:00"), to: vnLocalToIso(addDays(toDate, 1), "00:00") };
}

/** The preset's days around a Vietnam date, and the days of the preset just before. */
function presetDays(preset: Exclude<RangePreset, "custom">, today: string) {
  const [y, m] = today.split("-").map(Number);
  if (preset === "month") {
    return { cur: [ymd(y, m, 1), ymd(y, m + 1, 0)], prev: [ymd(y, m - 1, 1), ymd(y, m, 0)] };
  }
  if (preset === "quarter") {
    const q0 = Math.floor((m - 1) / 3) * 3 + 1;
    return { cur: [ymd(y, q0, 1), ymd(y, q0 + 3, 0)], prev: [ymd(y, q0 - 3, 1), ymd(y, q0, 0)] };
  }
  const start = m >= 9 ? y : y - 1;
  return { cur: [ymd(start, 9, 1), ymd(start + 1, 8, 31)], prev: [ymd(start - 1, 9, 1), ymd(start, 8, 31)] };
}

/** The period asked for; `now` decides "this month / quarter / school year" in Vietnam time. */
export function periodOf(input: { preset: RangePreset; from?: string; to?: string; now: string }): Period {
  if (input.preset === "custom") {
    const fromDate = input.from!;
    const toDate = input.to!;
    const days = daysInclusive(fromDate, toDate);
    const prev = span(addDays(fromDate, -days), addDays(fromDate, -1));
    return { preset: "custom", ...span(fromDate, toDate), previous: prev };
  }
  const d = presetDays(input.preset, isoToVnLocal(input.now).date);
  return { preset: input.preset, ...span(d.cur[0], d.cur[1]), previous: span(d.prev[0], d.prev[1]) };
}

/** Monday of the week (Vietnam calendar) of a date. */
export function mondayOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((day + 6) % 7));
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** Months "2026-10" … of a period. */
export function monthsOf(fromDate: string, toDate: string): string[] {
  const out: string[] = [];
  let [y, m] = fromDate.split("-").map(Number);
  const last = toDate.slice(0, 7);
  for (;;) {
    const key = `${y}-${pad(m)}`;
    out.push(key);
    if (key >= last) return out;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

/** Week starts (Mondays) covering a period. */
export function weeksOf(fromDate: string, toDate: string): string[] {
  const out: string[] = [];
  for (let w = mondayOf(fromDate); w <= toDate; w = addDays(w, 7)) out.push(w);
  return out;
}
