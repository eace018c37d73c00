// LIMIT and OFFSET counts are written into the SQL text (InlineLimitsPlugin, issue 17): SQLite re-prepared a
// statement on every run when its LIMIT was a bound parameter. The answers stay the same on both stores; only
// whole non-negative numbers are inlined, anything else stays a parameter.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { createTestUser } from "../helpers/factories";

describe("inlined LIMIT and OFFSET", () => {
  it("writes whole counts into the SQL of built and raw queries", () => {
    const built = db.selectFrom("users").select("id").orderBy("id").limit(5).offset(10).compile();
    expect(built.sql).toMatch(/limit 5 offset 10$/);
    expect(built.parameters).toEqual([]);
    const raw = db.getExecutor().transformQuery(sql`select id from users order by id limit ${3} offset ${6}`.toOperationNode(), { queryId: "q" } as never);
    const compiled = db.getExecutor().compileQuery(raw, { queryId: "q" } as never);
    expect(compiled.sql).toBe("select id from users order by id limit 3 offset 6");
    expect(compiled.parameters).toEqual([]);
  });

  it("leaves other values as parameters", () => {
    const where = db.selectFrom("users").select("id").where("full_name", "=", "limit 1").limit(2).compile();
    expect(where.parameters).toEqual(["limit 1"]);
    expect(where.sql).toMatch(/limit 2$/);
    const fraction = db.selectFrom("users").select("id").limit(1.5 as number).compile();
    expect(fraction.parameters).toEqual([1.5]);
    const negative = db.selectFrom("users").select("id").limit(-1).compile();
    expect(negative.parameters).toEqual([-1]);
  });

  it("answers as before: pages of a sorted list", async () => {
    for (let i = 0; i < 4; i++) await createTestUser();
    const ids = (await db.selectFrom("users").select("id").orderBy("id").execute()).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(0);
    const page = async (size: number, offset: number) =>
      (await db.selectFrom("users").select("id").orderBy("id").limit(size).offset(offset).execute()).map((r) => r.id);
    expect(await page(2, 0)).toEqual(ids.slice(0, 2));
    expect(await page(2, 1)).toEqual(ids.slice(1, 3));
    const raw = await sql<{ id: number }>`select id from users order by id limit ${1} offset ${0}`.execute(db);
    expect(raw.rows.map((r) => Number(r.id))).toEqual(ids.slice(0, 1));
  });
});
