import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { checkEligibility } from "~/workshops/eligibility";
import { cancelRegistration, registerForSession, removeRegistration } from "~/workshops/registration.server";
import { markAttendance } from "~/workshops/roster.server";
import { updateSession } from "~/workshops/sessions.server";
import { createTestUser } from "../helpers/factories";
import { checkInvariants, createWorkshop, inDays, registrationsOf, sessionRow } from "../helpers/workshops";

const student = (grade: number | null = 8, birthYear: number | null = null) => createTestUser({ role: "student", grade, birthYear });

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
});

describe("registering", () => {
  it("confirms while seats remain, then waitlists in order; a second click returns the same state", async () => {
    const { sessionId } = await createWorkshop({ session: { capacity: 2 } });
    const [a, b, c, d] = await Promise.all([student(), student(), student(), student()]);
    expect(await registerForSession(db, { sessionId, userId: a.id })).toMatchObject({ ok: true, status: "confirmed", already: false });
    expect(await registerForSession(db, { sessionId, userId: b.id })).toMatchObject({ ok: true, status: "confirmed" });
    expect(await registerForSession(db, { sessionId, userId: c.id })).toMatchObject({ ok: true, status: "waitlisted", position: 1 });
    expect(await registerForSession(db, { sessionId, userId: d.id })).toMatchObject({ ok: true, status: "waitlisted", position: 2 });
    expect(await registerForSession(db, { sessionId, userId: c.id })).toMatchObject({ ok: true, status: "waitlisted", position: 1, already: true });
    expect((await registrationsOf(sessionId)).length).toBe(4);
    expect((await sessionRow(sessionId)).confirmed_count).toBe(2);
  });

  it("refuses outside the window, after the start, for ineligible students, and for a cancelled session", async () => {
    const s = await student(8);
    const notOpen = await createWorkshop({ session: { registrationOpensAt: inDays(3) } });
    expect(await registerForSession(db, { sessionId: notOpen.sessionId, userId: s.id })).toEqual({ ok: false, reason: "notOpen" });
    const closed = await createWorkshop({ startDays: 20, session: { registrationClosesAt: inDays(-1) } });
    expect(await registerForSession(db, { sessionId: closed.sessionId, userId: s.id })).toEqual({ ok: false, reason: "closed" });
    const started = await createWorkshop({ startDays: -1 });
    expect(await registerForSession(db, { sessionId: started.sessionId, userId: s.id })).toEqual({ ok: false, reason: "started" });
    const older = await createWorkshop({ startDays: 30, program: { gradeMin: 10, gradeMax: 12 } });
    expect(await registerForSession(db, { sessionId: older.sessionId, userId: s.id })).toEqual({ ok: false, reason: "notEligible" });
    const unknown = await student(null);
    expect(await registerForSession(db, { sessionId: older.sessionId, userId: unknown.id })).toMatchObject({ ok: true, status: "confirmed" });
    const draft = await createWorkshop({ startDays: 40, program: { status: "draft" } });
    expect(await registerForSession(db, { sessionId: draft.sessionId, userId: s.id })).toEqual({ ok: false, reason: "notFound" });
    const cancelled = await createWorkshop({ startDays: 50 });
    await db.updateTable("workshop_sessions").set({ status: "cancelled" }).where("id", "=", cancelled.sessionId).execute();
    expect(await registerForSession(db, { sessionId: cancelled.sessionId, userId: s.id })).toEqual({ ok: false, reason: "sessionCancelled" });
    expect(await registerForSession(db, { sessionId: 999_999, userId: s.id })).toEqual({ ok: false, reason: "notFound" });
  });

  it("refuses a session overlapping another confirmed one, naming it; a multi-meeting session overlaps only on its meetings", async () => {
    const s = await student();
    const first = await createWorkshop({ startDays: 60, meetings: 3, program: { titleVi: "Robot cơ bản" } });
    expect(await registerForSession(db, { sessionId: first.sessionId, userId: s.id })).toMatchObject({ ok: true });
    const clash = await createWorkshop({ session: { meetings: [{ startsAt: inDays(67, 2), endsAt: inDays(67, 4) }] } });
    expect(await registerForSession(db, { sessionId: clash.sessionId, userId: s.id })).toEqual({ ok: false, reason: "overlap", otherTitle: "Robot cơ bản" });
    // Between two meetings of the first session: no clash.
    const between = await createWorkshop({ session: { meetings: [{ startsAt: inDays(63, 2), endsAt: inDays(63, 4) }] } });
    expect(await registerForSession(db, { sessionId: between.sessionId, userId: s.id })).toMatchObject({ ok: true, status: "confirmed" });
  });
});

