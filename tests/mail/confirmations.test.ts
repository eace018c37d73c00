// Confirmations and reminders: written in the same transaction as the change, in the recipient's language, not
// for people who switched optional mail off; reminders ~48 h before, once per registration or booking.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { queueDueReminders, sessionReminderKey, tourReminderKey } from "~/mail/reminders.server";
import { runSenderPass } from "~/mail/sender.server";
import { createBooking } from "~/tours/bookings.server";
import { changeBooking } from "~/tours/lifecycle.server";
import { getTourById } from "~/tours/tours.server";
import { cancelRegistration } from "~/workshops/registration.server";
import { setSessionStatus } from "~/workshops/sessions.server";
import { redactUrl } from "../../server/redact.mjs";
import { createTestUser } from "../helpers/factories";
import { callAction, makeRequest } from "../helpers/http";
import { emptyOutbox, outboxRows, senderFor, startTestSmtp, testClock, TEST_ORIGIN, type TestSmtp } from "../helpers/mail";
import { bookingInput, createSchoolWithTeacher, createSlotAt, createTestTour, sessionUserOf } from "../helpers/tours";
import { createWorkshop, registerStudent, sessionRow } from "../helpers/workshops";

const HOUR = 3600_000;
const at = (iso: string, deltaMs: number) => new Date(Date.parse(iso) + deltaMs).toISOString();
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(() => smtp.close());
beforeEach(async () => {
  await emptyOutbox();
  smtp.received.length = 0;
});

async function student(locale: "vi" | "en" = "vi") {
  const u = await createTestUser({ grade: 8 });
  await db.updateTable("users").set({ locale }).where("id", "=", u.id).execute();
  return u;
}

const mailFor = async (userId: number) => (await outboxRows()).filter((r) => r.to_user_id === userId).map((r) => r.template);

describe("workshop registration mail", () => {
  it("confirmed, waitlisted, then promoted from the waitlist when a seat frees up", async () => {
    const { sessionId } = await createWorkshop({ session: { capacity: 1 } });
    const first = await student("en");
    const second = await student();
    expect((await registerStudent(db, { sessionId, userId: first.id })).ok).toBe(true);
    expect((await registerStudent(db, { sessionId, userId: second.id })).ok).toBe(true);
    expect(await mailFor(first.id)).toEqual(["registrationConfirmed"]);
    expect(await mailFor(second.id)).toEqual(["registrationWaitlisted"]);
    const reg = await db.selectFrom("workshop_registrations").select("id").where("user_id", "=", first.id).executeTakeFirstOrThrow();
    expect((await cancelRegistration(db, { registrationId: reg.id, userId: first.id, now: new Date().toISOString() })).ok).toBe(true);
    expect(await mailFor(second.id)).toEqual(["registrationWaitlisted", "waitlistPromoted"]);

    await runSenderPass(db, senderFor(smtp, testClock(new Date().toISOString())));
    const english = smtp.received.find((m) => m.subject?.startsWith("Registered:"))!;
    expect(english.subject).toMatch(/^Registered: Test workshop \d+ · STEM Hub$/);
    expect(english.text).toContain(`${TEST_ORIGIN}/schedule`);
    const promoted = smtp.received.find((m) => m.subject?.startsWith("Bạn đã có chỗ"))!;
    expect(promoted.subject).toMatch(/Workshop thử nghiệm \d+/);
  });

  it("a refused registration sends nothing; a student who switched optional mail off gets none", async () => {
    const { sessionId } = await createWorkshop();
    const quiet = await student();
    await db.updateTable("users").set({ mail_optional: 0 }).where("id", "=", quiet.id).execute();
    expect((await registerStudent(db, { sessionId, userId: quiet.id })).ok).toBe(true);
    const teacher = await createTestUser({ role: "teacher" });
    expect((await registerStudent(db, { sessionId, userId: teacher.id })).ok).toBe(false);
    expect(await outboxRows()).toHaveLength(0);
  });
});

