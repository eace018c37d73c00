import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { checkEligibility } from "~/workshops/eligibility";
import { loadWorkshopPage } from "~/workshops/program-page.server";
import { cancelRegistration, registerForSession, removeRegistration } from "~/workshops/registration.server";
import { markAttendance } from "~/workshops/roster.server";
import { canCancel, registrationWindow } from "~/workshops/rules";
import { updateSession } from "~/workshops/sessions.server";
import { createTestUser } from "../helpers/factories";
import { checkInvariants, createWorkshop, inDays, registerStudent, registrationsOf, sessionRow } from "../helpers/workshops";

const student = (grade: number | null = 8, birthYear: number | null = null) => createTestUser({ role: "student", grade, birthYear });
const register = (sessionId: number, userId: number, now?: string) => registerStudent(db, { sessionId, userId, now });

describe("eligibility", () => {
  const limits = { grade_min: 6, grade_max: 9, age_min: null, age_max: null };
  it("checks grade, age, either of both, and lets unknown students through", () => {
    expect(checkEligibility(limits, { grade: 7, birthYear: null }, 2026)).toBe("eligible");
    expect(checkEligibility(limits, { grade: 10, birthYear: null }, 2026)).toBe("notEligible");
    expect(checkEligibility(limits, { grade: null, birthYear: null }, 2026)).toBe("unknown");
    expect(checkEligibility({ grade_min: null, grade_max: null, age_min: 10, age_max: 14 }, { grade: null, birthYear: 2014 }, 2026)).toBe("eligible");
    expect(checkEligibility({ grade_min: null, grade_max: null, age_min: 10, age_max: 14 }, { grade: null, birthYear: 2006 }, 2026)).toBe("notEligible");
    expect(checkEligibility({ grade_min: 6, grade_max: 9, age_min: 10, age_max: 14 }, { grade: 5, birthYear: 2014 }, 2026)).toBe("eligible");
    expect(checkEligibility({ grade_min: null, grade_max: null, age_min: null, age_max: null }, { grade: null, birthYear: null }, 2026)).toBe("eligible");
  });

  it("counts age in the Vietnamese calendar year: at 00:30 on 1 January in Vietnam (17:30 UTC on 31 December) it is already the new year", async () => {
    const newYearVn = "2026-12-31T17:30:00.000Z"; // 2027-01-01 00:30 in Vietnam
    const w = await createWorkshop({
      program: { ageMin: 10, ageMax: 12 },
      session: { meetings: [{ startsAt: "2027-01-09T01:00:00.000Z", endsAt: "2027-01-09T03:00:00.000Z" }] },
    });
    // Born in 2017: 10 in 2027 (eligible), but 9 in 2026, the UTC year at that instant.
    const s = await student(null, 2017);
    const user = { id: s.id, role: "student" as const, locale: "vi" as const, grade: null, birthYear: 2017 };
    const page = await loadWorkshopPage(db, { slug: w.slug, user, locale: "vi", now: newYearVn });
    expect(page?.eligibility).toBe("eligible");
    const r = await registerForSession(db, { programId: w.programId, sessionId: w.sessionId, user, now: newYearVn });
    expect(r).toMatchObject({ ok: true, value: { status: "confirmed" } });
    // One hour earlier it is still 2026 in Vietnam: the same student is 9 and refused, by the page and by registration.
    const other = await createWorkshop({
      program: { ageMin: 10, ageMax: 12 },
      session: { meetings: [{ startsAt: "2027-01-10T01:00:00.000Z", endsAt: "2027-01-10T03:00:00.000Z" }] },
    });
    const lastYear = "2026-12-31T16:30:00.000Z"; // 23:30 on 31 December in Vietnam
    expect((await loadWorkshopPage(db, { slug: other.slug, user, locale: "vi", now: lastYear }))?.eligibility).toBe("notEligible");
    expect(await registerForSession(db, { programId: other.programId, sessionId: other.sessionId, user, now: lastYear })).toEqual({ ok: false, reason: "notEligible" });
    expect(await registrationsOf(other.sessionId)).toEqual([]);
  });
});

