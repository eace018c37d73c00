// Every aggregate query of the insights (and of the staff home's today's work) starts from an index: EXPLAIN on both stores (PostgreSQL with sequential
// scans disabled, so a plan that still scans a table has no index to use).
import { CompiledQuery, sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from "kysely";
import { describe, expect, it } from "vitest";
import { loadInsights } from "~/insights/insights.server";
import { periodOf } from "~/insights/period";
import { loadSchoolReport } from "~/insights/school-report.server";
import { loadStaffToday } from "~/insights/today.server";
import { db, storeKind } from "~/lib/db.server";

class Capture implements KyselyPlugin {
  nodes: { node: RootOperationNode; queryId: PluginTransformQueryArgs["queryId"] }[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.nodes.push({ node: args.node, queryId: args.queryId });
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/**
 * The tables that grow with the centre's activity: none may be read whole. (The lessons of all courses are read
 * once per page for the funnel's required-lesson totals: they grow with the catalogue, not with students.)
 */
const BIG = ["workshop_sessions", "workshop_registrations", "workshop_meetings", "workshop_attendance", "enrolments", "lesson_completions", "tour_slots", "tour_bookings", "certificates", "class_members", "classes"];

describe("insights query plans", () => {
  it("no query reads a growing table whole", async () => {
    const capture = new Capture();
    const period = periodOf({ preset: "quarter", now: "2026-11-20T03:00:00.000Z" });
    await loadInsights(db.withPlugin(capture), { period, filters: { kind: "workshop", topic: "robotics", schoolId: 1 }, locale: "vi" });
    await loadInsights(db.withPlugin(capture), { period, filters: {}, locale: "vi" });
    await loadStaffToday(db.withPlugin(capture), { now: "2026-11-20T03:00:00.000Z", locale: "vi" });
    await loadSchoolReport(db.withPlugin(capture), { school: { id: 1, name: "x", district: "" }, period, locale: "vi" });
    const plans = await db.connection().execute(async (conn) => {
      if (storeKind === "postgres") await sql`set enable_seqscan = off`.execute(conn);
      const out: string[] = [];
      for (const { node, queryId } of capture.nodes) {
        const compiled = conn.getExecutor().compileQuery(node, queryId);
        // The summary refresh's table lock (PostgreSQL) is not a query.
        if (/^lock table /i.test(compiled.sql.trim())) continue;
        const explain = storeKind === "postgres" ? "explain " : "explain query plan ";
        const r = await conn.executeQuery(CompiledQuery.raw(explain + compiled.sql, [...compiled.parameters]));
        out.push((r.rows as Record<string, unknown>[]).map((row) => Object.values(row).join(" ")).join("\n"));
      }
      if (storeKind === "postgres") await sql`reset enable_seqscan`.execute(conn);
      return out;
    });
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
