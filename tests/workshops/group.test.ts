// For the classes capability: group registration (atomic) and the batch status query.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { loader as dashboardLoader } from "~/routes/dashboard";
import { loadWorkshopsDashboard } from "~/workshops/dashboard.server";
import { getRegistrationStatuses, registerGroupForSession } from "~/workshops/group.server";
import { markAttendance } from "~/workshops/roster.server";
import { createTestUser } from "../helpers/factories";
import { callLoader, makeRequest } from "../helpers/http";
import { QueryCounter } from "../helpers/query-count";
import { checkInvariants, createWorkshop, registerStudent, registrationsOf } from "../helpers/workshops";

async function students(n: number) {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await createTestUser({ role: "student" })).id);
  return out;
}

describe("registerGroupForSession", () => {
  it("all-or-nothing refuses without changing anything when the class does not fit, saying how many fit", async () => {
    const { sessionId } = await createWorkshop({ session: { capacity: 5 } });
    const [solo, ...cls] = await students(7);
    await registerStudent(db, { sessionId, userId: solo });
    const r = await registerGroupForSession(db, { sessionId, userIds: cls, mode: "all-or-nothing", now: nowIso() });
    expect(r).toEqual({ ok: false, reason: "notEnoughSeats", params: { fits: 4, needed: 6 } });
    expect(await registrationsOf(sessionId)).toHaveLength(1);
    expect(await checkInvariants(sessionId)).toMatchObject({ confirmed: 1, counter: 1 });
  });

  it("all-or-nothing confirms everyone when they fit; already registered students are skipped; source is 'class'", async () => {
    const { sessionId } = await createWorkshop({ session: { capacity: 5 } });
    const cls = await students(4);
    await registerStudent(db, { sessionId, userId: cls[0] });
    const r = await registerGroupForSession(db, { sessionId, userIds: cls, mode: "all-or-nothing", now: nowIso() });
    expect(r).toEqual({ ok: true, value: { confirmed: cls.slice(1), waitlisted: [], skipped: [cls[0]], refused: [] } });
    const regs = await registrationsOf(sessionId);
    expect(regs.filter((x) => x.source === "class").map((x) => x.user_id)).toEqual(cls.slice(1));
    expect(await checkInvariants(sessionId)).toMatchObject({ confirmed: 4, counter: 4 });
  });

  it("fill-then-waitlist confirms in roster order and waitlists the rest after existing waiters", async () => {
    const { sessionId } = await createWorkshop({ session: { capacity: 3 } });
    const early = await students(4);
    for (const id of early) await registerStudent(db, { sessionId, userId: id }); // 3 confirmed, 1 waiting
    const cls = await students(3);
    const r = await registerGroupForSession(db, { sessionId, userIds: cls, mode: "fill-then-waitlist", now: nowIso() });
    expect(r).toEqual({ ok: true, value: { confirmed: [], waitlisted: cls, skipped: [], refused: [] } });
    const regs = await registrationsOf(sessionId);
    expect(cls.map((id) => regs.find((x) => x.user_id === id)!.waitlist_position)).toEqual([2, 3, 4]);
    const other = await createWorkshop({ startDays: 40, session: { capacity: 2 } });
    const r2 = await registerGroupForSession(db, { sessionId: other.sessionId, userIds: cls, mode: "fill-then-waitlist", now: nowIso() });
    expect(r2).toEqual({ ok: true, value: { confirmed: cls.slice(0, 2), waitlisted: [cls[2]], skipped: [], refused: [] } });
    expect(await checkInvariants(other.sessionId)).toMatchObject({ confirmed: 2, counter: 2, positions: [1] });
  });

  it("races individual registrations without overselling", async () => {
    const { sessionId } = await createWorkshop({ session: { capacity: 40 } });
    const cls = await students(25);
    const solos = await students(50);
    await Promise.all([
      ...solos.slice(0, 25).map((userId) => registerStudent(db, { sessionId, userId })),
      registerGroupForSession(db, { sessionId, userIds: cls, mode: "fill-then-waitlist", now: nowIso() }),
      ...solos.slice(25).map((userId) => registerStudent(db, { sessionId, userId })),
    ]);
    const inv = await checkInvariants(sessionId);
    expect(inv).toMatchObject({ confirmed: 40, counter: 40, positionsContiguous: true, usersUnique: true });
    expect(inv.positions).toHaveLength(35);
  });
});

