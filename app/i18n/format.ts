// Dates, times, numbers and money through Intl: vi-VN / en-GB, time zone Asia/Ho_Chi_Minh, integer VND.
// Formatters are built once per locale and option set and reused: creating an Intl formatter costs ~30× a
// format call and allocates ICU memory outside the JS heap.
import { TIME_ZONE } from "~/lib/time";
import type { Locale } from "./index";

const tag = (locale: Locale) => (locale === "vi" ? "vi-VN" : "en-GB");

function memo<F>(make: (locale: Locale) => F): (locale: Locale) => F {
  const cache: Partial<Record<Locale, F>> = {};
  return (locale) => (cache[locale] ??= make(locale));
}

const dateTimeFormat = (options: Intl.DateTimeFormatOptions) =>
  memo((locale) => new Intl.DateTimeFormat(tag(locale), { timeZone: TIME_ZONE, hourCycle: "h23", ...options }));

const numericDate = dateTimeFormat({ day: "2-digit", month: "2-digit", year: "numeric" });
const shortMonthDate = dateTimeFormat({ day: "numeric", month: "short", year: "numeric" });
const hourMinute = dateTimeFormat({ hour: "2-digit", minute: "2-digit" });
const weekdayLong = memo((locale) => new Intl.DateTimeFormat(tag(locale), { timeZone: TIME_ZONE, weekday: "long" }));
const vnd = new Intl.NumberFormat("vi-VN", { style: "currency", currency: "VND", maximumFractionDigits: 0 });
const plainNumber = memo((locale) => new Intl.NumberFormat(tag(locale)));
const percent = memo((locale) => new Intl.NumberFormat(tag(locale), { style: "percent", maximumFractionDigits: 0 }));

function parts(format: Intl.DateTimeFormat, iso: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of format.formatToParts(new Date(iso))) out[p.type] = p.value;
  return out;
}

/** vi: 28/11/2026 · en: 28 Nov 2026 */
export function formatDate(locale: Locale, iso: string): string {
  if (locale === "vi") {
    const p = parts(numericDate(locale), iso);
    return `${p.day}/${p.month}/${p.year}`;
  }
  const p = parts(shortMonthDate(locale), iso);
  return `${p.day} ${p.month} ${p.year}`;
}

/** 08:30 in both languages (24-hour). */
export function formatTime(locale: Locale, iso: string): string {
  const p = parts(hourMinute(locale), iso);
  return `${p.hour}:${p.minute}`;
}

/** vi: 28/11/2026 08:30 · en: 28 Nov 2026, 08:30 */
export function formatDateTime(locale: Locale, iso: string): string {
  return locale === "vi"
    ? `${formatDate(locale, iso)} ${formatTime(locale, iso)}`
    : `${formatDate(locale, iso)}, ${formatTime(locale, iso)}`;
}

/** Weekday and date, e.g. "Thứ Bảy, 05/12/2026" / "Saturday, 5 Dec 2026". */
export function formatLongDate(locale: Locale, iso: string): string {
  const weekday = weekdayLong(locale).format(new Date(iso));
  const w = weekday.charAt(0).toUpperCase() + weekday.slice(1);
  return `${w}, ${formatDate(locale, iso)}`;
}

/** 150.000 ₫ (no decimals) in both languages: the currency is always VND. */
export function formatMoney(_locale: Locale, amount: number): string {
  return vnd.format(amount);
}

export function formatNumber(locale: Locale, n: number): string {
  return plainNumber(locale).format(n);
}

export function formatPercent(locale: Locale, fraction: number): string {
  return percent(locale).format(fraction);
}

/** Vietnamese names sort by given name (the last word), then the whole name, with Vietnamese collation. */
const viCollator = new Intl.Collator("vi");
export function compareVietnameseNames(a: string, b: string): number {
  const given = (n: string) => n.trim().split(/\s+/).pop() ?? "";
  return viCollator.compare(given(a), given(b)) || viCollator.compare(a, b);
}

const monthYear = dateTimeFormat({ month: "short", year: "numeric" });
/** A calendar month "2026-10": vi "10/2026" · en "Oct 2026". */
export function formatMonth(locale: Locale, month: string): string {
  if (locale === "vi") return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
  const p = parts(monthYear(locale), `${month}-15T00:00:00.000Z`);
  return `${p.month} ${p.year}`;
}
