import { describe, expect, it } from "vitest";
import {
  applicableStudentsPerAdult,
  canSchoolCancelAt,
  formatReference,
  generateRecurringSlots,
  holdsSeats,
  monthGrid,
  parseRatioRules,
  requiredAdults,
  shiftMonth,
  transition,
} from "~/tours/rules";

const rules = [
  { gradeMin: 1, gradeMax: 5, studentsPerAdult: 10 },
  { gradeMin: 6, gradeMax: 9, studentsPerAdult: 15 },
  { gradeMin: 10, gradeMax: 12, studentsPerAdult: 20 },
];

describe("adult ratio per grade band", () => {
  it("uses the rule of the booking's band and rounds up", () => {
    expect(requiredAdults(rules, 30, 7, 8)).toBe(2);
    expect(requiredAdults(rules, 31, 7, 8)).toBe(3);
    expect(requiredAdults(rules, 30, 10, 11)).toBe(2);
    expect(requiredAdults(rules, 41, 10, 12)).toBe(3);
    expect(requiredAdults(rules, 25, 3, 4)).toBe(3);
  });
  it("applies the strictest rule when the grades span bands", () => {
    expect(applicableStudentsPerAdult(rules, 5, 6)).toBe(10);
    expect(requiredAdults(rules, 30, 5, 6)).toBe(3);
    expect(applicableStudentsPerAdult(rules, 9, 10)).toBe(15);
  });
  it("falls back to 1 per 20 without a matching rule", () => {
    expect(requiredAdults([], 41, 7, 7)).toBe(3);
  });
  it("parses ratio rules written as text and refuses a bad line", () => {
    expect(parseRatioRules("1-5: 10\n\n6-9:15\n10 : 20")).toEqual({
      ok: true,
      value: [
        { gradeMin: 1, gradeMax: 5, studentsPerAdult: 10 },
        { gradeMin: 6, gradeMax: 9, studentsPerAdult: 15 },
        { gradeMin: 10, gradeMax: 10, studentsPerAdult: 20 },
      ],
    });
    expect(parseRatioRules("1-5: 10\nsáu: 15")).toEqual({ ok: false, reason: "badRatioRules", params: { line: 2 } });
    expect(parseRatioRules("9-6: 10")).toEqual({ ok: false, reason: "badRatioRules", params: { line: 1 } });
    expect(parseRatioRules("1-13: 10")).toEqual({ ok: false, reason: "badRatioRules", params: { line: 1 } });
  });
});

describe("booking lifecycle", () => {
  it("allows the legal transitions", () => {
    expect(transition("requested", "confirm", "staff")).toEqual({ ok: true, value: "confirmed" });
    expect(transition("requested", "decline", "staff")).toEqual({ ok: true, value: "declined" });
    expect(transition("confirmed", "complete", "staff")).toEqual({ ok: true, value: "completed" });
    expect(transition("confirmed", "cancelBySchool", "school")).toEqual({ ok: true, value: "cancelled" });
    expect(transition("requested", "cancelByStaff", "staff")).toEqual({ ok: true, value: "cancelled" });
    expect(transition("confirmed", "move", "staff")).toEqual({ ok: true, value: "confirmed" });
  });
  it("refuses illegal ones", () => {
    for (const [from, action] of [
      ["requested", "complete"],
      ["declined", "confirm"],
      ["cancelled", "confirm"],
      ["completed", "cancelByStaff"],
      ["confirmed", "decline"],
      ["confirmed", "confirm"],
      ["declined", "move"],
      ["completed", "cancelBySchool"],
    ] as const) {
      expect(transition(from, action, "staff"), `${from} → ${action}`).toEqual({ ok: false, reason: "illegalTransition" });
    }
  });
  it("a school can only cancel; staff-only actions are refused to schools", () => {
    expect(transition("requested", "confirm", "school")).toEqual({ ok: false, reason: "notAllowed" });
    expect(transition("confirmed", "move", "school")).toEqual({ ok: false, reason: "notAllowed" });
    expect(transition("requested", "cancelByStaff", "school")).toEqual({ ok: false, reason: "notAllowed" });
  });
  it("requested and confirmed bookings hold seats, the others do not", () => {
    expect(["requested", "confirmed", "declined", "cancelled", "completed"].map((s) => holdsSeats(s as never))).toEqual([true, true, false, false, false]);
  });
  it("schools may cancel until N days before the start", () => {
    const start = "2026-12-10T01:00:00.000Z";
    expect(canSchoolCancelAt(start, 3, "2026-12-07T00:59:00.000Z")).toBe(true);
    expect(canSchoolCancelAt(start, 3, "2026-12-07T01:00:00.000Z")).toBe(false);
    expect(canSchoolCancelAt(start, 0, "2026-12-10T00:59:00.000Z")).toBe(true);
  });
});

describe("recurring slot generation", () => {
  it("Tue–Fri 08:00 and 13:30 for 2 weeks, skipping a blackout date, in Vietnam time", () => {
    // 2026-12-01 is a Tuesday.
    const slots = generateRecurringSlots({
      startDate: "2026-12-01",
      weeks: 2,
      weekdays: [2, 3, 4, 5],
      times: ["13:30", "08:00"],
      blackoutDates: ["2026-12-03"],
      durationMinutes: 90,
    });
    expect(slots).toHaveLength(14);
    expect(slots[0]).toEqual({ date: "2026-12-01", time: "08:00", startsAt: "2026-12-01T01:00:00.000Z", endsAt: "2026-12-01T02:30:00.000Z" });
    expect(slots[1].startsAt).toBe("2026-12-01T06:30:00.000Z");
    expect(slots.some((s) => s.date === "2026-12-03")).toBe(false);
    expect(new Set(slots.map((s) => s.date))).toEqual(new Set(["2026-12-01", "2026-12-02", "2026-12-04", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11"]));
  });
  it("crosses month and year ends", () => {
    const slots = generateRecurringSlots({ startDate: "2026-12-28", weeks: 1, weekdays: [1, 5], times: ["08:00"], blackoutDates: [], durationMinutes: 60 });
    expect(slots.map((s) => s.date)).toEqual(["2026-12-28", "2027-01-01"]);
  });
});

describe("month grid and references", () => {
  it("lays out a month Monday first", () => {
    const weeks = monthGrid("2026-12");
    expect(weeks[0]).toEqual([null, "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"]);
    expect(weeks.at(-1)).toEqual(["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", null, null, null]);
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
  });
  it("formats references", () => {
    expect(formatReference(2026, 42)).toBe("TQ-2026-0042");
    expect(formatReference(2027, 12345)).toBe("TQ-2027-12345");
  });
});