describe("cancelling and the waitlist", () => {
  it("a cancellation frees the seat and promotes #1 in the same transaction, renumbers the rest and notifies", async () => {
    const { sessionId } = await createWorkshop({ session: { capacity: 1 } });
    const [a, b, c, d] = await Promise.all([student(), student(), student(), student()]);
    const ra = await registerForSession(db, { sessionId, userId: a.id });
    for (const u of [b, c, d]) await registerForSession(db, { sessionId, userId: u.id });
    if (!ra.ok) throw new Error("setup");
    expect(await cancelRegistration(db, { registrationId: ra.registrationId, userId: a.id })).toEqual({ ok: true, promoted: [b.id] });
    const regs = await registrationsOf(sessionId);
    const byUser = new Map(regs.map((r) => [r.user_id, r]));
    expect(byUser.get(a.id)).toMatchObject({ status: "cancelled", waitlist_position: null });
    expect(byUser.get(b.id)).toMatchObject({ status: "confirmed", waitlist_position: null });
    expect(byUser.get(c.id)).toMatchObject({ status: "waitlisted", waitlist_position: 1 });
    expect(byUser.get(d.id)).toMatchObject({ status: "waitlisted", waitlist_position: 2 });
    const note = await db.selectFrom("notifications").selectAll().where("user_id", "=", b.id).executeTakeFirstOrThrow();
    expect(note.message_key).toBe("workshops.notify.promoted");
    // Leaving the waitlist closes the gap.
    await cancelRegistration(db, { registrationId: byUser.get(c.id)!.id, userId: c.id });
    expect((await registrationsOf(sessionId)).find((r) => r.user_id === d.id)).toMatchObject({ waitlist_position: 1 });
    // Re-registering after cancelling reuses the row and goes to the back of the queue.
    const again = await registerForSession(db, { sessionId, userId: a.id });
    expect(again).toMatchObject({ ok: true, status: "waitlisted", position: 2, registrationId: ra.registrationId });
    expect(await checkInvariants(sessionId)).toMatchObject({ confirmed: 1, counter: 1, positionsContiguous: true, usersUnique: true });
  });

  it("refuses to cancel after the deadline or someone else's registration", async () => {
    const { sessionId } = await createWorkshop({ session: { cancellationDeadline: inDays(-1) } });
    const [a, b] = await Promise.all([student(), student()]);
    const r = await registerForSession(db, { sessionId, userId: a.id });
    if (!r.ok) throw new Error("setup");
    expect(await cancelRegistration(db, { registrationId: r.registrationId, userId: b.id })).toEqual({ ok: false, reason: "notFound" });
    expect(await cancelRegistration(db, { registrationId: r.registrationId, userId: a.id })).toEqual({ ok: false, reason: "deadlinePassed" });
    expect((await sessionRow(sessionId)).confirmed_count).toBe(1);
  });

  it("staff removal promotes the waitlist; a removed student cannot re-register; capacity cannot go below confirmed", async () => {
    const { sessionId } = await createWorkshop({ session: { capacity: 2 } });
    const [a, b, c, d] = await Promise.all([student(), student(), student(), student()]);
    const ra = await registerForSession(db, { sessionId, userId: a.id });
    for (const u of [b, c, d]) await registerForSession(db, { sessionId, userId: u.id });
    if (!ra.ok) throw new Error("setup");
    expect(await removeRegistration(db, { registrationId: ra.registrationId, sessionId })).toEqual({ ok: true, promoted: [c.id] });
    expect(await registerForSession(db, { sessionId, userId: a.id })).toEqual({ ok: false, reason: "removedByStaff" });
    const meetings = [{ startsAt: inDays(10, 1), endsAt: inDays(10, 3) }];
    const base = { room: "P1", instructorId: null, registrationOpensAt: null, registrationClosesAt: null, cancellationDeadline: null, minAttendancePercent: 100, meetings };
    expect(await updateSession(db, sessionId, { ...base, capacity: 1 })).toBe("capacityBelowConfirmed");
    expect((await sessionRow(sessionId)).capacity).toBe(2);
    expect(await updateSession(db, sessionId, { ...base, capacity: 3 })).toBe("ok");
    expect(await checkInvariants(sessionId)).toMatchObject({ confirmed: 3, counter: 3, positions: [] });
  });
});

describe("attendance", () => {
  it("marks per meeting, only for confirmed students of that session, and can be changed", async () => {
    const staff = await createTestUser({ role: "staff" });
    const { sessionId } = await createWorkshop({ meetings: 2 });
    const other = await createWorkshop({ startDays: 90 });
    const a = await student();
    const r = await registerForSession(db, { sessionId, userId: a.id });
    if (!r.ok) throw new Error("setup");
    const meetings = await db.selectFrom("workshop_meetings").select("id").where("session_id", "=", sessionId).orderBy("starts_at").execute();
    const otherMeeting = await db.selectFrom("workshop_meetings").select("id").where("session_id", "=", other.sessionId).executeTakeFirstOrThrow();
    const mark = (meetingId: number, status: "attended" | "absent") =>
      markAttendance(db, { sessionId, registrationId: r.registrationId, meetingId, status, markedBy: staff.id });
    expect(await mark(meetings[0].id, "absent")).toBe("ok");
    expect(await mark(meetings[0].id, "attended")).toBe("ok");
    expect(await mark(otherMeeting.id, "attended")).toBe("notFound");
    const rows = await db.selectFrom("workshop_attendance").selectAll().where("registration_id", "=", r.registrationId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe("attended");
  });
});
