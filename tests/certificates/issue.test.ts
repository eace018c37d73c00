import { describe, expect, it } from "vitest";
import { CODE_PATTERN, formatSerial, isWellFormedCode } from "~/certificates/codes.server";
import { issueCertificate, reissueCertificate, revokeCertificate } from "~/certificates/issue.server";
import { db } from "~/lib/db.server";
import { vnYear } from "~/lib/time";
import { createTestUser } from "../helpers/factories";
import { createTestProgram } from "../helpers/certificates";
import { NOW } from "../helpers/courses";

describe("issuing", () => {
  it("snapshots the NFC-normalised name, both titles, hours and the issuer; notifies the learner", async () => {
    const decomposed = "Lê Ngọc Ánh".normalize("NFD");
    const user = await createTestUser({ fullName: `  ${decomposed}  ` });
    const programId = await createTestProgram("course", "Khởi nghiệp đổi mới sáng tạo", "Innovation and startups");
    const r = await issueCertificate(db, { userId: user.id, programId, kind: "course", hours: 8, now: NOW });
    expect(r.ok && r.value.created).toBe(true);
    if (!r.ok) return;
    const c = r.value.certificate;
    expect(c.recipient_name).toBe("Lê Ngọc Ánh".normalize("NFC"));
    expect(c.recipient_name).not.toBe(decomposed);
    expect([c.program_title_vi, c.program_title_en, c.hours, c.status, c.issued_by]).toEqual([
      "Khởi nghiệp đổi mới sáng tạo",
      "Innovation and startups",
      8,
      "valid",
      null,
    ]);
    expect(c.issuer_name).toContain("Bình Dương");
    // Later edits of the program or the user never change an issued certificate.
    await db.updateTable("programs").set({ title_vi: "Tên mới" }).where("id", "=", programId).execute();
    await db.updateTable("users").set({ full_name: "Tên khác" }).where("id", "=", user.id).execute();
    const again = await db.selectFrom("certificates").selectAll().where("id", "=", c.id).executeTakeFirstOrThrow();
    expect([again.recipient_name, again.program_title_vi]).toEqual([c.recipient_name, "Khởi nghiệp đổi mới sáng tạo"]);
    const note = await db.selectFrom("notifications").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect([note.message_key, note.link]).toEqual(["certificates.notify.issued", `/certificates/${c.id}`]);
    // The program is named in both languages, so each reader sees it in theirs.
    expect(JSON.parse(note.params)).toEqual({ program: { vi: "Khởi nghiệp đổi mới sáng tạo", en: "Innovation and startups" } });
  });

  it("is idempotent: issuing again, also concurrently, returns the one live certificate", async () => {
    const user = await createTestUser();
    const programId = await createTestProgram("workshop");
    const first = await issueCertificate(db, { userId: user.id, programId, kind: "workshop", now: NOW });
    const second = await issueCertificate(db, { userId: user.id, programId, kind: "workshop", now: NOW });
    expect(first.ok && second.ok && second.value.certificate.id === first.value.certificate.id && !second.value.created).toBe(true);

    const other = await createTestUser();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => issueCertificate(db, { userId: other.id, programId, kind: "workshop", now: NOW }))
    );
    const ids = new Set(results.map((r) => (r.ok ? r.value.certificate.id : -1)));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.ok && r.value.created)).toHaveLength(1);
    const rows = await db.selectFrom("certificates").select("id").where("user_id", "=", other.id).execute();
    expect(rows).toHaveLength(1);
  });

  it("the database itself refuses a second valid certificate for the same learner, program and kind", async () => {
    const user = await createTestUser();
    const programId = await createTestProgram("course");
    const r = await issueCertificate(db, { userId: user.id, programId, kind: "course", now: NOW });
    if (!r.ok) throw new Error();
    const { id: _id, ...copy } = r.value.certificate;
    await expect(
      db
        .insertInto("certificates")
        .values({ ...copy, serial: "STEM-1999-000001", code: "x".repeat(22) })
        .execute()
    ).rejects.toThrow(/UNIQUE constraint failed|duplicate key value violates unique constraint/);
  });

  it("refuses unknown users and programs, and a kind that does not match the program", async () => {
    const user = await createTestUser();
    const programId = await createTestProgram("tour");
    expect(await issueCertificate(db, { userId: 999_999, programId, kind: "tour", now: NOW })).toEqual({ ok: false, reason: "unknownUser" });
    expect(await issueCertificate(db, { userId: user.id, programId: 999_999, kind: "tour", now: NOW })).toEqual({
      ok: false,
      reason: "unknownProgram",
    });
    expect(await issueCertificate(db, { userId: user.id, programId, kind: "course", now: NOW })).toEqual({ ok: false, reason: "kindMismatch" });
  });
});

