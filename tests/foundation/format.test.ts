// The cached formatters give exactly what a freshly built Intl formatter gives, in both languages, including
// the awkward instants (New Year in Vietnam, the last day of a month, a Sunday night).
import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatLongDate, formatMoney, formatNumber, formatPercent, formatTime } from "~/i18n/format";

const INSTANTS = [
  "2026-12-31T17:30:00.000Z", // 00:30 on 1 January 2027 in Vietnam
  "2027-01-31T16:59:59.000Z", // 23:59 on the last day of January in Vietnam
  "2026-11-29T16:45:00.000Z", // Sunday 23:45 in Vietnam
  "2026-02-28T01:00:00.000Z",
];

function fresh(locale: "vi" | "en", iso: string) {
  const tag = locale === "vi" ? "vi-VN" : "en-GB";
  const p = (o: Intl.DateTimeFormatOptions) =>
    Object.fromEntries(new Intl.DateTimeFormat(tag, { timeZone: "Asia/Ho_Chi_Minh", hourCycle: "h23", ...o }).formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  const d = locale === "vi" ? p({ day: "2-digit", month: "2-digit", year: "numeric" }) : p({ day: "numeric", month: "short", year: "numeric" });
  const date = locale === "vi" ? `${d.day}/${d.month}/${d.year}` : `${d.day} ${d.month} ${d.year}`;
  const t = p({ hour: "2-digit", minute: "2-digit" });
  return { date, time: `${t.hour}:${t.minute}` };
}

describe("formatters", () => {
  it("match freshly built Intl formatters for every instant in both languages", () => {
    for (const iso of INSTANTS) {
      for (const locale of ["vi", "en"] as const) {
        const f = fresh(locale, iso);
        expect(formatDate(locale, iso)).toBe(f.date);
        expect(formatTime(locale, iso)).toBe(f.time);
        expect(formatDateTime(locale, iso)).toBe(locale === "vi" ? `${f.date} ${f.time}` : `${f.date}, ${f.time}`);
      }
    }
  });

  it("show the Vietnamese calendar day and weekday at the awkward instants", () => {
    expect(formatDateTime("vi", "2026-12-31T17:30:00.000Z")).toBe("01/01/2027 00:30");
    expect(formatDateTime("en", "2026-12-31T17:30:00.000Z")).toBe("1 Jan 2027, 00:30");
    expect(formatLongDate("vi", "2026-11-29T16:45:00.000Z")).toBe("Chủ Nhật, 29/11/2026");
    expect(formatLongDate("en", "2026-11-29T16:45:00.000Z")).toBe("Sunday, 29 Nov 2026");
    expect(formatDate("vi", "2027-01-31T16:59:59.000Z")).toBe("31/01/2027");
  });

  it("format money, numbers and percentages the same way every call", () => {
    for (let i = 0; i < 3; i++) {
      expect(formatMoney("vi", 150000)).toBe(new Intl.NumberFormat("vi-VN", { style: "currency", currency: "VND", maximumFractionDigits: 0 }).format(150000));
      expect(formatMoney("en", 150000)).toBe(formatMoney("vi", 150000));
      expect(formatNumber("vi", 1234567)).toBe("1.234.567");
      expect(formatNumber("en", 1234567)).toBe("1,234,567");
      expect(formatPercent("en", 0.456)).toBe("46%");
    }
  });
});
