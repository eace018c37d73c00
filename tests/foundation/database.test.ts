import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openSqlite as openDatabase } from "~/lib/db.server";
import { migrateToLatest } from "~/lib/migrate.server";
import { loader as healthLoader } from "~/routes/healthz";
import { seedDemoDataIfEmpty } from "#db/seed/index";
import { migrations } from "#db/migrations/index";
import { callLoader, makeRequest } from "../helpers/http";

describe("migrations", () => {
  it("apply to an empty database, in order, and a second run applies nothing", async () => {
    const fresh = openDatabase(":memory:");
    const applied = await migrateToLatest(fresh);
    expect(applied).toEqual(Object.keys(migrations).sort());
    expect(await migrateToLatest(fresh)).toEqual([]);
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(fresh);
    const names = tables.rows.map((r) => r.name);
    for (const t of ["users", "user_sessions", "schools", "school_memberships", "notifications", "programs", "rate_limits", "audit_events", "two_factor"]) {
      expect(names).toContain(t);
    }
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(fresh);
    expect(fk.rows[0].foreign_keys).toBe(1);
    await fresh.destroy();
  });

  it("enforce unique emails in the database itself", async () => {
    const fresh = openDatabase(":memory:");
    await migrateToLatest(fresh);
    const row = { full_name: "A B", password_hash: "x", role: "student" as const, created_at: "t", updated_at: "t", email: "a@b.vn" };
    await fresh.insertInto("users").values(row).execute();
    await expect(fresh.insertInto("users").values(row).execute()).rejects.toThrow(/UNIQUE/);
    await fresh.destroy();
  });
});

describe("demo seed", () => {
  it("loads the demo accounts into an empty database only, deterministically", async () => {
    const fresh = openDatabase(":memory:");
    await migrateToLatest(fresh);
    expect(await seedDemoDataIfEmpty(fresh)).toBe(true);
    expect(await seedDemoDataIfEmpty(fresh)).toBe(false);
    const users = await fresh.selectFrom("users").select(["email", "role"]).where("email", "is not", null).orderBy("id").execute();
    expect(users.slice(0, 6)).toEqual([
      { email: "admin@example.com", role: "admin" },
      { email: "staff@example.com", role: "staff" },
      { email: "teacher@example.com", role: "teacher" },
      { email: "coordinator@example.com", role: "coordinator" },
      { email: "student@example.com", role: "student" },
      { email: "student2@example.com", role: "student" },
    ]);
    // The demo guardian is linked to the demo student, with consent recorded (issue 16).
    const guardian = await fresh
      .selectFrom("guardian_links as l")
      .innerJoin("users as g", "g.id", "l.guardian_id")
      .innerJoin("users as s", "s.id", "l.student_id")
      .select(["g.email as guardian", "g.role", "s.email as student"])
      .execute();
    expect(guardian).toEqual([{ guardian: "guardian@example.com", role: "guardian", student: "student@example.com" }]);
    const schools = await fresh.selectFrom("schools").select(["name", "province"]).execute();
    expect(schools).toHaveLength(3);
    expect(schools.every((s) => s.province === "Bình Dương")).toBe(true);
    await fresh.destroy();
  });
});

describe("/healthz", () => {
  it("answers 200 {ok:true} when the database answers", async () => {
    const res = await callLoader(healthLoader, await makeRequest("/healthz"));
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ ok: true });
  });
});