describe("codes and serials", () => {
  it("codes are 128 random bits in base64url (22 URL-safe characters), all different", async () => {
    const programId = await createTestProgram("course");
    const codes: string[] = [];
    for (let i = 0; i < 30; i++) {
      const u = await createTestUser();
      const r = await issueCertificate(db, { userId: u.id, programId, kind: "course", now: NOW });
      if (r.ok) codes.push(r.value.certificate.code);
    }
    expect(codes).toHaveLength(30);
    for (const code of codes) {
      expect(code).toMatch(CODE_PATTERN);
      expect(Buffer.from(code, "base64url")).toHaveLength(16);
    }
    expect(new Set(codes).size).toBe(30);
    // Across all codes every base64url position varies: no fixed prefix or counter hiding inside.
    const distinctFirst = new Set(codes.map((c) => c[0]));
    expect(distinctFirst.size).toBeGreaterThan(10);
    expect(isWellFormedCode("abc")).toBe(false);
    expect(isWellFormedCode("a".repeat(21) + "!")).toBe(false);
    expect(isWellFormedCode(codes[0])).toBe(true);
  });

  it("serials are unique and sequential per Vietnamese calendar year, gap-free under concurrency", async () => {
    const programId = await createTestProgram("workshop");
    const issueAt = async (issuedAt: string) => {
      const u = await createTestUser();
      const r = await issueCertificate(db, { userId: u.id, programId, kind: "workshop", issuedAt, now: NOW });
      if (!r.ok) throw new Error(r.reason);
      return r.value.certificate.serial;
    };
    expect(formatSerial(2031, 123)).toBe("STEM-2031-000123");
    // 31 Dec 2030 18:00 UTC is already 1 Jan 2031 in Vietnam; 16:59 UTC is still 31 Dec 2030 there.
    expect(vnYear("2030-12-31T18:00:00.000Z")).toBe(2031);
    expect(vnYear("2030-12-31T16:59:00.000Z")).toBe(2030);
    expect(await issueAt("2030-06-01T03:00:00.000Z")).toBe("STEM-2030-000001");
    expect(await issueAt("2030-12-31T18:00:00.000Z")).toBe("STEM-2031-000001");
    expect(await issueAt("2030-07-01T03:00:00.000Z")).toBe("STEM-2030-000002");
    // Regression: 00:30 on 1 January in Vietnam (17:30 UTC the day before) counts in the new year.
    expect(await issueAt("2030-12-31T17:30:00.000Z")).toBe("STEM-2031-000002");
    expect(await issueAt("2030-12-31T16:59:00.000Z")).toBe("STEM-2030-000003");
    const users = await Promise.all(Array.from({ length: 10 }, () => createTestUser()));
    const serials = await Promise.all(
      users.map(async (u) => {
        const r = await issueCertificate(db, { userId: u.id, programId, kind: "workshop", issuedAt: "2031-03-03T03:00:00.000Z", now: NOW });
        return r.ok ? r.value.certificate.serial : "";
      })
    );
    expect(serials.sort()).toEqual(Array.from({ length: 10 }, (_, i) => formatSerial(2031, i + 3)));
  });
});