describe("the registration window (one pure rule for the page and for registration)", () => {
  const session = { startsAt: "2026-12-10T01:00:00.000Z", registrationOpensAt: "2026-12-01T01:00:00.000Z", registrationClosesAt: "2026-12-08T10:00:00.000Z" };
  it("is notOpen before it opens, open until it closes, closed after, started once the session starts", () => {
    expect(registrationWindow(session, "2026-11-30T00:00:00.000Z")).toBe("notOpen");
    expect(registrationWindow(session, "2026-12-01T01:00:00.000Z")).toBe("open");
    expect(registrationWindow(session, "2026-12-08T09:59:59.000Z")).toBe("open");
    expect(registrationWindow(session, "2026-12-08T10:00:00.000Z")).toBe("closed");
    expect(registrationWindow(session, "2026-12-10T01:00:00.000Z")).toBe("started");
    expect(registrationWindow({ ...session, registrationOpensAt: null, registrationClosesAt: null }, "2026-12-09T00:00:00.000Z")).toBe("open");
  });

  it("cancelling: waitlisted until the start, confirmed until the deadline", () => {
    const s = { startsAt: "2026-12-10T01:00:00.000Z", cancellationDeadline: "2026-12-08T10:00:00.000Z" };
    expect(canCancel("confirmed", s, "2026-12-08T09:00:00.000Z")).toBe(true);
    expect(canCancel("confirmed", s, "2026-12-09T09:00:00.000Z")).toBe(false);
    expect(canCancel("waitlisted", s, "2026-12-09T09:00:00.000Z")).toBe(true);
    expect(canCancel("cancelled", s, "2026-12-01T09:00:00.000Z")).toBe(false);
  });

  it("the page shows the register button exactly when registration would accept", async () => {
    const s = await student(8);
    const user = { id: s.id, role: "student" as const, locale: "vi" as const, grade: 8, birthYear: null };
    const w = await createWorkshop({ session: { registrationOpensAt: inDays(3), registrationClosesAt: inDays(6) } });
    for (const [now, expected] of [[inDays(1), "notOpen"], [inDays(7), "closed"], [inDays(4), "open"]] as const) {
      const page = await loadWorkshopPage(db, { slug: w.slug, user, locale: "vi", now });
      expect(page?.sessions[0].open).toBe(expected === "open");
      const r = await registerForSession(db, { programId: w.programId, sessionId: w.sessionId, user, now });
      if (expected === "open") expect(r).toMatchObject({ ok: true, value: { status: "confirmed" } });
      else expect(r).toEqual({ ok: false, reason: expected });
    }
  });
});

