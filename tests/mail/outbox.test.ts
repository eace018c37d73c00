// The transactional outbox and the sender loop against a real SMTP server (smtp-server), parsed back with
// mailparser: content and headers, retries with backoff, crashes between claim and mark, concurrent senders.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, inTransaction } from "~/lib/db.server";
import { queueEmail } from "~/mail/outbox.server";
import { LEASE_MS, MAX_ATTEMPTS, runSenderPass } from "~/mail/sender.server";
import { createTestUser } from "../helpers/factories";
import { emptyOutbox, outboxRows, senderFor, startTestSmtp, testClock, TEST_ORIGIN, type TestSmtp } from "../helpers/mail";

const T0 = "2026-12-01T01:00:00.000Z";
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await smtp.close();
});
beforeEach(async () => {
  await emptyOutbox();
  smtp.received.length = 0;
  smtp.refuseNext(0, 451);
});

async function englishStudent(fullName = "Lan Nguyen") {
  const u = await createTestUser({ fullName });
  await db.updateTable("users").set({ locale: "en" }).where("id", "=", u.id).execute();
  return u;
}

const confirmed = (userId: number, now = T0) =>
  queueEmail(db, {
    template: "registrationConfirmed",
    userId,
    params: { title: { vi: "Robot cơ bản", en: "Basic robots" }, startsAt: "2026-12-05T02:00:00.000Z", link: "/schedule" },
    now,
  });

describe("queueEmail", () => {
  it("writes the message in the caller's transaction: rolled back with it, kept with it", async () => {
    const u = await createTestUser();
    await expect(
      inTransaction(db, async (trx) => {
        await queueEmail(trx, { template: "passwordChanged", userId: u.id, params: { at: T0 }, now: T0 });
        throw new Error("domain change failed");
      }),
    ).rejects.toThrow("domain change failed");
    expect(await outboxRows()).toHaveLength(0);
    await inTransaction(db, (trx) => queueEmail(trx, { template: "passwordChanged", userId: u.id, params: { at: T0 }, now: T0 }));
    const rows = await outboxRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "pending", to_address: u.email, to_user_id: u.id, attempts: 0 });
  });

  it("drops optional mail for people who switched it off, never account-security mail; a dedupe key sends once", async () => {
    const u = await createTestUser();
    await db.updateTable("users").set({ mail_optional: 0 }).where("id", "=", u.id).execute();
    expect(await confirmed(u.id)).toBe("optedOut");
    expect(await queueEmail(db, { template: "passwordChanged", userId: u.id, params: { at: T0 }, now: T0 })).toBe("queued");
    const v = await createTestUser();
    const input = { template: "sessionReminder" as const, userId: v.id, params: { room: "A" }, dedupeKey: `test:${v.id}`, now: T0 };
    expect(await queueEmail(db, input)).toBe("queued");
    expect(await inTransaction(db, (trx) => queueEmail(trx, input))).toBe("duplicate");
    const nobody = await createTestUser({ username: `class-${v.id}`, email: null });
    expect(await confirmed(nobody.id)).toBe("noAddress");
    expect((await outboxRows()).map((r) => r.template)).toEqual(["passwordChanged", "sessionReminder"]);
  });
});

