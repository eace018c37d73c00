// The staff daily digest at 07:00 Vietnam time (issue 12): tour requests waiting and tomorrow's sessions with their
// fill rate, to staff and admin accounts that want it, once per Vietnam day and recipient however many passes or
// processes run; its own switch (account page and one-click unsubscribe) and List-Unsubscribe headers.
// 07:00 in Vietnam is 00:00 UTC: the day boundary of the digest is Vietnam's, not UTC's.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { digestKey, queueDailyDigest } from "~/mail/digest.server";
import { runSenderPass } from "~/mail/sender.server";
import { action as mailSettingsAction, loader as mailSettingsLoader } from "~/routes/account_.email";
import { action as unsubscribeAction } from "~/routes/unsubscribe.$token";
import { createBooking } from "~/tours/bookings.server";
import { getTourById } from "~/tours/tours.server";
import { createTestUser } from "../helpers/factories";
import { callAction, callLoader, makeRequest } from "../helpers/http";
import { emptyOutbox, outboxRows, senderFor, startTestSmtp, testClock, type TestSmtp } from "../helpers/mail";
import { bookingInput, createSchoolWithTeacher, createSlotAt, createTestTour, sessionUserOf } from "../helpers/tours";
import { createWorkshop, registerStudent } from "../helpers/workshops";

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(() => smtp.close());
beforeEach(async () => {
  await emptyOutbox();
  smtp.received.length = 0;
});

// 2031-03-04 07:00 in Vietnam = 2031-03-04 00:00 UTC.
const SEVEN_VN = "2031-03-04T00:00:00.000Z";
const digestsOf = async () => (await outboxRows()).filter((r) => r.template === "staffDigest");
const flag = async (id: number) => (await db.selectFrom("users").select(["mail_digest", "mail_optional"]).where("id", "=", id).executeTakeFirstOrThrow());

async function people() {
  const staff = await createTestUser({ role: "staff" });
  const admin = await createTestUser({ role: "admin" });
  const quiet = await createTestUser({ role: "staff" });
  await db.updateTable("users").set({ mail_digest: 0 }).where("id", "=", quiet.id).execute();
  const student = await createTestUser();
  await db.updateTable("users").set({ locale: "en" }).where("id", "=", admin.id).execute();
  return { staff, admin, quiet, student };
}

