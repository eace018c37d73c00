import { describe, expect, it } from "vitest";
import { issueCertificate, issueCertificatesToMany, revokeCertificate } from "~/certificates/issue.server";
import { db } from "~/lib/db.server";
import { createTestProgram } from "../helpers/certificates";
import { createTestUser } from "../helpers/factories";
import { QueryCounter } from "../helpers/query-count";
import { NOW } from "../helpers/instants";

describe("issuing to a whole class at once", () => {
  it("uses a fixed number of queries, skips holders and revoked learners, and keeps serials sequential", async () => {
    const programId = await createTestProgram("tour", "Tham quan Fab Lab");
    const learners: { id: number }[] = [];
    for (let i = 0; i < 30; i++) learners.push(await createTestUser({ fullName: `Học Sinh Số ${i + 1}` }));
    const holder = learners[0];
    const revoked = learners[1];
    const held = await issueCertificate(db, { userId: holder.id, programId, kind: "tour", now: NOW });
    const gone = await issueCertificate(db, { userId: revoked.id, programId, kind: "tour", now: NOW });
    if (!held.ok || !gone.ok) throw new Error("setup");
    await revokeCertificate(db, { certificateId: gone.value.certificate.id, reason: "Nhầm lớp", actor: { userId: null, ip: "test" }, now: NOW });

    const counter = new QueryCounter();
    const issued = await issueCertificatesToMany(db.withPlugin(counter), { userIds: learners.map((l) => l.id), programId, kind: "tour", hours: 2.5, now: NOW });
    expect(issued.sort((a, b) => a - b)).toEqual(learners.slice(2).map((l) => l.id).sort((a, b) => a - b));
    // program, users + held (in parallel), serial block, one insert, one notification insert, the e-mails (their
    // recipients, one unsubscribe-token insert, one outbox insert) (+ begin/commit).
    expect(counter.count).toBeLessThanOrEqual(11);

    const serials = await db
      .selectFrom("certificates")
      .select(["serial", "user_id", "hours", "recipient_name"])
      .where("program_id", "=", programId)
      .orderBy("serial")
      .execute();
    expect(serials).toHaveLength(30);
    const numbers = serials.map((s) => Number(s.serial.slice(-6)));
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0] + i));
    expect(serials.find((s) => s.user_id === learners[5].id)).toMatchObject({ hours: 2.5, recipient_name: "Học Sinh Số 6" });
    const notes = await db.selectFrom("notifications").select("user_id").where("message_key", "=", "certificates.notify.issued").where("user_id", "in", learners.map((l) => l.id)).execute();
    expect(notes).toHaveLength(30);

    // Issuing again changes nothing.
    expect(await issueCertificatesToMany(db, { userIds: learners.map((l) => l.id), programId, kind: "tour", now: NOW })).toEqual([]);
    // A program of another kind issues nothing.
    const course = await createTestProgram("course");
    expect(await issueCertificatesToMany(db, { userIds: [learners[3].id], programId: course, kind: "tour", now: NOW })).toEqual([]);
  });
});
