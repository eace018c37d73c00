// Every aggregate query of the insights (and of the staff home's today's work) starts from an index: EXPLAIN on both stores (PostgreSQL with sequential
// scans disabled, so a plan that still scans a table has no index to use).
import { describe, expect, it } from "vitest";
import { loadInsights } from "~/insights/insights.server";
import { periodOf } from "~/insights/period";
import { loadSchoolReport } from "~/insights/school-report.server";
import { loadStaffToday } from "~/insights/today.server";
import { storeKind } from "~/lib/db.server";
import { explainQueriesOf } from "../helpers/plans";

/**
 * The tables that grow with the centre's activity: none may be read whole. (The lessons of all courses are read
 * once per page for the funnel's required-lesson totals: they grow with the catalogue, not with students.)
 */
const BIG = ["workshop_sessions", "workshop_registrations", "workshop_meetings", "workshop_attendance", "enrolments", "lesson_completions", "tour_slots", "tour_bookings", "certificates", "class_members", "classes"];

describe("insights query plans", () => {
  it("no query reads a growing table whole", async () => {
    const period = periodOf({ preset: "quarter", now: "2026-11-20T03:00:00.000Z" });
    const explained = await explainQueriesOf(
      async (recording) => {
        await loadInsights(recording, { period, filters: { kind: "workshop", topic: "robotics", schoolId: 1 }, locale: "vi" });
        await loadInsights(recording, { period, filters: {}, locale: "vi" });
        await loadStaffToday(recording, { now: "2026-11-20T03:00:00.000Z", locale: "vi" });
        await loadSchoolReport(recording, { school: { id: 1, name: "x", district: "" }, period, locale: "vi" });
      },
      // The summary refresh's table lock (PostgreSQL) is not a query.
      { skip: /^lock table /i },
    );
    const plans = explained.map((e) => e.plan);
    if (process.env.SHOW_PLANS) console.log(plans.join("\n----\n"));
    for (const plan of plans) {
      if (storeKind === "postgres") {
        for (const table of BIG) expect(plan).not.toMatch(new RegExp(`Seq Scan on ${table}\\b`));
      } else {
        // SQLite names the alias: "SCAN r" is a whole-table read, "SCAN r USING INDEX …" is not.
        expect(plan).not.toMatch(/\bSCAN (s|r|r2|s2|s3|m|a|e|lc|l|sl|b|ce|cm|c|cmod|cm2|t3|w)\b(?! USING)/);
      }
    }
  });
});