describe("tour booking mail", () => {
  it("the booker hears of confirmation, a move and a cancellation by staff", async () => {
    const tour = await createTestTour();
    const { teacher, schoolId } = await createSchoolWithTeacher();
    const staff = await createTestUser({ role: "staff" });
    const slot = await createSlotAt(db, tour.id, "2030-06-10T02:00:00.000Z");
    const other = await createSlotAt(db, tour.id, "2030-06-12T02:00:00.000Z");
    const booked = await createBooking(db, {
      user: await sessionUserOf(db, teacher.id),
      tour: (await getTourById(db, tour.id))!,
      form: bookingInput(slot.id, { schoolId }),
      now: "2030-05-01T00:00:00.000Z",
    });
    if (!booked.ok) throw new Error(booked.reason);
    const actor = { userId: staff.id, kind: "staff" as const };
    const bookingId = booked.value.bookingId;
    expect((await changeBooking(db, { bookingId, actor, change: { action: "confirm", message: "" }, now: "2030-05-02T00:00:00.000Z" })).ok).toBe(true);
    expect((await changeBooking(db, { bookingId, actor, change: { action: "move", slotId: other.id }, now: "2030-05-03T00:00:00.000Z" })).ok).toBe(true);
    // A refused change sends nothing.
    expect((await changeBooking(db, { bookingId, actor, change: { action: "move", slotId: other.id }, now: "2030-05-03T00:00:00.000Z" })).ok).toBe(false);
    expect((await changeBooking(db, { bookingId, actor, change: { action: "cancelByStaff", reason: "Mất điện" }, now: "2030-05-04T00:00:00.000Z" })).ok).toBe(true);
    const rows = (await outboxRows()).filter((r) => r.to_user_id === teacher.id);
    expect(rows.map((r) => r.template)).toEqual(["tourRequested", "tourConfirmed", "tourMoved", "tourCancelled"]);
    expect(JSON.parse(rows[2].params).startsAt).toBe("2030-06-12T02:00:00.000Z");
    expect(JSON.parse(rows[1].params).reference).toBe(booked.value.reference);
  });
});

