// Pure lab rules: opening hours as text, the slots they make, consecutive slots, Vietnam weeks, who may book.
import { describe, expect, it } from "vitest";
import { consecutiveSlots, formatOpeningHours, mayBookKind, mondayOf, parseOpeningHours, slotTimesOfDay, tooYoung, weekStartOf } from "~/lab/rules";
import { vnLocalToIso } from "~/lib/time";

describe("opening hours", () => {
  it("parses ranges of weekdays and round-trips; refuses a malformed line with its number", () => {
    const r = parseOpeningHours("1-5 08:00-17:00\n\n6 08:00-12:00");
    expect(r.ok && r.value.length).toBe(6);
    expect(r.ok && formatOpeningHours(r.value)).toBe("1 08:00-17:00\n2 08:00-17:00\n3 08:00-17:00\n4 08:00-17:00\n5 08:00-17:00\n6 08:00-12:00");
    expect(parseOpeningHours("1-5 08:00-17:00\n8 08:00-12:00")).toMatchObject({ ok: false, params: { line: 2 } });
    expect(parseOpeningHours("5-1 08:00-17:00")).toMatchObject({ ok: false, params: { line: 1 } });
    expect(parseOpeningHours("1 17:00-08:00")).toMatchObject({ ok: false });
    expect(parseOpeningHours("1 00:00-24:00").ok).toBe(true);
  });

  it("cuts each range into whole slots; consecutive slots stay inside one range of the day", () => {
    const hours = [
      { weekday: 2, opensAt: "08:00", closesAt: "11:30" },
      { weekday: 2, opensAt: "13:00", closesAt: "15:00" },
    ];
    expect(slotTimesOfDay(hours, 2, 60)).toEqual(["08:00", "09:00", "10:00", "13:00", "14:00"]);
    expect(slotTimesOfDay(hours, 3, 60)).toEqual([]);
    const tue = "2030-01-08";
    expect(consecutiveSlots(hours, 60, vnLocalToIso(tue, "09:00"), 2)).toEqual([vnLocalToIso(tue, "09:00"), vnLocalToIso(tue, "10:00")]);
    expect(consecutiveSlots(hours, 60, vnLocalToIso(tue, "10:00"), 2)).toBeNull(); // runs past 11:30
    expect(consecutiveSlots(hours, 60, vnLocalToIso(tue, "10:00"), 4)).toBeNull(); // across the lunch break
    expect(consecutiveSlots(hours, 60, vnLocalToIso(tue, "08:30"), 1)).toBeNull(); // off the slot boundary
    expect(consecutiveSlots(hours, 60, vnLocalToIso("2030-01-09", "09:00"), 1)).toBeNull(); // Wednesday: closed
  });
});

describe("weeks in Vietnam time", () => {
  it("the quota week starts on Monday 00:00 in Vietnam (Sunday 17:00 UTC)", () => {
    expect(mondayOf("2030-01-13")).toBe("2030-01-07");
    expect(mondayOf("2030-01-14")).toBe("2030-01-14");
    expect(weekStartOf("2030-01-13T16:59:00.000Z")).toBe("2030-01-07");
    expect(weekStartOf("2030-01-13T17:00:00.000Z")).toBe("2030-01-14");
  });
});

describe("who may book", () => {
  it("machines: students, teachers, staff; rooms also coordinators; age and grade limits for students only", () => {
    expect(mayBookKind("coordinator", "machine")).toBe(false);
    expect(mayBookKind("coordinator", "room")).toBe(true);
    expect(mayBookKind("student", "machine")).toBe(true);
    const laser = { min_grade: 8, min_age: 13 };
    expect(tooYoung(laser, { role: "student", grade: 8, birth_year: 2016 }, 2030)).toBe(false);
    expect(tooYoung(laser, { role: "student", grade: 8, birth_year: 2018 }, 2030)).toBe(true);
    expect(tooYoung(laser, { role: "student", grade: 7, birth_year: 2010 }, 2030)).toBe(true);
    expect(tooYoung(laser, { role: "teacher", grade: null, birth_year: null }, 2030)).toBe(false);
  });
});
