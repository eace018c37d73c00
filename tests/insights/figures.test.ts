// The insights' figures against a hand-counted fixture (tests/insights/fixture.ts), on both stores. Each test
// builds its own fixture in its own year (years whose calendar is 2026's: 1 Oct is a Thursday), so the tests do not depend on each other or on their order.
import { describe, expect, it } from "vitest";
import { CSV_LIMITS, loadInsights, type InsightsView } from "~/insights/insights.server";
import { periodOf } from "~/insights/period";
import type { InsightFilters } from "~/insights/queries.server";
import { db } from "~/lib/db.server";
import { buildFixture } from "./fixture";

async function quarter(Y: number, filters: InsightFilters = {}): Promise<InsightsView> {
  const period = periodOf({ preset: "quarter", now: `${Y}-11-20T03:00:00.000Z` });
  // The whole lists (as the CSV has them): other tests' schools share this database.
  return loadInsights(db, { period, filters, locale: "en", limits: CSV_LIMITS });
}

const figure = (v: InsightsView, key: string) => {
  const f = v.headline.find((h) => h.key === key)!;
  return [f.current, f.previous];
};

describe("insights figures (hand-counted fixture)", () => {
  it("the quarter is Q4 in Vietnam time, compared with Q3", async () => {
    const period = periodOf({ preset: "quarter", now: "2026-12-31T17:30:00.000Z" }); // 00:30 on 1 Jan 2027 in Vietnam
    expect(period.fromDate).toBe("2027-01-01");
    const q4 = periodOf({ preset: "quarter", now: "2026-12-31T16:30:00.000Z" }); // 23:30 on 31 Dec in Vietnam
    expect([q4.fromDate, q4.toDate, q4.from, q4.to]).toEqual(["2026-10-01", "2026-12-31", "2026-09-30T17:00:00.000Z", "2026-12-31T17:00:00.000Z"]);
    expect([q4.previous.fromDate, q4.previous.toDate]).toEqual(["2026-07-01", "2026-09-30"]);
    const year = periodOf({ preset: "year", now: "2026-08-31T16:59:00.000Z" });
    expect([year.fromDate, year.toDate]).toEqual(["2025-09-01", "2026-08-31"]);
    const month = periodOf({ preset: "month", now: "2026-03-10T00:00:00.000Z" });
    expect([month.fromDate, month.toDate, month.previous.fromDate, month.previous.toDate]).toEqual(["2026-03-01", "2026-03-31", "2026-02-01", "2026-02-28"]);
    const custom = periodOf({ preset: "custom", from: "2026-10-01", to: "2026-10-10", now: "2026-11-20T00:00:00.000Z" });
    expect([custom.previous.fromDate, custom.previous.toDate]).toEqual(["2026-09-21", "2026-09-30"]);
  });

  it("headline figures and their previous-quarter values", async () => {
    const Y = 2026;
    await buildFixture(db, Y);
    const v = await quarter(Y);
    // Served: s1 s2 (W1a), s5 (W1b), s4 (W2a), s3 s2 s4 s5 s7 (enrolled), s1 (completed) = 6; before: s1 s6.
    expect(figure(v, "students")).toEqual([6, 2]);
    // Schools: A (s1 s2 s3 and its tour), B (s3 s4); before: A (s1), E (tour).
    expect(figure(v, "schools")).toEqual([2, 2]);
    // Seats: W1a 2 + W1b 1 + W2a 1 of 2 + 2 + 3; before 2 of 2.
    expect(figure(v, "seats")).toEqual([4, 2]);
    expect(figure(v, "fillRate")).toEqual([4 / 7, 1]);
    // Marks of confirmed registrations: s1 attended, s2 absent, s5 attended, s4 absent (s6 removed is not counted).
    expect(figure(v, "attendanceRate")).toEqual([0.5, 1]);
    expect(figure(v, "coursesCompleted")).toEqual([2, 1]);
    expect(figure(v, "tourVisitors")).toEqual([30, 25]);
    // Valid: s1 course, s2 workshop (00:30 on 1 Nov), s4 re-issued; not s5 (revoked) nor s4's superseded one.
    expect(figure(v, "certificates")).toEqual([3, 1]);
  });

  it("weekly registrations and attendance, edges of the quarter in Vietnam time", async () => {
    const Y = 2037;
    await buildFixture(db, Y);
    const v = await quarter(Y);
    const weeks = Object.fromEntries(v.weekly.map((w) => [w.week, w]));
    expect(v.weekly[0].week).toBe(`${Y}-09-28`); // Monday of the week of 1 Oct (a Thursday)
    // W1a: s2 (00:00 on 1 Oct), s3, s4, s5, s6, s7, s8: 7; not s1 (September) nor the 23:59 on 30 Sep one.
    expect(weeks[`${Y}-09-28`].registrations).toBe(7);
    // 23:30 on 31 Dec counts in the last week; 00:00 on 1 Jan does not.
    const last = v.weekly[v.weekly.length - 1];
    expect(last.week <= `${Y}-12-31`).toBe(true);
    expect(last.registrations).toBe(1);
    expect(v.weekly.reduce((s, w) => s + w.registrations, 0)).toBe(7 + 2 + 1 + 1 + 1);
    expect(v.weekly.reduce((s, w) => s + w.attended, 0)).toBe(2);
    expect(v.weekly.reduce((s, w) => s + w.marked, 0)).toBe(4);
  });

  it("fill rate per session, unmet demand and sessions needed", async () => {
    const Y = 2043;
    const fx = await buildFixture(db, Y);
    const v = await quarter(Y);
    expect(v.sessionCount).toBe(3);
    expect(v.fill.map((f) => [f.sessionId, f.filled, f.capacity])).toEqual([
      [fx.sessions.W1a.id, 2, 2],
      [fx.sessions.W1b.id, 1, 2],
      [fx.sessions.W2a.id, 1, 3],
    ]);
    // W1: s4, s7, s8 never seated in W1 (s5 was seated in W1b, s6 in W1p); typical capacity 2 → 2 sessions.
    expect(v.unmet).toEqual([{ programId: fx.programs.W1, title: expect.any(String), unmet: 3, typicalCapacity: 2, sessionsNeeded: 2 }]);
    // Topic robotics: the same 3; typical capacity of its sessions (2, 2, 2, 3, 3 → 2.4) is 2.
    // No English name yet: the label (this reader is English) falls back to the topic itself.
    expect(v.unmetTopics).toEqual([{ topic: `robotics${Y}`, label: `robotics${Y}`, unmet: 3, typicalCapacity: 2, sessionsNeeded: 2 }]);
    // With an English name (issue 19) the English reader sees it; the figures stay the same.
    await db.insertInto("topics").values({ topic: `robotics${Y}`, name_en: "Robotics" }).onConflict((oc) => oc.column("topic").doUpdateSet({ name_en: "Robotics" })).execute();
    expect((await quarter(Y)).unmetTopics).toEqual([{ topic: `robotics${Y}`, label: "Robotics", unmet: 3, typicalCapacity: 2, sessionsNeeded: 2 }]);
  });

  it("course funnel, tours, schools not visited, no-shows and certificates per month", async () => {
    const Y = 2054;
    const fx = await buildFixture(db, Y);
    const v = await quarter(Y);
    expect(v.funnel).toEqual({ enrolled: 5, started: 3, half: 2, completed: 1 });
    expect(v.toursBySchool).toEqual([{ schoolId: fx.schools.A, name: `Trường A ${Y}`, district: `Thủ Dầu Một ${Y}`, visits: 1, visitors: 30 }]);
    expect(v.toursByDistrict).toEqual([{ district: `Thủ Dầu Một ${Y}`, schools: 1, visits: 1, visitors: 30 }]);
    const notVisited = v.notVisited.schools.map((s) => s.id);
    expect(notVisited).toEqual(expect.arrayContaining([fx.schools.C, fx.schools.E]));
    for (const id of [fx.schools.A, fx.schools.B, fx.schools.D]) expect(notVisited).not.toContain(id);
    // Monday morning: s1 attended, s2 absent; Tuesday afternoon: s5 attended; Sunday evening: s4 absent.
    const wd = (i: number) => v.noShowByWeekday[i];
    expect([wd(0).absent, wd(0).marked, wd(1).absent, wd(1).marked, wd(6).absent, wd(6).marked]).toEqual([1, 2, 0, 1, 1, 1]);
    expect(v.noShowByWeekday.reduce((s, d) => s + d.marked, 0)).toBe(4);
    expect(v.noShowByTime.map((b) => [b.band, b.absent, b.marked])).toEqual([
      ["morning", 1, 2],
      ["afternoon", 0, 1],
      ["evening", 1, 1],
    ]);
    expect(v.certificatesByMonth).toEqual([
      { month: `${Y}-10`, issued: 0, revoked: 0 },
      { month: `${Y}-11`, issued: 2, revoked: 1 },
      { month: `${Y}-12`, issued: 1, revoked: 0 },
    ]);
  });

  it("filters: program kind, topic and school", async () => {
    const Y = 2065;
    const fx = await buildFixture(db, Y);
    const workshops = await quarter(Y, { kind: "workshop" });
    expect(figure(workshops, "students")).toEqual([4, 2]); // s1 s2 s5 s4; before s1 s6
    expect(figure(workshops, "coursesCompleted")).toEqual([0, 0]);
    expect(figure(workshops, "tourVisitors")).toEqual([0, 0]);
    expect(figure(workshops, "certificates")).toEqual([2, 0]);
    const coding = await quarter(Y, { topic: `coding${Y}` });
    expect(figure(coding, "students")).toEqual([6, 2]); // W2a s4; C1 s3 s2 s4 s5 s7 s1; before s1 s6 (C1)
    expect(figure(coding, "seats")).toEqual([1, 0]);
    expect(coding.unmet).toEqual([]);
    const schoolB = await quarter(Y, { schoolId: fx.schools.B });
    expect(figure(schoolB, "students")).toEqual([2, 0]); // s3, s4
    expect(figure(schoolB, "schools")).toEqual([1, 0]);
    expect(figure(schoolB, "seats")).toEqual([1, 0]);
    expect(figure(schoolB, "tourVisitors")).toEqual([0, 0]);
    expect(schoolB.notVisited.schools).toEqual([]);
    expect(schoolB.funnel).toEqual({ enrolled: 2, started: 1, half: 1, completed: 0 });
  });
});