describe("registering", () => {
  it("confirms while seats remain, then waitlists in order; a second click returns the same state", async () => {
    const { sessionId } = await createWorkshop({ session: { capacity: 2 } });
    const [a, b, c, d] = await Promise.all([student(), student(), student(), student()]);
    expect(await register(sessionId, a.id)).toMatchObject({ ok: true, value: { status: "confirmed", already: false } });
    expect(await register(sessionId, b.id)).toMatchObject({ ok: true, value: { status: "confirmed" } });
    expect(await register(sessionId, c.id)).toMatchObject({ ok: true, value: { status: "waitlisted", position: 1 } });
    expect(await register(sessionId, d.id)).toMatchObject({ ok: true, value: { status: "waitlisted", position: 2 } });
    expect(await register(sessionId, c.id)).toMatchObject({ ok: true, value: { status: "waitlisted", position: 1, already: true } });
    expect((await registrationsOf(sessionId)).length).toBe(4);
    expect((await sessionRow(sessionId)).confirmed_count).toBe(2);
  });

  it("only students register; a session of another program is not found; nothing is written", async () => {
    const w = await createWorkshop();
    const other = await createWorkshop({ startDays: 30 });
    const now = nowIso();
    for (const role of ["teacher", "staff", "admin", "coordinator"] as const) {
      const u = await createTestUser({ role });
      const r = await registerForSession(db, { programId: w.programId, sessionId: w.sessionId, user: { id: u.id, role, locale: "vi" }, now });
      expect(r).toEqual({ ok: false, reason: "studentsOnly" });
    }
    const s = await student();
    const user = { id: s.id, role: "student" as const, locale: "vi" as const };
    expect(await registerForSession(db, { programId: w.programId, sessionId: other.sessionId, user, now })).toEqual({ ok: false, reason: "notFound" });
    expect(await registrationsOf(w.sessionId)).toEqual([]);
    expect(await registrationsOf(other.sessionId)).toEqual([]);
    expect((await sessionRow(other.sessionId)).confirmed_count).toBe(0);
  });

  it("refuses outside the window, after the start, for ineligible students, and for a cancelled session", async () => {
    const s = await student(8);
    const notOpen = await createWorkshop({ session: { registrationOpensAt: inDays(3) } });
    expect(await register(notOpen.sessionId, s.id)).toEqual({ ok: false, reason: "notOpen" });
    const closed = await createWorkshop({ startDays: 20, session: { registrationClosesAt: inDays(-1) } });
    expect(await register(closed.sessionId, s.id)).toEqual({ ok: false, reason: "closed" });
    const started = await createWorkshop({ startDays: -1 });
    expect(await register(started.sessionId, s.id)).toEqual({ ok: false, reason: "started" });
    const older = await createWorkshop({ startDays: 30, program: { gradeMin: 10, gradeMax: 12 } });
    expect(await register(older.sessionId, s.id)).toEqual({ ok: false, reason: "notEligible" });
    const unknown = await student(null);
    expect(await register(older.sessionId, unknown.id)).toMatchObject({ ok: true, value: { status: "confirmed" } });
    const draft = await createWorkshop({ startDays: 40, program: { status: "draft" } });
    expect(await register(draft.sessionId, s.id)).toEqual({ ok: false, reason: "notFound" });
    const cancelled = await createWorkshop({ startDays: 50 });
    await db.updateTable("workshop_sessions").set({ status: "cancelled" }).where("id", "=", cancelled.sessionId).execute();
    expect(await register(cancelled.sessionId, s.id)).toEqual({ ok: false, reason: "sessionCancelled" });
    expect(await register(999_999, s.id)).toEqual({ ok: false, reason: "notFound" });
    for (const w of [notOpen, closed, started, draft, cancelled]) expect(await registrationsOf(w.sessionId)).toEqual([]);
  });

  it("refuses a session overlapping another confirmed one, naming it in the student's language; a multi-meeting session overlaps only on its meetings", async () => {
    const s = await student();
    const first = await createWorkshop({ startDays: 60, meetings: 3, program: { titleVi: "Robot cơ bản", titleEn: "Robotics basics" } });
    expect(await register(first.sessionId, s.id)).toMatchObject({ ok: true });
    const clash = await createWorkshop({ session: { meetings: [{ startsAt: inDays(67, 2), endsAt: inDays(67, 4) }] } });
    expect(await register(clash.sessionId, s.id)).toEqual({ ok: false, reason: "overlap", params: { title: "Robot cơ bản" } });
    const inEnglish = { id: s.id, role: "student" as const, locale: "en" as const };
    expect(await registerForSession(db, { programId: clash.programId, sessionId: clash.sessionId, user: inEnglish, now: nowIso() })).toEqual({
      ok: false,
      reason: "overlap",
      params: { title: "Robotics basics" },
    });
    expect(await registrationsOf(clash.sessionId)).toEqual([]);
    // Between two meetings of the first session: no clash.
    const between = await createWorkshop({ session: { meetings: [{ startsAt: inDays(63, 2), endsAt: inDays(63, 4) }] } });
    expect(await register(between.sessionId, s.id)).toMatchObject({ ok: true, value: { status: "confirmed" } });
  });
});

