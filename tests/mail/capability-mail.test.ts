// Mail queued by other capabilities inside their own transactions (issue 12): a class invitation, a tour booking
// request, a certificate. Each message is in the recipient's language with the right link, and a change that is
// rolled back (or refused) queues nothing.
import { describe, expect, it } from "vitest";
import { issueCertificate, issueCertificatesToMany } from "~/certificates/issue.server";
import { inviteByEmail } from "~/classes/invitations.server";
import { db, inTransaction } from "~/lib/db.server";
import { renderEmail } from "~/mail/render.server";
import { getTourById } from "~/tours/tours.server";
import { createBooking } from "~/tours/bookings.server";
import { createTestProgram } from "../helpers/certificates";
import { approvedTeacher, classOf } from "../helpers/classes";
import { addSchoolMember, createTestUser } from "../helpers/factories";
import { outboxRows, TEST_ORIGIN } from "../helpers/mail";
import { bookingInput, createSchoolWithTeacher, createSlotAt, createTestTour, sessionUserOf } from "../helpers/tours";

const NOW = "2030-05-01T00:00:00.000Z";
const actor = (userId: number) => ({ userId, ip: "203.0.113.9" });

class Rollback extends Error {}

async function person(role: "student" | "teacher" | "coordinator", locale: "vi" | "en", mailOptional = 1) {
  const u = await createTestUser({ role });
  await db.updateTable("users").set({ locale, mail_optional: mailOptional }).where("id", "=", u.id).execute();
  return u;
}

const mailOf = async (userId: number) => (await outboxRows()).filter((r) => r.to_user_id === userId);
const render = (row: { template: string; locale: string; params: string }) =>
  renderEmail({ template: row.template, locale: row.locale === "en" ? "en" : "vi", params: JSON.parse(row.params), secret: null, origin: TEST_ORIGIN });

/** Runs the change inside a transaction that is then rolled back. */
async function rolledBack(change: (trx: typeof db) => Promise<unknown>) {
  await expect(
    inTransaction(db, async (trx) => {
      await change(trx);
      throw new Rollback();
    }),
  ).rejects.toBeInstanceOf(Rollback);
}

describe("class invitation mail", () => {
  it("the invited student gets it in their language, linking to /classes/joined; a rolled-back invitation queues nothing", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId, "9C — Robotics");
    const s = await person("student", "en");
    await rolledBack((trx) => inviteByEmail(trx, { classId: cls, email: s.email!, actor: actor(t.id), now: NOW }));
    expect(await mailOf(s.id)).toEqual([]);
    expect(await db.selectFrom("class_invitations").select("id").where("student_id", "=", s.id).execute()).toEqual([]);

    await inviteByEmail(db, { classId: cls, email: s.email!, actor: actor(t.id), now: NOW });
    const [row, ...more] = await mailOf(s.id);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ template: "classInvitation", locale: "en", to_address: s.email });
    expect(JSON.parse(row.params)).toMatchObject({ className: "9C — Robotics", link: "/classes/joined" });
    const mail = render(row);
    expect(mail.subject).toContain("Invitation to the class 9C — Robotics");
    expect(mail.text).toContain(`${TEST_ORIGIN}/classes/joined`);
    // Inviting again (already pending) sends nothing more.
    await inviteByEmail(db, { classId: cls, email: s.email!, actor: actor(t.id), now: NOW });
    expect(await mailOf(s.id)).toHaveLength(1);
  });

  it("a student who switched optional mail off is invited without a mail; a teacher's address gets neither", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const quiet = await person("student", "vi", 0);
    await inviteByEmail(db, { classId: cls, email: quiet.email!, actor: actor(t.id), now: NOW });
    expect(await db.selectFrom("class_invitations").select("id").where("student_id", "=", quiet.id).execute()).toHaveLength(1);
    expect(await mailOf(quiet.id)).toEqual([]);
    const teacher = await person("teacher", "vi");
    await inviteByEmail(db, { classId: cls, email: teacher.email!, actor: actor(t.id), now: NOW });
    expect(await mailOf(teacher.id)).toEqual([]);
  });
});

