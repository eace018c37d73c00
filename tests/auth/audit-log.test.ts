// The security event log page: staff and admin only, filters by actor, action and date, paginates, indexed.
import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { AUDIT_PAGE_SIZE } from "~/auth/audit-log.server";
import { recordAudit } from "~/lib/audit.server";
import { db } from "~/lib/db.server";
import { storeKindOf } from "~/lib/dialect.server";
import { loader as auditLoader } from "~/routes/admin.audit";
import { createTestUser, uniqueEmail } from "../helpers/factories";
import { callLoader, makeRequest } from "../helpers/http";

const page = async (userId: number | undefined, qs = "") => callLoader(auditLoader, await makeRequest(`/admin/audit${qs}`, { userId }));

describe("/admin/audit", () => {
  it("is refused to anonymous visitors, students, teachers and coordinators", async () => {
    expect((await page(undefined)).location).toMatch(/^\/login/);
    for (const role of ["student", "teacher", "coordinator"] as const) {
      expect((await page((await createTestUser({ role })).id)).status).toBe(403);
    }
  });

  it("filters by actor, action and Vietnam-time day, newest first, a page at a time", async () => {
    const staff = await createTestUser({ role: "staff" });
    const email = uniqueEmail("actor");
    const actor = await createTestUser({ email });
    const action = "auth.twoFactorFailed";
    // 23:30 on 3 Dec in Vietnam is 16:30 UTC; 00:30 on 4 Dec is 17:30 UTC on the 3rd.
    await recordAudit(db, { actor: { userId: actor.id, ip: "10.0.0.1" }, action, details: { n: 1 }, now: "2026-12-03T16:30:00.000Z" });
    await recordAudit(db, { actor: { userId: actor.id, ip: "10.0.0.2" }, action, details: { n: 2 }, now: "2026-12-03T17:30:00.000Z" });
    await recordAudit(db, { actor: { userId: actor.id, ip: "10.0.0.3" }, action: "auth.login", now: "2026-12-03T17:31:00.000Z" });
    const all = await page(staff.id, `?actor=${encodeURIComponent(email.toUpperCase())}`);
    expect(all.status).toBe(200);
    expect(all.data.rows.map((r: { ip: string }) => r.ip)).toEqual(["10.0.0.3", "10.0.0.2", "10.0.0.1"]);
    const day4 = await page(staff.id, `?actor=${encodeURIComponent(email)}&action=${action}&from=2026-12-04&to=2026-12-04`);
    expect(day4.data.rows).toMatchObject([{ ip: "10.0.0.2", details: "n=2", actorLogin: email }]);
    const unknown = await page(staff.id, "?actor=nobody-here%40test.example");
    expect(unknown.data).toMatchObject({ rows: [], unknownActor: true });
    // Hostile filters are ignored, never a 500.
    expect((await page(staff.id, "?from=2026-13-45&action=%27%3Bdrop&page=-3")).status).toBe(200);
  });

  it("paginates", async () => {
    const admin = await createTestUser({ role: "admin" });
    const actor = await createTestUser({ email: uniqueEmail("many") });
    const email = (await db.selectFrom("users").select("email").where("id", "=", actor.id).executeTakeFirstOrThrow()).email!;
    for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++) {
      await recordAudit(db, { actor: { userId: actor.id, ip: "10.0.0.9" }, action: "auth.login", now: `2026-12-05T01:${String(i % 60).padStart(2, "0")}:00.000Z` });
    }
    const p2 = await page(admin.id, `?actor=${encodeURIComponent(email)}&page=2`);
    expect(p2.data.total).toBe(AUDIT_PAGE_SIZE + 5);
    expect(p2.data.pages).toBe(2);
    expect(p2.data.rows).toHaveLength(5);
  });

  it("the actor query uses the actor index", async () => {
    if (storeKindOf(db) === "postgres") return; // the plan check is SQLite's wording; PostgreSQL picks by statistics
    const plan = await sql<{ detail: string }>`explain query plan select * from audit_events where actor_id = 1 order by occurred_at desc limit 50`.execute(db);
    expect(plan.rows.map((r) => r.detail).join(" ")).toContain("audit_events_actor_idx");
  });
});
