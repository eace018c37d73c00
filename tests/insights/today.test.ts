// The staff home's "today's work": what each list holds at a fixed instant, in Vietnam days, with a fixed number
// of queries; only staff and admin see it. Each test works in its own year so the lists do not mix.
import { describe, expect, it } from "vitest";
import { loadStaffToday } from "~/insights/today.server";
import { db } from "~/lib/db.server";
import { loader as staffHomeLoader } from "~/routes/staff._index";
import { createTestUser } from "../helpers/factories";
import { callLoader, makeRequest } from "../helpers/http";
import { certificate, program, registration, school, session, students, tourVisit, vn } from "../helpers/insights";
import { QueryCounter } from "../helpers/query-count";

async function buildDay(Y: number) {
  const W = await program(db, "workshop", [], "Robot");
  const T = await program(db, "tour", [], "Tham quan");
  const sch = await school(db, { name: `Trường Hôm Nay ${Y}` });
  const kids = await students(db, 5);
  // Now: Wednesday 14 March, 08:00 in Vietnam.
  const S1 = await session(db, W, `${Y}-03-14 14:00`, 10); // today, 6 of 10
  const S2 = await session(db, W, `${Y}-03-15 23:30`, 4); // tomorrow, exactly half full, 5 waiting
  const S3 = await session(db, W, `${Y}-03-16 00:00`, 10); // the day after: not "tomorrow", but empty within 7 days
  const S4 = await session(db, W, `${Y}-03-14 16:00`, 10, "cancelled"); // cancelled: nowhere
  const S5 = await session(db, W, `${Y}-03-22 09:00`, 10); // empty but more than 7 days away
  await db.updateTable("workshop_sessions").set({ confirmed_count: 6 }).where("id", "=", S1.id).execute();
  await db.updateTable("workshop_sessions").set({ confirmed_count: 2 }).where("id", "=", S2.id).execute();
  for (const k of kids) await registration(db, S2.id, k, "waitlisted", `${Y}-03-01 09:00`);
  await tourVisit(db, { programId: T, schoolId: sch, startsLocal: `${Y}-03-14 09:00`, status: "confirmed", students: 30 });
  await tourVisit(db, { programId: T, schoolId: sch, startsLocal: `${Y}-03-15 09:00`, status: "requested", students: 20 });
  await tourVisit(db, { programId: T, schoolId: sch, startsLocal: `${Y}-03-17 09:00`, status: "confirmed", students: 25 });
  await db.updateTable("tour_bookings").set({ created_at: vn(`${Y}-03-10 08:00`) }).where("school_id", "=", sch).where("status", "=", "requested").execute();
  await certificate(db, { userId: kids[0], programId: W, kind: "workshop", issuedLocal: `${Y}-02-01 09:00`, status: "revoked" });
  await certificate(db, { userId: kids[1], programId: W, kind: "workshop", issuedLocal: `${Y}-01-01 09:00`, status: "revoked" });
  await db.updateTable("certificates").set({ revoked_at: vn(`${Y}-03-01 09:00`), revoked_reason: "Sai tên" }).where("user_id", "=", kids[0]).execute();
  await db.updateTable("certificates").set({ revoked_at: vn(`${Y}-01-02 09:00`) }).where("user_id", "=", kids[1]).execute();
  return { S1, S2, S3, S4, S5, sch, now: vn(`${Y}-03-14 08:00`) };
}

describe("staff home: today's work", () => {
  it("lists today's and tomorrow's sessions and tours, sessions under half full, long waitlists, waiting requests and revocations", async () => {
    const d = await buildDay(2040);
    const v = await loadStaffToday(db, { now: d.now, locale: "vi" });
    expect([v.today, v.tomorrow]).toEqual(["2040-03-14", "2040-03-15"]);
    expect(v.sessions.map((s) => s.sessionId)).toEqual([d.S1.id, d.S2.id]);
    expect(v.sessions[1]).toMatchObject({ confirmed: 2, capacity: 4, waitlisted: 5, marked: 0 });
    expect(v.tours.map((b) => [b.status, b.students])).toEqual([
      ["confirmed", 30],
      ["requested", 20],
    ]);
    expect(v.underHalfFull.map((s) => s.sessionId)).toEqual([d.S3.id]);
    expect(v.longWaitlists.map((s) => [s.sessionId, s.waitlisted])).toEqual([[d.S2.id, 5]]);
    const mine = v.requests.filter((b) => b.schoolName === "Trường Hôm Nay 2040");
    expect(mine.map((b) => [b.students, b.ageHours])).toEqual([[20, 96]]);
    expect(v.revocations.map((r) => r.reason)).toEqual(["Sai tên"]);
  });

  it("is built with the same number of queries whatever is happening", async () => {
    const count = async (now: string) => {
      const c = new QueryCounter();
      await loadStaffToday(db.withPlugin(c), { now, locale: "en" });
      return c.count;
    };
    const quiet = await count("2045-06-01T01:00:00.000Z");
    const d = await buildDay(2046);
    expect(await count(d.now)).toBe(quiet);
    expect(quiet).toBe(6);
  });

  it("is on /staff for staff and admin only", async () => {
    const staff = await createTestUser({ role: "staff" });
    const res = await callLoader(staffHomeLoader, await makeRequest("/staff", { userId: staff.id }));
    expect(res.status).toBe(200);
    expect(res.data.today.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const role of ["student", "teacher", "coordinator"] as const) {
      const u = await createTestUser({ role });
      expect((await callLoader(staffHomeLoader, await makeRequest("/staff", { userId: u.id }))).status).toBe(403);
    }
  });
});