describe("the sender", () => {
  it("delivers in the recipient's language with both parts, absolute links and the expected headers", async () => {
    const u = await englishStudent();
    await confirmed(u.id);
    const clock = testClock(T0);
    const r = await runSenderPass(db, senderFor(smtp, clock));
    expect(r).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail.subject).toBe("Registered: Basic robots · STEM Hub");
    expect((mail.to as { text: string }).text).toBe(u.email);
    expect(mail.text).toContain("Hello Lan Nguyen,");
    expect(mail.text).toContain(`See my schedule: ${TEST_ORIGIN}/schedule`);
    expect(mail.html).toContain(`href="${TEST_ORIGIN}/schedule"`);
    expect(mail.html).toContain('lang="en"');
    expect((mail.replyTo as { text: string }).text).toContain("desk@stem.test.example");
    expect(JSON.stringify(mail.headers.get("list"))).toContain(`${TEST_ORIGIN}/unsubscribe/`);
    // mailparser gathers List-* headers under "list"; the raw header lines say it plainly.
    expect(mail.headerLines.find((h) => h.key === "list-unsubscribe-post")?.line).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    const row = (await outboxRows())[0];
    expect(mail.messageId).toBe(row.message_id);
    expect(row).toMatchObject({ status: "sent", attempts: 1, sent_at: T0 });
    expect(row.smtp_response).toContain("Queued as test");
  });

  it("a Vietnamese reader gets Vietnamese; security mail has no unsubscribe header", async () => {
    const u = await createTestUser({ fullName: "Trần Bình" });
    await queueEmail(db, { template: "passwordChanged", userId: u.id, params: { at: "2026-12-01T03:30:00.000Z" }, now: T0 });
    await runSenderPass(db, senderFor(smtp, testClock(T0)));
    const mail = smtp.received[0];
    expect(mail.subject).toBe("Mật khẩu của bạn đã được đổi · STEM Hub");
    expect(mail.text).toContain("Chào Trần Bình,");
    expect(mail.text).toContain("01/12/2026 10:30");
    expect(mail.headers.get("list")).toBeUndefined();
    expect(mail.headerLines.some((h) => h.key.startsWith("list-"))).toBe(false);
  });

  it("no header injection through a name or a title with CR/LF", async () => {
    const u = await createTestUser();
    await queueEmail(db, {
      template: "registrationConfirmed",
      userId: u.id,
      params: { name: "Evil\r\nBcc: victim@example.com", title: { vi: "Tiêu đề\r\nBcc: victim@example.com", en: null }, startsAt: T0 },
      now: T0,
    });
    await runSenderPass(db, senderFor(smtp, testClock(T0)));
    const mail = smtp.received[0];
    expect(mail.bcc).toBeUndefined();
    expect(mail.headers.get("bcc")).toBeUndefined();
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it("retries a refused message with exponential backoff, then sends it; the reply is kept", async () => {
    const u = await createTestUser();
    await confirmed(u.id);
    const clock = testClock(T0);
    const sender = senderFor(smtp, clock);
    smtp.refuseNext(2, 451);
    expect(await runSenderPass(db, sender)).toMatchObject({ claimed: 1, retried: 1 });
    let row = (await outboxRows())[0];
    expect(row).toMatchObject({ status: "pending", attempts: 1, next_attempt_at: "2026-12-01T01:01:00.000Z" });
    expect(row.smtp_response).toMatch(/451/);
    expect(await runSenderPass(db, sender)).toMatchObject({ claimed: 0 }); // not due yet
    clock.advance(60_000);
    expect(await runSenderPass(db, sender)).toMatchObject({ claimed: 1, retried: 1 });
    row = (await outboxRows())[0];
    expect(row.next_attempt_at).toBe("2026-12-01T01:03:00.000Z"); // 2 minutes after the second attempt
    clock.advance(120_000);
    expect(await runSenderPass(db, sender)).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.received).toHaveLength(1);
    expect((await outboxRows())[0]).toMatchObject({ status: "sent", attempts: 3 });
  });

  it("a permanent refusal (5xx) fails at once with the server's reply; so does the last attempt", async () => {
    const u = await createTestUser();
    await confirmed(u.id);
    smtp.refuseNext(1, 550);
    expect(await runSenderPass(db, senderFor(smtp, testClock(T0)))).toMatchObject({ failed: 1 });
    const row = (await outboxRows())[0];
    expect(row.status).toBe("failed");
    expect(row.smtp_response).toMatch(/550/);

    await emptyOutbox();
    await confirmed(u.id);
    const clock = testClock(T0);
    smtp.refuseNext(MAX_ATTEMPTS, 451);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await runSenderPass(db, senderFor(smtp, clock));
      clock.advance(3600_000);
    }
    expect((await outboxRows())[0]).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(smtp.received).toHaveLength(0);
  });

  it("a crash after the claim, before the hand-off: sent exactly once after the lease runs out", async () => {
    const u = await createTestUser();
    await confirmed(u.id);
    const clock = testClock(T0);
    await expect(
      runSenderPass(db, senderFor(smtp, clock, { afterClaim: () => Promise.reject(new Error("process killed")) })),
    ).rejects.toThrow("process killed");
    expect((await outboxRows())[0].status).toBe("sending");
    // Another process (or the restarted one) before the lease ends: leaves it alone.
    expect(await runSenderPass(db, senderFor(smtp, clock))).toMatchObject({ claimed: 0 });
    clock.advance(LEASE_MS + 1000);
    expect(await runSenderPass(db, senderFor(smtp, clock))).toMatchObject({ claimed: 1, sent: 1 });
    expect(await runSenderPass(db, senderFor(smtp, clock))).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect((await outboxRows())[0]).toMatchObject({ status: "sent" });
  });

  it("a crash after the hand-off, before the mark: never sent a second time, shown as failed (interrupted)", async () => {
    const u = await createTestUser();
    await confirmed(u.id);
    const clock = testClock(T0);
    await expect(
      runSenderPass(db, senderFor(smtp, clock, { afterHandOff: () => Promise.reject(new Error("process killed")) })),
    ).rejects.toThrow("process killed");
    expect(smtp.received).toHaveLength(1);
    clock.advance(LEASE_MS + 1000);
    await runSenderPass(db, senderFor(smtp, clock));
    await runSenderPass(db, senderFor(smtp, clock));
    expect(smtp.received).toHaveLength(1);
    const row = (await outboxRows())[0];
    expect(row.status).toBe("failed");
    expect(row.smtp_response).toMatch(/interrupted/);
    expect(row.secret).toBeNull();
  });

  it("two senders on one database never send the same row", async () => {
    const u = await createTestUser();
    const total = 60;
    for (let i = 0; i < total; i++) await confirmed(u.id);
    const clock = testClock(T0);
    const a = senderFor(smtp, clock, { batch: 7 });
    const b = senderFor(smtp, clock, { batch: 7 });
    const drain = async (s: typeof a) => {
      let sent = 0;
      for (;;) {
        const r = await runSenderPass(db, s);
        sent += r.sent;
        if (r.claimed === 0) return sent;
      }
    };
    const started = Date.now();
    const [sentA, sentB] = await Promise.all([drain(a), drain(b)]);
    const seconds = (Date.now() - started) / 1000;
    console.log(`sender: ${total} messages in ${seconds.toFixed(2)} s ≈ ${Math.round((total / seconds) * 60)} per minute (two senders)`);
    expect(sentA + sentB).toBe(total);
    expect(smtp.received).toHaveLength(total);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(total);
    expect((await outboxRows()).every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });

  it("without a mail server, due messages are stored for the outbox page and never sent", async () => {
    const u = await createTestUser();
    await confirmed(u.id);
    expect(await runSenderPass(db, senderFor(null, testClock(T0)))).toMatchObject({ stored: 1 });
    expect((await outboxRows())[0].status).toBe("stored");
    expect(smtp.received).toHaveLength(0);
  });
});
