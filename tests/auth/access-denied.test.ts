// Failed authorisation is logged (ASVS 16.3.2): a 403 becomes an `auth.accessDenied` event (who, method, path
// without query string, from where), at most one per person and path per minute — also under parallel requests —
// and at most 30 (+1 saying so) per person in ten minutes; the HTTP server reports 403s with secret path segments
// redacted; the events are found with /admin/audit's filter.
import { describe, expect, it } from "vitest";
import { DENIALS_PER_ACTOR, deniedPath, recordAccessDenied } from "~/auth/denials.server";
import { listAuditActions, listAuditEvents } from "~/auth/audit-log.server";
import { db } from "~/lib/db.server";
import { loader as classLoader } from "~/routes/classes.$classId._index";
import { reportDenied } from "../../server/app.mjs";
import { approvedTeacher, classOf } from "../helpers/classes";
import { createTestUser } from "../helpers/factories";
import { callLoader, makeRequest } from "../helpers/http";
import { NOW } from "../helpers/instants";

const later = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();

async function denials(actorId: number | null, ip?: string) {
  let q = db.selectFrom("audit_events").selectAll().where("action", "=", "auth.accessDenied");
  q = actorId === null ? q.where("actor_id", "is", null).where("ip", "=", ip!) : q.where("actor_id", "=", actorId);
  return q.orderBy("id").execute();
}

async function cookieOf(userId: number) {
  return (await makeRequest("/", { userId })).headers.get("Cookie");
}

describe("failed authorisation in the security log", () => {
  it("another school's teacher opening a class gets 403; the report records who, what and from where, without the query string", async () => {
    const owner = await approvedTeacher(db);
    const cls = await classOf(db, owner.id, owner.schoolId);
    const intruder = await approvedTeacher(db);
    const request = await makeRequest(`/classes/${cls}?token=s3cret`, { userId: intruder.id });
    expect((await callLoader(classLoader, request, { classId: String(cls) })).status).toBe(403);
    const written = await recordAccessDenied(db, { cookie: request.headers.get("Cookie"), method: "GET", path: `/classes/${cls}.data?token=s3cret`, ip: "198.51.100.20", now: NOW });
    expect(written).toBe(true);
    const rows = await denials(intruder.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: intruder.id, ip: "198.51.100.20", occurred_at: NOW });
    expect(JSON.parse(rows[0]!.details)).toEqual({ method: "GET", path: `/classes/${cls}` });
    expect(rows[0]!.details).not.toContain("s3cret");
  });

  it("40 parallel denials of one person on one path write one event; another path or the next minute writes another", async () => {
    const user = await createTestUser({ role: "student" });
    const cookie = await cookieOf(user.id);
    const results = await Promise.all(
      Array.from({ length: 40 }, () => recordAccessDenied(db, { cookie, method: "POST", path: "/staff/schools", ip: "203.0.113.4", now: NOW })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await denials(user.id)).toHaveLength(1);
    await recordAccessDenied(db, { cookie, method: "GET", path: "/staff/insights", ip: "203.0.113.4", now: NOW });
    await recordAccessDenied(db, { cookie, method: "GET", path: "/staff/schools", ip: "203.0.113.4", now: later(61_000) });
    expect((await denials(user.id)).map((r) => JSON.parse(r.details).path)).toEqual(["/staff/schools", "/staff/insights", "/staff/schools"]);
  });

  it("anonymous denials are keyed by address; many paths stop at the per-person cap, the last event saying so", async () => {
    const ip = "192.0.2.77";
    const results = await Promise.all(
      Array.from({ length: 45 }, (_, i) => recordAccessDenied(db, { cookie: null, method: "GET", path: `/x/${i}`, ip, now: NOW })),
    );
    expect(results.filter(Boolean)).toHaveLength(DENIALS_PER_ACTOR.max + 1);
    const rows = await denials(null, ip);
    expect(rows).toHaveLength(DENIALS_PER_ACTOR.max + 1);
    expect(rows.filter((r) => JSON.parse(r.details).more)).toHaveLength(1);
    // Another address is not affected.
    expect(await recordAccessDenied(db, { cookie: null, method: "GET", path: "/x/1", ip: "192.0.2.78", now: NOW })).toBe(true);
  });

  it("the HTTP server reports the path with secrets redacted and no query string; a failure to record never breaks the answer", async () => {
    const seen: unknown[] = [];
    const req = { originalUrl: "/join/ABC123XYZ?code=ABC123XYZ", method: "POST", get: (h: string) => (h === "cookie" ? "auth_session=zzz" : undefined) };
    await reportDenied(async (x: unknown) => void seen.push(x), req, { clientIp: "203.0.113.50" });
    expect(seen).toEqual([{ cookie: "auth_session=zzz", method: "POST", path: "/join/[redacted]", ip: "203.0.113.50" }]);
    await expect(reportDenied(async () => { throw new Error("db down"); }, req, { clientIp: "x" })).resolves.toBeUndefined();
    expect(deniedPath("/_root.data")).toBe("/");
    expect(deniedPath("/classes/7.data?index")).toBe("/classes/7");
  });

  it("the events are listed and filtered on /admin/audit", async () => {
    const user = await createTestUser({ role: "teacher" });
    await recordAccessDenied(db, { cookie: await cookieOf(user.id), method: "GET", path: "/admin/audit", ip: "203.0.113.5", now: NOW });
    expect(await listAuditActions(db)).toContain("auth.accessDenied");
    const list = await listAuditEvents(db, { action: "auth.accessDenied", actor: user.email!, page: 1 });
    expect(list.rows).toHaveLength(1);
    expect(list.rows[0]).toMatchObject({ action: "auth.accessDenied", ip: "203.0.113.5" });
    expect(list.rows[0]!.details).toContain("path=/admin/audit");
  });
});