describe("getRegistrationStatuses", () => {
  it("returns statuses with attendance for many students and sessions in a fixed number of queries", async () => {
    const staff = await createTestUser({ role: "staff" });
    const sessions = [await createWorkshop({ meetings: 2, session: { capacity: 1 } }), await createWorkshop({ startDays: 50 })];
    const users = await students(3);
    for (const u of users) await registerStudent(db, { sessionId: sessions[0].sessionId, userId: u });
    const first = (await registrationsOf(sessions[0].sessionId))[0];
    const meeting = await db.selectFrom("workshop_meetings").select("id").where("session_id", "=", sessions[0].sessionId).orderBy("starts_at").executeTakeFirstOrThrow();
    await markAttendance(db, { sessionId: sessions[0].sessionId, registrationId: first.id, meetingId: meeting.id, status: "attended", markedBy: staff.id, now: nowIso() });
    // One student and one session, then three students and two sessions: the same number of queries.
    const one = new QueryCounter();
    await getRegistrationStatuses(db.withPlugin(one), { sessionIds: [sessions[0].sessionId], userIds: [users[0]] });
    const plugin = new QueryCounter();
    const rows = await getRegistrationStatuses(db.withPlugin(plugin), { sessionIds: sessions.map((s) => s.sessionId), userIds: users });
    expect(plugin.count).toBe(one.count);
    expect(rows.sort((a, b) => a.userId - b.userId)).toEqual([
      { sessionId: sessions[0].sessionId, userId: users[0], status: "confirmed", waitlistPosition: null, meetings: 2, attended: 1, absent: 0 },
      { sessionId: sessions[0].sessionId, userId: users[1], status: "waitlisted", waitlistPosition: 1, meetings: 2, attended: 0, absent: 0 },
      { sessionId: sessions[0].sessionId, userId: users[2], status: "waitlisted", waitlistPosition: 2, meetings: 2, attended: 0, absent: 0 },
    ]);
  });
});

describe("dashboard panel", () => {
  it("students see their upcoming sessions; staff see today's; teachers nothing from workshops", async () => {
    const s = await createTestUser({ role: "student" });
    const w = await createWorkshop();
    await registerStudent(db, { sessionId: w.sessionId, userId: s.id });
    const r = await callLoader(dashboardLoader, await makeRequest("/dashboard", { userId: s.id }));
    expect(r.data.workshops).toMatchObject({ kind: "student", sessions: [{ slug: w.slug, status: "confirmed" }] });
    const staff = await createTestUser({ role: "staff" });
    expect((await callLoader(dashboardLoader, await makeRequest("/dashboard", { userId: staff.id }))).data.workshops.kind).toBe("staff");
    const teacher = await createTestUser({ role: "teacher" });
    expect((await callLoader(dashboardLoader, await makeRequest("/dashboard", { userId: teacher.id }))).data.workshops).toBeNull();
  });

  it("staff see the meetings of today in Vietnam (00:30 local is 17:30 UTC the day before), titles in their language", async () => {
    const early = await createWorkshop({
      program: { titleVi: "Buổi sớm", titleEn: "Early session" },
      session: { meetings: [{ startsAt: "2031-03-01T17:30:00.000Z", endsAt: "2031-03-01T19:00:00.000Z" }] },
    });
    const yesterday = await createWorkshop({ session: { meetings: [{ startsAt: "2031-03-01T16:30:00.000Z", endsAt: "2031-03-01T17:00:00.000Z" }] } });
    const staff = await createTestUser({ role: "staff" });
    const noonInVietnam = "2031-03-02T05:00:00.000Z";
    const vi = await loadWorkshopsDashboard(db, { id: staff.id, role: "staff", locale: "vi" }, noonInVietnam);
    expect(vi).toMatchObject({ kind: "staff", sessions: [{ sessionId: early.sessionId, title: "Buổi sớm" }] });
    if (vi?.kind !== "staff") throw new Error("staff panel expected");
    expect(vi.sessions.map((x) => x.sessionId)).not.toContain(yesterday.sessionId);
    const en = await loadWorkshopsDashboard(db, { id: staff.id, role: "staff", locale: "en" }, noonInVietnam);
    expect(en?.sessions.map((x) => x.title)).toEqual(["Early session"]);
  });
});