describe("the staff daily digest", () => {
  it("06:59 nothing, 07:00 once per staff/admin who wants it, a second run and a parallel one nothing; the next day again", async () => {
    const { staff, admin, quiet, student } = await people();
    const clock = testClock("2031-03-03T23:59:00.000Z"); // 06:59 in Vietnam
    expect(await queueDailyDigest(db, { now: clock.now() })).toBe(0);
    expect(await digestsOf()).toEqual([]);
    clock.set(SEVEN_VN);
    expect(await queueDailyDigest(db, { now: clock.now() })).toBeGreaterThanOrEqual(2);
    const first = await digestsOf();
    expect(first.map((r) => r.to_user_id)).toEqual(expect.arrayContaining([staff.id, admin.id]));
    expect(first.map((r) => r.to_user_id)).not.toContain(quiet.id);
    expect(first.map((r) => r.to_user_id)).not.toContain(student.id);
    expect(first.find((r) => r.to_user_id === staff.id)!.dedupe_key).toBe(digestKey("2031-03-04", staff.id));
    expect(first.find((r) => r.to_user_id === admin.id)!.locale).toBe("en");

    // Later the same Vietnam day, two processes at once, and 23:59 Vietnam (16:59 UTC): nothing more.
    clock.advance(60_000);
    await Promise.all([queueDailyDigest(db, { now: clock.now() }), queueDailyDigest(db, { now: clock.now() })]);
    expect(await queueDailyDigest(db, { now: "2031-03-04T16:59:00.000Z" })).toBe(0);
    // Midnight in Vietnam (17:00 UTC, still 4 March in UTC) is a new day, but before 07:00: nothing.
    expect(await queueDailyDigest(db, { now: "2031-03-04T17:00:00.000Z" })).toBe(0);
    expect(await queueDailyDigest(db, { now: "2031-03-04T23:59:59.000Z" })).toBe(0);
    expect((await digestsOf()).length).toBe(first.length);
    // 07:00 on 5 March in Vietnam: the next digest.
    expect(await queueDailyDigest(db, { now: "2031-03-05T00:00:00.000Z" })).toBe(first.length);
    const keys = (await digestsOf()).filter((r) => r.to_user_id === staff.id).map((r) => r.dedupe_key);
    expect(keys).toEqual([digestKey("2031-03-04", staff.id), digestKey("2031-03-05", staff.id)]);
  });

  it("lists waiting tour requests and tomorrow's sessions (Vietnam day) with their fill rate, with unsubscribe headers; one click stops only the digest", async () => {
    const { staff } = await people();
    // A tour request waiting.
    const tour = await createTestTour();
    const { teacher, schoolId } = await createSchoolWithTeacher("Trường THCS Bình Minh");
    const slot = await createSlotAt(db, tour.id, "2031-03-20T02:00:00.000Z");
    const booked = await createBooking(db, {
      user: await sessionUserOf(db, teacher.id),
      tour: (await getTourById(db, tour.id))!,
      form: bookingInput(slot.id, { schoolId }),
      now: "2031-03-03T10:00:00.000Z",
    });
    if (!booked.ok) throw new Error(booked.reason);
    const reference = (await db.selectFrom("tour_bookings").select("reference").where("id", "=", booked.value.bookingId).executeTakeFirstOrThrow()).reference;
    // Tomorrow in Vietnam is 5 March: 2031-03-04T17:00Z … 2031-03-05T17:00Z.
    const meeting = (startsAt: string) => ({ meetings: [{ startsAt, endsAt: new Date(Date.parse(startsAt) + 2 * 3600_000).toISOString() }], capacity: 20 });
    const tomorrow = await createWorkshop({ program: { titleVi: "Robot dò line ngày mai", titleEn: "Line robots tomorrow" }, session: meeting("2031-03-04T17:00:00.000Z") });
    const today = await createWorkshop({ program: { titleVi: "Buổi hôm nay muộn", titleEn: "Late today" }, session: meeting("2031-03-04T16:59:00.000Z") });
    const later = await createWorkshop({ program: { titleVi: "Buổi ngày kia", titleEn: "Day after" }, session: meeting("2031-03-05T17:00:00.000Z") });
    for (let i = 0; i < 5; i++) {
      const s = await createTestUser({ grade: 8 });
      expect((await registerStudent(db, { sessionId: tomorrow.sessionId, userId: s.id, now: "2031-03-01T00:00:00.000Z" })).ok).toBe(true);
    }
    void today;
    void later;
    await emptyOutbox();

    await queueDailyDigest(db, { now: SEVEN_VN });
    await db.deleteFrom("email_outbox").where("to_user_id", "!=", staff.id).execute();
    await runSenderPass(db, senderFor(smtp, testClock(SEVEN_VN)));
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail.subject).toMatch(/^Tóm tắt ngày 4\/3\/2031: \d+ yêu cầu tham quan chờ, 1 buổi học ngày mai · STEM Hub$/);
    expect(mail.text).toContain(reference);
    expect(mail.text).toContain("Trường THCS Bình Minh");
    expect(mail.text).toContain("Robot dò line ngày mai");
    expect(mail.text).toContain("5/20 chỗ (25%)");
    expect(mail.text).not.toContain("Buổi hôm nay muộn");
    expect(mail.text).not.toContain("Buổi ngày kia");
    expect(mail.html).toContain("<li>");
    const list = JSON.stringify(mail.headers.get("list"));
    expect(list).toContain("/unsubscribe/");
    expect(list).toContain("list=digest");
    expect(mail.headerLines.find((h) => h.key === "list-unsubscribe-post")?.line).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");

    const url = new URL(list.match(/https:[^"<>\\]+\/unsubscribe\/[A-Za-z0-9_%-]+\?list=digest/)![0]);
    const token = decodeURIComponent(url.pathname.split("/").pop()!);
    const res = await callAction(unsubscribeAction, await makeRequest(`${url.pathname}${url.search}`, { form: { "List-Unsubscribe": "One-Click" } }), { token });
    expect(res.status).toBe(200);
    expect(await flag(staff.id)).toEqual({ mail_digest: 0, mail_optional: 1 });
    await emptyOutbox();
    await queueDailyDigest(db, { now: "2031-03-05T00:00:00.000Z" });
    expect((await digestsOf()).map((r) => r.to_user_id)).not.toContain(staff.id);
  });

  it("staff switch it on /account/email; a student's page does not offer it and their post changes nothing", async () => {
    const { staff, student } = await people();
    const page = await callLoader(mailSettingsLoader, await makeRequest("/account/email", { userId: staff.id }));
    expect(page.data.settings.digest).toBe(true);
    const off = await callAction(mailSettingsAction, await makeRequest("/account/email", { userId: staff.id, form: { intent: "preferences", optional: "on" } }));
    expect(off.status).toBe(200);
    expect(await flag(staff.id)).toEqual({ mail_digest: 0, mail_optional: 1 });
    await callAction(mailSettingsAction, await makeRequest("/account/email", { userId: staff.id, form: { intent: "preferences", digest: "on" } }));
    expect(await flag(staff.id)).toEqual({ mail_digest: 1, mail_optional: 0 });

    expect((await callLoader(mailSettingsLoader, await makeRequest("/account/email", { userId: student.id }))).data.settings.digest).toBeNull();
    await db.updateTable("users").set({ mail_digest: 0 }).where("id", "=", student.id).execute();
    await callAction(mailSettingsAction, await makeRequest("/account/email", { userId: student.id, form: { intent: "preferences", optional: "on", digest: "on" } }));
    expect(await flag(student.id)).toEqual({ mail_digest: 0, mail_optional: 1 });
  });
});