describe("cancelling and the waitlist", () => {
  it("a cancellation frees the seat and promotes #1 in the same transaction, renumbers the rest and notifies in both languages", async () => {
    const { sessionId } = await createWorkshop({ session: { capacity: 1 }, program: { titleVi: "Điện tử vui", titleEn: "Fun electronics" } });
    const [a, b, c, d] = await Promise.all([student(), student(), student(), student()]);
    const ra = await register(sessionId, a.id);
    for (const u of [b, c, d]) await register(sessionId, u.id);
    if (!ra.ok) throw new Error("setup");
    expect(await cancelRegistration(db, { registrationId: ra.value.registrationId, userId: a.id, now: nowIso() })).toEqual({ ok: true, value: { promoted: [b.id] } });
    const regs = await registrationsOf(sessionId);
    const byUser = new Map(regs.map((r) => [r.user_id, r]));
    expect(byUser.get(a.id)).toMatchObject({ status: "cancelled", waitlist_position: null });
    expect(byUser.get(b.id)).toMatchObject({ status: "confirmed", waitlist_position: null });
    expect(byUser.get(c.id)).toMatchObject({ status: "waitlisted", waitlist_position: 1 });
    expect(byUser.get(d.id)).toMatchObject({ status: "waitlisted", waitlist_position: 2 });
    const note = await db.selectFrom("notifications").selectAll().where("user_id", "=", b.id).executeTakeFirstOrThrow();
    expect(note.message_key).toBe("workshops.notify.promoted");
    expect(JSON.parse(note.params)).toEqual({ title: { vi: "Điện tử vui", en: "Fun electronics" } });
    // Leaving the waitlist closes the gap.
    await cancelRegistration(db, { registrationId: byUser.get(c.id)!.id, userId: c.id, now: nowIso() });
    expect((await registrationsOf(sessionId)).find((r) => r.user_id === d.id)).toMatchObject({ waitlist_position: 1 });
    // Re-registering after cancelling reuses the row and goes to the back of the queue.
    const again = await register(sessionId, a.id);
    expect(again).toMatchObject({ ok: true, value: { status: "waitlisted", position: 2, registrationId: ra.value.registrationId } });
    expect(await checkInvariants(sessionId)).toMatchObject({ confirmed: 1, counter: 1, positionsContiguous: true, usersUnique: true });
  });

  it("refuses to cancel after the deadline or someone else's registration", async () => {
    const { sessionId } = await createWorkshop({ session: { cancellationDeadline: inDays(-1) } });
    const [a, b] = await Promise.all([student(), student()]);
    const r = await register(sessionId, a.id);
    if (!r.ok) throw new Error("setup");
    expect(await cancelRegistration(db, { registrationId: r.value.registrationId, userId: b.id, now: nowIso() })).toEqual({ ok: false, reason: "notFound" });
    expect(await cancelRegistration(db, { registrationId: r.value.registrationId, userId: a.id, now: nowIso() })).toEqual({ ok: false, reason: "deadlinePassed" });
    expect((await sessionRow(sessionId)).confirmed_count).toBe(1);
  });

  it("staff removal promotes the waitlist; a removed student cannot re-register; capacity cannot go below confirmed", async () => {
    const { sessionId } = await createWorkshop({ session: { capacity: 2 } });
    const [a, b, c, d] = await Promise.all([student(), student(), student(), student()]);
    const ra = await register(sessionId, a.id);
    for (const u of [b, c, d]) await register(sessionId, u.id);
    if (!ra.ok) throw new Error("setup");
    expect(await removeRegistration(db, { registrationId: ra.value.registrationId, sessionId, now: nowIso() })).toEqual({ ok: true, value: { promoted: [c.id] } });
    const removedNote = await db.selectFrom("notifications").selectAll().where("user_id", "=", a.id).executeTakeFirstOrThrow();
    expect(removedNote.message_key).toBe("workshops.notify.removed");
    expect(JSON.parse(removedNote.params).title).toMatchObject({ vi: expect.stringContaining("Workshop thử nghiệm") });
    expect(await register(sessionId, a.id)).toEqual({ ok: false, reason: "removedByStaff" });
    const meetings = [{ startsAt: inDays(10, 1), endsAt: inDays(10, 3) }];
    const base = { room: "P1", instructorId: null, registrationOpensAt: null, registrationClosesAt: null, cancellationDeadline: null, minAttendancePercent: 100, meetings };
    expect(await updateSession(db, sessionId, { ...base, capacity: 1 }, nowIso())).toEqual({ ok: false, reason: "capacityBelowConfirmed" });
    expect((await sessionRow(sessionId)).capacity).toBe(2);
    expect(await updateSession(db, sessionId, { ...base, capacity: 3 }, nowIso())).toMatchObject({ ok: true });
    expect(await checkInvariants(sessionId)).toMatchObject({ confirmed: 3, counter: 3, positions: [] });
    expect(await updateSession(db, 999_999, { ...base, capacity: 3 }, nowIso())).toEqual({ ok: false, reason: "notFound" });
  });
});

describe("attendance", () => {
  it("marks per meeting, only for confirmed students of that session, and can be changed", async () => {
    const staff = await createTestUser({ role: "staff" });
    const { sessionId } = await createWorkshop({ meetings: 2 });
    const other = await createWorkshop({ startDays: 90 });
    const a = await student();
    const r = await register(sessionId, a.id);
    if (!r.ok) throw new Error("setup");
    const meetings = await db.selectFrom("workshop_meetings").select("id").where("session_id", "=", sessionId).orderBy("starts_at").execute();
    const otherMeeting = await db.selectFrom("workshop_meetings").select("id").where("session_id", "=", other.sessionId).executeTakeFirstOrThrow();
    const mark = (meetingId: number, status: "attended" | "absent") =>
      markAttendance(db, { sessionId, registrationId: r.value.registrationId, meetingId, status, markedBy: staff.id, now: nowIso() });
    expect(await mark(meetings[0].id, "absent")).toEqual({ ok: true, value: undefined });
    expect(await mark(meetings[0].id, "attended")).toEqual({ ok: true, value: undefined });
    expect(await mark(otherMeeting.id, "attended")).toEqual({ ok: false, reason: "notFound" });
    const rows = await db.selectFrom("workshop_attendance").selectAll().where("registration_id", "=", r.value.registrationId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe("attended");
  });
});