describe("tour booking requested mail", () => {
  it("the booker and the school's coordinators each get it in their language with the booking's link", async () => {
    const tour = await createTestTour();
    const { teacher, schoolId, coordinator } = await createSchoolWithTeacher();
    await db.updateTable("users").set({ locale: "en" }).where("id", "=", coordinator.id).execute();
    const pending = await person("coordinator", "vi");
    await addSchoolMember(schoolId, pending.id, "coordinator", "pending");
    const slot = await createSlotAt(db, tour.id, "2030-06-10T02:00:00.000Z");
    const book = (database: typeof db) =>
      sessionUserOf(database, teacher.id).then(async (user) =>
        createBooking(database, { user, tour: (await getTourById(database, tour.id))!, form: bookingInput(slot.id, { schoolId }), now: NOW }),
      );

    await rolledBack((trx) => book(trx));
    expect(await mailOf(teacher.id)).toEqual([]);
    expect(await mailOf(coordinator.id)).toEqual([]);

    const booked = await book(db);
    if (!booked.ok) throw new Error(booked.reason);
    const [mine] = await mailOf(teacher.id);
    const [theirs] = await mailOf(coordinator.id);
    expect(await mailOf(pending.id)).toEqual([]);
    for (const row of [mine, theirs]) {
      expect(row.template).toBe("tourRequested");
      expect(JSON.parse(row.params)).toMatchObject({ reference: booked.value.reference, startsAt: "2030-06-10T02:00:00.000Z", link: `/bookings/${booked.value.bookingId}` });
    }
    expect(mine.locale).toBe("vi");
    expect(render(mine).subject).toContain(`Đã nhận yêu cầu tham quan ${booked.value.reference}`);
    expect(theirs.locale).toBe("en");
    expect(render(theirs).subject).toContain(`Tour request ${booked.value.reference} received`);
    expect(render(theirs).text).toContain(`${TEST_ORIGIN}/bookings/${booked.value.bookingId}`);

    // A refused booking (the same slot again: a duplicate) queues nothing more.
    expect((await book(db)).ok).toBe(false);
    expect(await mailOf(teacher.id)).toHaveLength(1);
  });
});

describe("certificate issued mail", () => {
  it("links to the public verification page, in the learner's language, once; a rolled-back issue queues nothing", async () => {
    const programId = await createTestProgram("course", "Lập trình Arduino", "Arduino programming");
    const learner = await person("student", "en");
    await rolledBack((trx) => issueCertificate(trx, { userId: learner.id, programId, kind: "course", now: NOW }));
    expect(await mailOf(learner.id)).toEqual([]);

    const issued = await issueCertificate(db, { userId: learner.id, programId, kind: "course", now: NOW });
    if (!issued.ok) throw new Error(issued.reason);
    const [row, ...more] = await mailOf(learner.id);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ template: "certificateIssued", locale: "en" });
    const { code, serial } = issued.value.certificate;
    expect(JSON.parse(row.params)).toMatchObject({ serial, link: `/verify/${code}` });
    const mail = render(row);
    expect(mail.subject).toContain("Arduino programming");
    expect(mail.text).toContain(`${TEST_ORIGIN}/verify/${code}`);
    // Issuing again returns the live certificate and sends nothing.
    await issueCertificate(db, { userId: learner.id, programId, kind: "course", now: NOW });
    expect(await mailOf(learner.id)).toHaveLength(1);
  });

  it("issuing to a class mails each learner who wants it; the opted-out get the certificate without a mail", async () => {
    const programId = await createTestProgram("tour");
    const keen = await person("student", "vi");
    const quiet = await person("student", "vi", 0);
    const issued = await issueCertificatesToMany(db, { userIds: [keen.id, quiet.id], programId, kind: "tour", now: NOW });
    expect(issued.sort()).toEqual([keen.id, quiet.id].sort());
    const [row] = await mailOf(keen.id);
    const cert = await db.selectFrom("certificates").select("code").where("user_id", "=", keen.id).where("program_id", "=", programId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ template: "certificateIssued", locale: "vi" });
    expect(render(row).text).toContain(`${TEST_ORIGIN}/verify/${cert.code}`);
    expect(render(row).subject).toMatch(/^Chứng nhận mới: /);
    expect(await mailOf(quiet.id)).toEqual([]);
  });
});
