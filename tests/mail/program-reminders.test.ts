// The staff switch per program for reminders (issue 12, migration 0019): on by default; unticking it on the staff
// program form (workshops) or the tour form stops reminders for that program's sessions and tours, while other
// programs' reminders still go out. Only staff change it.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { queueDueReminders } from "~/mail/reminders.server";
import { action as editProgramAction, loader as editProgramLoader } from "~/routes/staff.programs.$programId";
import { action as newProgramAction } from "~/routes/staff.programs.new";
import { action as tourEditAction } from "~/routes/staff.tours.$id";
import { changeBooking } from "~/tours/lifecycle.server";
import { createBooking } from "~/tours/bookings.server";
import { getTourById } from "~/tours/tours.server";
import { createTestUser } from "../helpers/factories";
import { callAction, callLoader, makeRequest } from "../helpers/http";
import { emptyOutbox, outboxRows } from "../helpers/mail";
import { bookingInput, createSchoolWithTeacher, createSlotAt, createTestTour, sessionUserOf } from "../helpers/tours";
import { createWorkshop, registerStudent, sessionRow } from "../helpers/workshops";

const HOUR = 3600_000;
const at = (iso: string, deltaMs: number) => new Date(Date.parse(iso) + deltaMs).toISOString();
const switchOf = async (programId: number) =>
  (await db.selectFrom("programs").select("mail_reminders").where("id", "=", programId).executeTakeFirstOrThrow()).mail_reminders;
const mailFor = async (userId: number) => (await outboxRows()).filter((r) => r.to_user_id === userId).map((r) => r.template);

beforeEach(emptyOutbox);

const programForm = (extra: Record<string, string> = {}) => ({ intent: "save", titleVi: `Chương trình ${Math.random().toString(36).slice(2, 8)}`, ...extra });

describe("the staff reminder switch on a program", () => {
  it("is on for a new program when ticked, off when unticked; the edit form shows it; students cannot change it", async () => {
    const staff = await createTestUser({ role: "staff" });
    const created = await callAction(newProgramAction, await makeRequest("/staff/programs/new", { userId: staff.id, form: programForm({ mailReminders: "on" }) }));
    expect(created.status).toBe(302);
    const programId = Number(created.location!.match(/\/staff\/programs\/(\d+)/)![1]);
    expect(await switchOf(programId)).toBe(1);
    const params = { programId: String(programId) };
    const page = await callLoader(editProgramLoader, await makeRequest(`/staff/programs/${programId}`, { userId: staff.id }), params);
    expect(page.data.program.values.mailReminders).toBe(true);

    const student = await createTestUser();
    const denied = await callAction(editProgramAction, await makeRequest(`/staff/programs/${programId}`, { userId: student.id, form: programForm() }), params);
    expect(denied.status).toBe(403);
    expect(await switchOf(programId)).toBe(1);

    // The box left unticked: off.
    const saved = await callAction(editProgramAction, await makeRequest(`/staff/programs/${programId}`, { userId: staff.id, form: programForm() }), params);
    expect(saved.status).toBe(302);
    expect(await switchOf(programId)).toBe(0);
    const again = await callLoader(editProgramLoader, await makeRequest(`/staff/programs/${programId}`, { userId: staff.id }), params);
    expect(again.data.program.values.mailReminders).toBe(false);
    // A bad value is a form error; nothing changes.
    const bad = await callAction(editProgramAction, await makeRequest(`/staff/programs/${programId}`, { userId: staff.id, form: programForm({ mailReminders: "yes" }) }), params);
    expect(bad.status).toBe(400);
    expect(await switchOf(programId)).toBe(0);
  });

  it("a workshop switched off gets no reminders; another workshop's students still get theirs", async () => {
    const quiet = await createWorkshop({ startDays: 10 });
    const loud = await createWorkshop({ startDays: 10 });
    await db.updateTable("programs").set({ mail_reminders: 0 }).where("id", "=", quiet.programId).execute();
    const a = await createTestUser({ grade: 8 });
    const b = await createTestUser({ grade: 8 });
    await registerStudent(db, { sessionId: quiet.sessionId, userId: a.id });
    await registerStudent(db, { sessionId: loud.sessionId, userId: b.id });
    await emptyOutbox();
    const startsAt = (await sessionRow(quiet.sessionId)).starts_at;
    expect((await sessionRow(loud.sessionId)).starts_at).toBe(startsAt);
    await queueDueReminders(db, { now: at(startsAt, -47 * HOUR) });
    await queueDueReminders(db, { now: at(startsAt, -HOUR) });
    expect(await mailFor(a.id)).toEqual([]);
    expect(await mailFor(b.id)).toEqual(["sessionReminder", "sessionReminder"]);
  });

  it("a tour switched off on the tour form gets no reminder for its confirmed bookings", async () => {
    const staff = await createTestUser({ role: "staff" });
    const tour = await createTestTour();
    const { teacher, schoolId } = await createSchoolWithTeacher();
    const startsAt = "2031-05-12T02:00:00.000Z";
    const slot = await createSlotAt(db, tour.id, startsAt);
    const booked = await createBooking(db, {
      user: await sessionUserOf(db, teacher.id),
      tour: (await getTourById(db, tour.id))!,
      form: bookingInput(slot.id, { schoolId }),
      now: "2031-04-01T00:00:00.000Z",
    });
    if (!booked.ok) throw new Error(booked.reason);
    await changeBooking(db, { bookingId: booked.value.bookingId, actor: { userId: staff.id, kind: "staff" }, change: { action: "confirm", message: "" }, now: "2031-04-02T00:00:00.000Z" });
    const t = (await getTourById(db, tour.id))!;
    const form = {
      intent: "save", slug: t.slug, titleVi: t.title_vi, titleEn: t.title_en ?? "", gradeMin: "1", gradeMax: "12", feeVnd: "0",
      durationMinutes: "120", groupMin: "10", groupMax: "45", cancelDaysBefore: "3", participationCertificates: "on", status: "published", ratioRules: "",
    };
    const saved = await callAction(tourEditAction, await makeRequest(`/staff/tours/${tour.id}`, { userId: staff.id, form }), { id: String(tour.id) });
    expect(saved.status).toBe(302);
    expect(await switchOf(tour.id)).toBe(0);
    await emptyOutbox();
    await queueDueReminders(db, { now: at(startsAt, -70 * HOUR) });
    expect(await mailFor(teacher.id)).toEqual([]);
    // Switched back on: the reminder goes out (once).
    await callAction(tourEditAction, await makeRequest(`/staff/tours/${tour.id}`, { userId: staff.id, form: { ...form, mailReminders: "on" } }), { id: String(tour.id) });
    expect(await switchOf(tour.id)).toBe(1);
    await queueDueReminders(db, { now: at(startsAt, -69 * HOUR) });
    await queueDueReminders(db, { now: at(startsAt, -68 * HOUR) });
    expect(await mailFor(teacher.id)).toEqual(["tourReminder"]);
  });
});
