// Dates, times, numbers and money through Intl: vi-VN / en-GB, time zone Asia/Ho_Chi_Minh, integer VND.
import { TIME_ZONE } from "~/lib/time";
import type { Locale } from "./index";

const tag = (locale: Locale) => (locale === "vi" ? "vi-VN" : "en-GB");

function parts(locale: Locale, iso: string, options: Intl.DateTimeFormatOptions) {
  const p = new Intl.DateTimeFormat(tag(locale), { timeZone: TIME_ZONE, hourCycle: "h23", ...options }).formatToParts(
    new Date(iso),
  );
  return Object.fromEntries(p.map((x) => [x.type, x.value])) as Record<string, string>;
}

/** vi: 28/11/2026 · en: 28 Nov 2026 */
export function formatDate(locale: Locale, iso: string): string {
  if (locale === "vi") {
    const p = parts(locale, iso, { day: "2-digit", month: "2-digit", year: "numeric" });
    return `${p.day}/${p.month}/${p.year}`;
  }
  const p = parts(locale, iso, { day: "numeric", month: "short", year: "numeric" });
  return `${p.day} ${p.month} ${p.year}`;
}

/** 08:30 in both languages (24-hour). */
export function formatTime(locale: Locale, iso: string): string {
  const p = parts(locale, iso, { hour: "2-digit", minute: "2-digit" });
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
  const weekday = new Intl.DateTimeFormat(tag(locale), { timeZone: TIME_ZONE, weekday: "long" }).format(new Date(iso));
  const w = weekday.charAt(0).toUpperCase() + weekday.slice(1);
  return `${w}, ${formatDate(locale, iso)}`;
}

/** 150.000 ₫ (no decimals) in both languages: the currency is always VND. */
export function formatMoney(locale: Locale, vnd: number): string {
  return new Intl.NumberFormat("vi-VN", { style: "currency", currency: "VND", maximumFractionDigits: 0 }).format(vnd);
}

export function formatNumber(locale: Locale, n: number): string {
  return new Intl.NumberFormat(tag(locale)).format(n);
}

export function formatPercent(locale: Locale, fraction: number): string {
  return new Intl.NumberFormat(tag(locale), { style: "percent", maximumFractionDigits: 0 }).format(fraction);
}

/** Vietnamese names sort by given name (the last word), then the whole name, with Vietnamese collation. */
const viCollator = new Intl.Collator("vi");
export function compareVietnameseNames(a: string, b: string): number {
  const given = (n: string) => n.trim().split(/\s+/).pop() ?? "";
  return viCollator.compare(given(a), given(b)) || viCollator.compare(a, b);
}