describe("reminders", () => {
  it("one reminder 48 h before a session, for confirmed students only, whatever the number of passes", async () => {
    const { sessionId } = await createWorkshop({ startDays: 10 });
    const startsAt = (await sessionRow(sessionId)).starts_at;
    const coming = await student("en");
    const leaving = await student();
    await registerStudent(db, { sessionId, userId: coming.id });
    await registerStudent(db, { sessionId, userId: leaving.id });
    const reg = await db.selectFrom("workshop_registrations").select("id").where("user_id", "=", leaving.id).executeTakeFirstOrThrow();
    await cancelRegistration(db, { registrationId: reg.id, userId: leaving.id, now: new Date().toISOString() });
    await emptyOutbox();

    // Other tests' sessions may share the window: only this test's recipients are counted.
    const mine = async () => (await outboxRows()).filter((r) => r.to_user_id === coming.id || r.to_user_id === leaving.id);
    await queueDueReminders(db, { now: at(startsAt, -49 * HOUR) });
    expect(await mine()).toHaveLength(0);
    await queueDueReminders(db, { now: at(startsAt, -47 * HOUR) });
    expect(await mine()).toHaveLength(1);
    // Later passes, and two processes at once, add nothing.
    await Promise.all([queueDueReminders(db, { now: at(startsAt, -46 * HOUR) }), queueDueReminders(db, { now: at(startsAt, -46 * HOUR) })]);
    const rows = await mine();
    expect(rows).toHaveLength(1);
    const comingReg = await db.selectFrom("workshop_registrations").select("id").where("user_id", "=", coming.id).executeTakeFirstOrThrow();
    expect(rows[0]).toMatchObject({ template: "sessionReminder", to_user_id: coming.id, dedupe_key: sessionReminderKey(comingReg.id), locale: "en" });
    await db.deleteFrom("email_outbox").where("id", "!=", rows[0].id).execute();

    await runSenderPass(db, senderFor(smtp, testClock(at(startsAt, -46 * HOUR))));
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].subject).toMatch(/^Reminder: Test workshop \d+ at /);
    expect(JSON.stringify(smtp.received[0].headers.get("list"))).toContain("/unsubscribe/");
    // The last call, 2 hours before: one more, once.
    await queueDueReminders(db, { now: at(startsAt, -3 * HOUR) });
    expect(await mine()).toHaveLength(1);
    await queueDueReminders(db, { now: at(startsAt, -2 * HOUR + 60_000) });
    await queueDueReminders(db, { now: at(startsAt, -HOUR) });
    const both = await mine();
    expect(both.map((r) => r.dedupe_key)).toEqual([sessionReminderKey(comingReg.id), sessionReminderKey(comingReg.id, 2)]);
    await db.deleteFrom("email_outbox").where("id", "=", both[1].id).execute();
    // After the session started: nothing more.
    await queueDueReminders(db, { now: at(startsAt, HOUR) });
    expect(await mine()).toHaveLength(1);
  });

  it("none for a cancelled session, a student who switched reminders off, or a registration made inside the window", async () => {
    const { sessionId } = await createWorkshop({ startDays: 5 });
    const startsAt = (await sessionRow(sessionId)).starts_at;
    const quiet = await student();
    await db.updateTable("users").set({ mail_optional: 0 }).where("id", "=", quiet.id).execute();
    await registerStudent(db, { sessionId, userId: quiet.id });
    const late = await student();
    await registerStudent(db, { sessionId, userId: late.id, now: at(startsAt, -30 * HOUR) });
    await queueDueReminders(db, { now: at(startsAt, -24 * HOUR) });
    expect(await mailFor(quiet.id)).toEqual([]);
    expect(await mailFor(late.id)).toEqual(["registrationConfirmed"]);

    const cancelled = await createWorkshop({ startDays: 6 });
    const s2 = (await sessionRow(cancelled.sessionId)).starts_at;
    const keen = await student();
    await registerStudent(db, { sessionId: cancelled.sessionId, userId: keen.id });
    await setSessionStatus(db, cancelled.sessionId, "cancelled", new Date().toISOString());
    // Cancelling told the registered student by e-mail.
    expect(await mailFor(keen.id)).toEqual(["registrationConfirmed", "sessionCancelled"]);
    await emptyOutbox();
    await queueDueReminders(db, { now: at(s2, -24 * HOUR) });
    expect(await mailFor(keen.id)).toEqual([]);
  });

  it("the booker of a confirmed tour gets one reminder, 3 days before, once", async () => {
    const tour = await createTestTour();
    const { teacher, schoolId } = await createSchoolWithTeacher();
    const staff = await createTestUser({ role: "staff" });
    const startsAt = "2031-03-10T02:00:00.000Z";
    const slot = await createSlotAt(db, tour.id, startsAt);
    const booked = await createBooking(db, {
      user: await sessionUserOf(db, teacher.id),
      tour: (await getTourById(db, tour.id))!,
      form: bookingInput(slot.id, { schoolId }),
      now: "2031-02-01T00:00:00.000Z",
    });
    if (!booked.ok) throw new Error(booked.reason);
    await queueDueReminders(db, { now: at(startsAt, -70 * HOUR) });
    expect(await mailFor(teacher.id)).toEqual(["tourRequested"]); // still only requested: no reminder
    await changeBooking(db, { bookingId: booked.value.bookingId, actor: { userId: staff.id, kind: "staff" }, change: { action: "confirm", message: "" }, now: "2031-02-02T00:00:00.000Z" });
    await emptyOutbox();
    const clock = testClock(at(startsAt, -73 * HOUR));
    await queueDueReminders(db, { now: clock.now() });
    expect(await mailFor(teacher.id)).toEqual([]); // more than 3 days before
    clock.set(at(startsAt, -72 * HOUR));
    await queueDueReminders(db, { now: clock.now() });
    expect(await mailFor(teacher.id)).toEqual(["tourReminder"]); // exactly 3 days before
    // Later passes (two processes at once, the 48 h pass of sessions, the last day) add nothing.
    clock.advance(HOUR);
    await Promise.all([queueDueReminders(db, { now: clock.now() }), queueDueReminders(db, { now: clock.now() })]);
    for (const h of [48, 30, 2, 1]) await queueDueReminders(db, { now: at(startsAt, -h * HOUR) });
    const rows = (await outboxRows()).filter((r) => r.to_user_id === teacher.id);
    expect(rows.map((r) => r.dedupe_key)).toEqual([tourReminderKey(booked.value.bookingId)]);
    expect(JSON.parse(rows[0].params)).toMatchObject({ startsAt, link: `/bookings/${booked.value.bookingId}` });
  });

  it("no tour reminder for a booking made less than 3 days before, nor once the tour started", async () => {
    const tour = await createTestTour();
    const { teacher, schoolId } = await createSchoolWithTeacher();
    const staff = await createTestUser({ role: "staff" });
    const startsAt = "2031-04-10T02:00:00.000Z";
    const slot = await createSlotAt(db, tour.id, startsAt);
    const booked = await createBooking(db, {
      user: await sessionUserOf(db, teacher.id),
      tour: (await getTourById(db, tour.id))!,
      form: bookingInput(slot.id, { schoolId }),
      now: at(startsAt, -60 * HOUR),
    });
    if (!booked.ok) throw new Error(booked.reason);
    const confirmed = await changeBooking(db, { bookingId: booked.value.bookingId, actor: { userId: staff.id, kind: "staff" }, change: { action: "confirm", message: "" }, now: at(startsAt, -59 * HOUR) });
    expect(confirmed.ok).toBe(true);
    await emptyOutbox();
    for (const h of [58, 48, 2, -1]) await queueDueReminders(db, { now: at(startsAt, -h * HOUR) });
    expect(await mailFor(teacher.id)).toEqual([]);
  });
});

