// The student's schedule: status words (attended/absent for past sessions), who may cancel whose registration,
// and what a cancelled session tells its students.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { action as scheduleAction } from "~/routes/schedule._index";
import { loader as icsLoader } from "~/routes/schedule.$file";
import { action as workshopAction } from "~/routes/workshops.$slug";
import { listSchedule } from "~/workshops/schedule.server";
import { setSessionStatus } from "~/workshops/sessions.server";
import { createTestUser } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";
import { createWorkshop, inDays, registerStudent, sessionRow } from "../helpers/workshops";

describe("ownership of a registration", () => {
  it("teacher, staff and another student can neither cancel nor download a student's registration", async () => {
    const owner = await createTestUser({ role: "student" });
    const others = await Promise.all((["student", "teacher", "staff"] as const).map((role) => createTestUser({ role })));
    const w = await createWorkshop();
    const r = await registerStudent(db, { sessionId: w.sessionId, userId: owner.id });
    if (!r.ok) throw new Error("setup");
    const { registrationId } = r.value;
    for (const u of others) {
      const viaSchedule = await callAction(scheduleAction, await makeRequest("/schedule", { userId: u.id, form: { intent: "cancel", registrationId, confirm: "yes" } }));
      expect(viaSchedule.status).toBe(404);
      expect(fieldErrorsOf(viaSchedule)).toEqual({ "": ["workshops.cancelRefused.notFound"] });
      const viaPage = await callAction(
        workshopAction,
        await makeRequest(`/workshops/${w.slug}`, { userId: u.id, form: { intent: "cancel", registrationId, confirm: "yes" } }),
        { slug: w.slug },
      );
      expect(viaPage.status).toBe(404);
      const ics = await callLoader(icsLoader, await makeRequest(`/schedule/${registrationId}.ics`, { userId: u.id }), { file: `${registrationId}.ics` });
      expect(ics.status).toBe(404);
    }
    expect((await sessionRow(w.sessionId)).confirmed_count).toBe(1);
    const own = await callAction(
      workshopAction,
      await makeRequest(`/workshops/${w.slug}`, { userId: owner.id, form: { intent: "cancel", registrationId, confirm: "yes" } }),
      { slug: w.slug },
    );
    expect(own.status).toBe(302);
    expect(own.location).toBe(`/workshops/${w.slug}?notice=notice.workshops.cancelled`);
    expect(await db.selectFrom("workshop_registrations").select("status").where("id", "=", registrationId).executeTakeFirstOrThrow()).toEqual({ status: "cancelled" });
    const twice = await callAction(scheduleAction, await makeRequest("/schedule", { userId: owner.id, form: { intent: "cancel", registrationId, confirm: "yes" } }));
    expect(twice.status).toBe(409);
    expect(fieldErrorsOf(twice)).toEqual({ "": ["workshops.cancelRefused.notActive"] });
    expect((await sessionRow(w.sessionId)).confirmed_count).toBe(0);
    expect((await callAction(scheduleAction, await makeRequest("/schedule", { userId: owner.id, form: { intent: "cancel", registrationId: "x", confirm: "yes" } }))).status).toBe(400);
  });
});

describe("schedule status words", () => {
  it("past sessions show attended or absent; upcoming ones confirmed or waitlisted #n", async () => {
    const s = await createTestUser({ role: "student" });
    const staff = await createTestUser({ role: "staff" });
    const past = await createWorkshop({ session: { meetings: [{ startsAt: inDays(-3, 1), endsAt: inDays(-3, 3) }] } });
    const pastAbsent = await createWorkshop({ session: { meetings: [{ startsAt: inDays(-5, 1), endsAt: inDays(-5, 3) }] } });
    for (const [w, status] of [[past, "attended"], [pastAbsent, "absent"]] as const) {
      const reg = await db
        .insertInto("workshop_registrations")
        .values({ session_id: w.sessionId, user_id: s.id, status: "confirmed", waitlist_position: null, created_at: inDays(-10), updated_at: inDays(-10), cancelled_at: null })
        .returning("id")
        .executeTakeFirstOrThrow();
      const meeting = await db.selectFrom("workshop_meetings").select("id").where("session_id", "=", w.sessionId).executeTakeFirstOrThrow();
      await db.insertInto("workshop_attendance").values({ registration_id: reg.id, meeting_id: meeting.id, status, marked_by: staff.id, marked_at: inDays(-3) }).execute();
    }
    const full = await createWorkshop({ startDays: 12, session: { capacity: 1 } });
    const other = await createTestUser({ role: "student" });
    await registerStudent(db, { sessionId: full.sessionId, userId: other.id });
    await registerStudent(db, { sessionId: full.sessionId, userId: s.id });
    const schedule = await listSchedule(db, s.id, { now: nowIso(), locale: "vi" });
    expect(schedule.past.map((i) => i.displayStatus)).toEqual(["attended", "absent"]);
    expect(schedule.past.every((i) => !i.cancellable)).toBe(true);
    expect(schedule.upcoming.map((i) => [i.displayStatus, i.waitlistPosition, i.cancellable])).toEqual([["waitlisted", 1, true]]);
  });

  it("cancelling a session tells its students and marks it on their schedule", async () => {
    const s = await createTestUser({ role: "student" });
    const w = await createWorkshop();
    await registerStudent(db, { sessionId: w.sessionId, userId: s.id });
    await setSessionStatus(db, w.sessionId, "cancelled", nowIso());
    await setSessionStatus(db, w.sessionId, "cancelled", nowIso());
    const notes = await db.selectFrom("notifications").select(["message_key", "params"]).where("user_id", "=", s.id).execute();
    expect(notes.map((n) => n.message_key)).toEqual(["workshops.notify.sessionCancelled"]);
    expect(JSON.parse(notes[0].params)).toEqual({ title: { vi: expect.stringContaining("Workshop thử nghiệm"), en: expect.stringContaining("Test workshop") } });
    const schedule = await listSchedule(db, s.id, { now: nowIso(), locale: "en" });
    expect(schedule.upcoming[0]).toMatchObject({ sessionStatus: "cancelled", cancellable: false, title: expect.stringContaining("Test workshop") });
  });
});