describe("revoking and reissuing", () => {
  it("revokes with a reason; twice is harmless and keeps the first reason", async () => {
    const u = await createTestUser();
    const programId = await createTestProgram("course");
    const r = await issueCertificate(db, { userId: u.id, programId, kind: "course", now: NOW });
    if (!r.ok) throw new Error();
    const serial = r.value.certificate.serial;
    expect(await revokeCertificate(db, { certificateId: r.value.certificate.id, reason: "Cấp nhầm", actor: { userId: null, ip: "test" }, now: NOW })).toEqual({
      ok: true,
      value: { serial, alreadyRevoked: false },
    });
    expect(await revokeCertificate(db, { certificateId: r.value.certificate.id, reason: "Lần hai", actor: { userId: null, ip: "test" }, now: "2026-11-21T03:00:00.000Z" })).toEqual({
      ok: true,
      value: { serial, alreadyRevoked: true },
    });
    const row = await db.selectFrom("certificates").selectAll().where("id", "=", r.value.certificate.id).executeTakeFirstOrThrow();
    expect([row.status, row.revoked_reason, row.revoked_at]).toEqual(["revoked", "Cấp nhầm", NOW]);
    expect(await revokeCertificate(db, { certificateId: 999_999, reason: "x", actor: { userId: null, ip: "test" }, now: NOW })).toEqual({ ok: false, reason: "notFound" });
    // Automatic issuance does not bring a revoked certificate back; staff may issue again by hand.
    expect(await issueCertificate(db, { userId: u.id, programId, kind: "course", now: NOW })).toEqual({ ok: false, reason: "revoked" });
    const staff = await createTestUser({ role: "staff" });
    const manual = await issueCertificate(db, { userId: u.id, programId, kind: "course", issuedBy: staff.id, now: NOW });
    expect(manual.ok && manual.value.created && manual.value.certificate.id !== r.value.certificate.id).toBe(true);
  });

  it("reissue supersedes the old certificate (new serial and code, corrected name); the old one cannot be revoked or reissued", async () => {
    const u = await createTestUser({ fullName: "Tran Duc Viet" });
    const staff = await createTestUser({ role: "staff" });
    const programId = await createTestProgram("course");
    const r = await issueCertificate(db, { userId: u.id, programId, kind: "course", hours: 5, now: NOW });
    if (!r.ok) throw new Error();
    const re = await reissueCertificate(db, { certificateId: r.value.certificate.id, recipientName: "Trần Đức Việt", issuedBy: staff.id, now: NOW });
    if (!re.ok) throw new Error(re.reason);
    expect(re.value.certificate.recipient_name).toBe("Trần Đức Việt");
    expect(re.value.certificate.serial).not.toBe(r.value.certificate.serial);
    expect(re.value.certificate.code).not.toBe(r.value.certificate.code);
    expect([re.value.certificate.hours, re.value.certificate.status, re.value.certificate.issued_by]).toEqual([5, "valid", staff.id]);
    const old = await db.selectFrom("certificates").selectAll().where("id", "=", r.value.certificate.id).executeTakeFirstOrThrow();
    expect([old.status, old.superseded_by]).toEqual(["superseded", re.value.certificate.id]);
    expect(await reissueCertificate(db, { certificateId: old.id, issuedBy: staff.id, now: NOW })).toEqual({ ok: false, reason: "notValid" });
    expect(await revokeCertificate(db, { certificateId: old.id, reason: "abc", actor: { userId: null, ip: "test" }, now: NOW })).toEqual({ ok: false, reason: "superseded" });
    // Issuing again finds the reissued one.
    const again = await issueCertificate(db, { userId: u.id, programId, kind: "course", now: NOW });
    expect(again.ok && again.value.certificate.id).toBe(re.value.certificate.id);
  });
});
