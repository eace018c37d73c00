// /staff/outbox: staff and admins read every message (subject in their language, preview in both); nobody else.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { queueEmail } from "~/mail/outbox.server";
import { loader as listLoader } from "~/routes/staff.outbox._index";
import { action as messageAction, loader as messageLoader } from "~/routes/staff.outbox.$id";
import { createTestUser } from "../helpers/factories";
import { callAction, callLoader, makeRequest } from "../helpers/http";
import { emptyOutbox, outboxRows } from "../helpers/mail";

const T0 = "2026-12-01T01:00:00.000Z";

beforeEach(emptyOutbox);

async function queueReset(userId: number) {
  await queueEmail(db, { template: "passwordReset", userId, params: { link: "/reset-password/{token}" }, secret: { token: "sekret-token-123" }, now: T0 });
  return (await outboxRows()).at(-1)!;
}

describe("/staff/outbox", () => {
  it("lists messages newest first with the subject in the reader's language, filtered by status, paginated", async () => {
    const staff = await createTestUser({ role: "staff" });
    const student = await createTestUser();
    for (let i = 0; i < 27; i++) await queueEmail(db, { template: "passwordChanged", userId: student.id, params: { at: T0 }, now: T0 });
    const res = await callLoader(listLoader, await makeRequest("/staff/outbox", { userId: staff.id }));
    expect(res.status).toBe(200);
    expect(res.data.total).toBe(27);
    expect(res.data.rows).toHaveLength(25);
    expect(res.data.rows[0].subject).toBe("Mật khẩu của bạn đã được đổi · STEM Hub");
    expect(res.data.rows[0].id).toBeGreaterThan(res.data.rows[1].id);
    const page2 = await callLoader(listLoader, await makeRequest("/staff/outbox?page=2&status=pending", { userId: staff.id }));
    expect(page2.data.rows).toHaveLength(2);
    const sent = await callLoader(listLoader, await makeRequest("/staff/outbox?status=sent", { userId: staff.id }));
    expect(sent.data.total).toBe(0);
  });

  it("shows one message in both languages, the recipient's first; the demo (no SMTP_URL) shows the link", async () => {
    const admin = await createTestUser({ role: "admin" });
    const student = await createTestUser();
    await db.updateTable("users").set({ locale: "en" }).where("id", "=", student.id).execute();
    const row = await queueReset(student.id);
    const res = await callLoader(messageLoader, await makeRequest(`/staff/outbox/${row.id}`, { userId: admin.id }), { id: String(row.id) });
    expect(res.status).toBe(200);
    const [en, vi] = res.data.message.previews;
    expect(en.locale).toBe("en");
    expect(en.subject).toBe("Reset your password · STEM Hub");
    expect(vi.subject).toBe("Đặt lại mật khẩu · STEM Hub");
    expect(en.text).toContain("http://localhost:3000/reset-password/sekret-token-123");
  });

  it("refuses students, teachers and visitors; an unknown message is a 404", async () => {
    const student = await createTestUser();
    const teacher = await createTestUser({ role: "teacher" });
    const row = await queueReset(student.id);
    for (const userId of [student.id, teacher.id]) {
      expect((await callLoader(listLoader, await makeRequest("/staff/outbox", { userId }))).status).toBe(403);
      expect((await callLoader(messageLoader, await makeRequest(`/staff/outbox/${row.id}`, { userId }), { id: String(row.id) })).status).toBe(403);
    }
    const anon = await callLoader(listLoader, await makeRequest("/staff/outbox"));
    expect(anon.status).toBe(302);
    const staff = await createTestUser({ role: "staff" });
    expect((await callLoader(messageLoader, await makeRequest("/staff/outbox/999999", { userId: staff.id }), { id: "999999" })).status).toBe(404);
    expect((await callLoader(messageLoader, await makeRequest("/staff/outbox/abc", { userId: staff.id }), { id: "abc" })).status).toBe(404);
  });

  it("staff send a failed message again; not a pending one, not one whose token link was erased, not as a student", async () => {
    const staff = await createTestUser({ role: "staff" });
    const student = await createTestUser();
    await queueEmail(db, { template: "passwordChanged", userId: student.id, params: { at: T0 }, now: T0 });
    const plain = (await outboxRows()).at(-1)!;
    const reset = await queueReset(student.id);
    const retry = async (id: number, userId: number) =>
      callAction(messageAction, await makeRequest(`/staff/outbox/${id}`, { userId, form: { intent: "retry" } }), { id: String(id) });

    const pending = await retry(plain.id, staff.id);
    expect(pending.status).toBe(409);
    expect(pending.data.submission.error[""]).toEqual(["outbox.retry.notFailed"]);

    await db.updateTable("email_outbox").set({ status: "failed", attempts: 6, smtp_response: "550 no", secret: null }).execute();
    expect((await retry(plain.id, student.id)).status).toBe(403);
    const gone = await retry(reset.id, staff.id);
    expect(gone.status).toBe(409);
    expect(gone.data.submission.error[""]).toEqual(["outbox.retry.secretGone"]);
    expect((await outboxRows()).every((r) => r.status === "failed" && r.attempts === 6)).toBe(true);

    const ok = await retry(plain.id, staff.id);
    expect(ok.status).toBe(302);
    expect(ok.location).toBe(`/staff/outbox/${plain.id}?notice=notice.mail.retried`);
    expect((await outboxRows()).find((r) => r.id === plain.id)).toMatchObject({ status: "pending", attempts: 0 });
  });
});
