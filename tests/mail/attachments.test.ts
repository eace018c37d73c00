// Attachments (issue 12): registration mails carry the session's .ics and the certificate mail its PDF. The outbox
// row keeps references only; the sender renders the files with the pages' own builders when it sends. Checked
// through a real SMTP server and parsed back with mailparser.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { issueCertificate } from "~/certificates/issue.server";
import { db } from "~/lib/db.server";
import { runSenderPass } from "~/mail/sender.server";
import { loader as messageLoader } from "~/routes/staff.outbox.$id";
import { cancelRegistration } from "~/workshops/registration.server";
import { createTestProgram } from "../helpers/certificates";
import { extractPdfText } from "../helpers/documents";
import { createTestUser } from "../helpers/factories";
import { callLoader, makeRequest } from "../helpers/http";
import { emptyOutbox, outboxRows, senderFor, startTestSmtp, testClock, TEST_ORIGIN, type TestSmtp } from "../helpers/mail";
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

const icsStamp = (iso: string) => iso.replace(/[-:]/g, "").replace(/\.\d{3}/, "");

describe("registration mail carries the session's .ics", () => {
  it("confirmed, waitlisted and promoted: a text/calendar attachment with the meeting's DTSTART; the row keeps a reference only", async () => {
    const { sessionId } = await createWorkshop({ session: { capacity: 1 } });
    const meeting = await db.selectFrom("workshop_meetings").select(["starts_at"]).where("session_id", "=", sessionId).executeTakeFirstOrThrow();
    const first = await createTestUser({ grade: 8 });
    const second = await createTestUser({ grade: 8 });
    expect((await registerStudent(db, { sessionId, userId: first.id })).ok).toBe(true);
    expect((await registerStudent(db, { sessionId, userId: second.id })).ok).toBe(true);
    const reg = await db.selectFrom("workshop_registrations").select("id").where("user_id", "=", first.id).executeTakeFirstOrThrow();
    expect((await cancelRegistration(db, { registrationId: reg.id, userId: first.id, now: new Date().toISOString() })).ok).toBe(true);

    const rows = await outboxRows();
    expect(rows.map((r) => r.template)).toEqual(["registrationConfirmed", "registrationWaitlisted", "waitlistPromoted"]);
    for (const r of rows) {
      expect(JSON.parse(r.attachments!)).toEqual([{ kind: "registrationIcs", registrationId: expect.any(Number) }]);
      expect(r.attachments!.length).toBeLessThan(100);
    }

    await runSenderPass(db, senderFor(smtp, testClock(new Date().toISOString())));
    expect(smtp.received).toHaveLength(3);
    for (const mail of smtp.received) {
      expect(mail.attachments).toHaveLength(1);
      const [ics] = mail.attachments;
      expect(ics.contentType).toBe("text/calendar");
      expect(ics.filename).toMatch(/^workshop-\d+\.ics$/);
      const body = ics.content.toString("utf8");
      expect(body).toContain("BEGIN:VCALENDAR");
      expect(body).toContain(`DTSTART:${icsStamp(meeting.starts_at)}`);
      expect(body).toContain(`${TEST_ORIGIN}/workshops/`);
    }
    const promoted = smtp.received.find((m) => m.to && JSON.stringify(m.to).includes(String(second.email)) && m.subject?.startsWith("Bạn đã có chỗ"))!;
    expect(promoted.attachments[0].content.toString("utf8")).toContain("STATUS:CONFIRMED");
  });
});

describe("certificate mail carries the PDF", () => {
  it("application/pdf, starts with %PDF, holds the verification address; the outbox page lists it", async () => {
    const programId = await createTestProgram("course", "Lập trình Arduino", "Arduino programming");
    const learner = await createTestUser();
    const issued = await issueCertificate(db, { userId: learner.id, programId, kind: "course", now: new Date().toISOString() });
    if (!issued.ok) throw new Error(issued.reason);
    const { code, serial } = issued.value.certificate;
    const [row] = await outboxRows();
    expect(JSON.parse(row.attachments!)).toEqual([{ kind: "certificatePdf", code, serial }]);

    const staff = await createTestUser({ role: "staff" });
    const page = await callLoader(messageLoader, await makeRequest(`/staff/outbox/${row.id}`, { userId: staff.id }), { id: String(row.id) });
    expect(page.data.message.attachments).toEqual([{ filename: expect.stringMatching(/^certificate-.+\.pdf$/), contentType: "application/pdf" }]);

    await runSenderPass(db, senderFor(smtp, testClock(new Date().toISOString())));
    const [mail] = smtp.received;
    expect(mail.attachments).toHaveLength(1);
    const [pdf] = mail.attachments;
    expect(pdf.contentType).toBe("application/pdf");
    expect(pdf.content.subarray(0, 4).toString("latin1")).toBe("%PDF");
    const text = (await extractPdfText(new Uint8Array(pdf.content))).flat().join(" ");
    expect(text).toContain(code);
  });

  it("a registration attachment is only ever the recipient's own: a reference to another's registration renders nothing", async () => {
    const { sessionId } = await createWorkshop();
    const owner = await createTestUser({ grade: 8 });
    const other = await createTestUser({ grade: 8 });
    expect((await registerStudent(db, { sessionId, userId: owner.id })).ok).toBe(true);
    const reg = await db.selectFrom("workshop_registrations").select("id").where("user_id", "=", owner.id).executeTakeFirstOrThrow();
    const { queueEmail } = await import("~/mail/outbox.server");
    await emptyOutbox();
    await queueEmail(db, {
      template: "registrationConfirmed",
      userId: other.id,
      params: { title: { vi: "x", en: "x" }, startsAt: new Date().toISOString(), position: 0, link: "/schedule" },
      attachments: [{ kind: "registrationIcs", registrationId: reg.id }],
      now: new Date().toISOString(),
    });
    await runSenderPass(db, senderFor(smtp, testClock(new Date().toISOString())));
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].attachments).toHaveLength(0);
  });
});