describe("one-click unsubscribe", () => {
  it("the link of an optional message switches optional mail off (RFC 8058 POST); a bad token changes nothing", async () => {
    const { action: unsubscribeAction } = await import("~/routes/unsubscribe.$token");
    const { sessionId } = await createWorkshop();
    const u = await student("en");
    await registerStudent(db, { sessionId, userId: u.id });
    await runSenderPass(db, senderFor(smtp, testClock(new Date().toISOString())));
    const mail = smtp.received.find((m) => m.to && JSON.stringify(m.to).includes(u.email!))!;
    const url = new URL(JSON.stringify(mail.headers.get("list")).match(/https:[^"<>\\]+\/unsubscribe\/[A-Za-z0-9_%-]+/)![0]);
    const token = decodeURIComponent(url.pathname.split("/").pop()!);
    const optional = async () => (await db.selectFrom("users").select("mail_optional").where("id", "=", u.id).executeTakeFirstOrThrow()).mail_optional;

    const bad = await callAction(unsubscribeAction, await makeRequest("/unsubscribe/x", { form: { "List-Unsubscribe": "One-Click" } }), { token: "not-a-real-token-0123456789" });
    expect(bad.status).toBe(400);
    expect(await optional()).toBe(1);
    const ok = await callAction(unsubscribeAction, await makeRequest(url.pathname, { form: { "List-Unsubscribe": "One-Click" } }), { token });
    expect(ok.status).toBe(200);
    expect(await optional()).toBe(0);
    expect(redactUrl(url.pathname)).toBe("/unsubscribe/[redacted]");
    // Switched off: the next registration sends nothing.
    const other = await createWorkshop();
    await emptyOutbox();
    await registerStudent(db, { sessionId: other.sessionId, userId: u.id });
    expect(await mailFor(u.id)).toEqual([]);
  });
});

