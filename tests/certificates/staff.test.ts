// Staff: search, issue by hand, revoke (twice harmless), reissue; students and teachers are refused.
import { describe, expect, it } from "vitest";
import { issueCertificate } from "~/certificates/issue.server";
import { db } from "~/lib/db.server";
import { action as staffAction, loader as staffLoader } from "~/routes/staff.certificates";
import { createTestUser } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";
import { createTestProgram } from "../helpers/certificates";
import { NOW } from "../helpers/instants";

const post = async (userId: number | undefined, form: Record<string, string | number>) =>
  callAction(staffAction, await makeRequest("/staff/certificates", { userId, form }));

describe("/staff/certificates", () => {
  it("only staff and admins may list or act", async () => {
    const victim = await createTestUser();
    const programId = await createTestProgram("course");
    const r = await issueCertificate(db, { userId: victim.id, programId, kind: "course", now: NOW });
    if (!r.ok) throw new Error();
    for (const role of ["student", "teacher", "coordinator"] as const) {
      const u = await createTestUser({ role });
      expect((await callLoader(staffLoader, await makeRequest("/staff/certificates", { userId: u.id }))).status).toBe(403);
      expect((await post(u.id, { intent: "revoke", certificateId: r.value.certificate.id, reason: "Không hợp lệ" })).status).toBe(403);
    }
    expect((await post(undefined, { intent: "revoke", certificateId: r.value.certificate.id, reason: "Không hợp lệ" })).status).toBe(302);
    const row = await db.selectFrom("certificates").select("status").where("id", "=", r.value.certificate.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("valid");
    const admin = await createTestUser({ role: "admin" });
    expect((await callLoader(staffLoader, await makeRequest("/staff/certificates", { userId: admin.id }))).status).toBe(200);
  });

  it("searches by name without diacritics, by serial and by program; paginates; junk filters are ignored", async () => {
    const staff = await createTestUser({ role: "staff" });
    const programId = await createTestProgram("workshop", "Điện tử vui cho lớp 7", "Fun electronics");
    const u = await createTestUser({ fullName: "Phạm Gia Đức" });
    const r = await issueCertificate(db, { userId: u.id, programId, kind: "workshop", now: NOW });
    if (!r.ok) throw new Error();
    const search = async (q: string) =>
      (
        await callLoader(staffLoader, await makeRequest(`/staff/certificates?q=${encodeURIComponent(q)}`, { userId: staff.id }))
      ).data.rows.map((x: { id: number }) => x.id);
    expect(await search("pham gia duc")).toEqual([r.value.certificate.id]);
    expect(await search(r.value.certificate.serial)).toEqual([r.value.certificate.id]);
    expect(await search("dien tu vui")).toEqual([r.value.certificate.id]);
    expect(await search("100%_")).toEqual([]);
    // % and _ are literal: "duc%" does not match every name starting with "duc".
    expect(await search("d_c")).toEqual([]);
    expect(await search("%")).toEqual([]);
    const junk = await callLoader(
      staffLoader,
      await makeRequest("/staff/certificates?page=-1&status=king&q=" + "x".repeat(300), { userId: staff.id })
    );
    expect(junk.status).toBe(200);
    expect(junk.data.filter).toEqual({ q: "", status: undefined, page: 1 });
  });

  it("issues by hand by email or username; again is harmless; unknown people and programs are field errors", async () => {
    const staff = await createTestUser({ role: "staff" });
    const programId = await createTestProgram("workshop", "Thí nghiệm khoa học ngoại khóa");
    const s = await createTestUser({ username: "hs.lan.8a", email: null, fullName: "Đỗ Thị Lan" });
    const ok = await post(staff.id, { intent: "issue", identifier: "HS.LAN.8A", programId, hours: "3" });
    expect(ok.status).toBe(302);
    expect(ok.location).toMatch(/notice=notice\.certificates\.issued$/);
    const again = await post(staff.id, { intent: "issue", identifier: "hs.lan.8a", programId });
    expect(again.location).toMatch(/notice=notice\.certificates\.existing$/);
    const rows = await db.selectFrom("certificates").selectAll().where("user_id", "=", s.id).execute();
    expect(rows.map((c) => [c.issued_by, c.hours, c.recipient_name])).toEqual([[staff.id, 3, "Đỗ Thị Lan"]]);

    const missing = await post(staff.id, { intent: "issue", identifier: "nobody@example.com", programId });
    expect(missing.status).toBe(404);
    expect(fieldErrorsOf(missing)).toEqual({ identifier: ["certificates.errors.userNotFound"] });
    const noProgram = await post(staff.id, { intent: "issue", identifier: "hs.lan.8a", programId: 999_999 });
    expect(noProgram.status).toBe(404);
    expect(fieldErrorsOf(noProgram)).toEqual({ programId: ["certificates.errors.programNotFound"] });
    expect(await db.selectFrom("certificates").select("id").where("user_id", "=", s.id).execute()).toHaveLength(1);
    const bad = await post(staff.id, { intent: "issue", identifier: "", programId: "abc", hours: "-2" });
    expect(bad.status).toBe(400);
    expect(Object.keys(fieldErrorsOf(bad)).sort()).toEqual(["hours", "identifier", "programId"]);
    expect((await post(staff.id, { intent: "explode" })).status).toBe(400);
  });

  it("revokes with a reason (twice harmless), reissues after a name correction; bad input is 400/404/409", async () => {
    const staff = await createTestUser({ role: "staff" });
    const programId = await createTestProgram("course");
    const u = await createTestUser({ fullName: "Nguyen Thi Phuong Thao" });
    const r = await issueCertificate(db, { userId: u.id, programId, kind: "course", now: NOW });
    if (!r.ok) throw new Error();

    const re = await post(staff.id, { intent: "reissue", certificateId: r.value.certificate.id, recipientName: "Nguyễn Thị Phương Thảo" });
    expect(re.status).toBe(302);
    expect(re.location).toMatch(/notice=notice\.certificates\.reissued$/);
    const fresh = await db
      .selectFrom("certificates")
      .selectAll()
      .where("user_id", "=", u.id)
      .where("status", "=", "valid")
      .executeTakeFirstOrThrow();
    expect(fresh.recipient_name).toBe("Nguyễn Thị Phương Thảo");
    const stale = await post(staff.id, { intent: "reissue", certificateId: r.value.certificate.id });
    expect(stale.status).toBe(409);
    expect(fieldErrorsOf(stale)).toEqual({ "": ["certificates.errors.notValid"] });
    expect(await db.selectFrom("certificates").select("id").where("user_id", "=", u.id).execute()).toHaveLength(2);

    expect(fieldErrorsOf(await post(staff.id, { intent: "revoke", certificateId: fresh.id, reason: "" }))).toHaveProperty("reason");
    const first = await post(staff.id, { intent: "revoke", certificateId: fresh.id, reason: "Cấp nhầm học sinh" });
    const second = await post(staff.id, { intent: "revoke", certificateId: fresh.id, reason: "Lần nữa" });
    expect([first.status, second.status]).toEqual([302, 302]);
    const row = await db.selectFrom("certificates").selectAll().where("id", "=", fresh.id).executeTakeFirstOrThrow();
    expect([row.status, row.revoked_reason]).toEqual(["revoked", "Cấp nhầm học sinh"]);

    const missing = await post(staff.id, { intent: "revoke", certificateId: 999_999, reason: "abcdef" });
    expect(missing.status).toBe(404);
    expect(fieldErrorsOf(missing)).toEqual({ "": ["certificates.errors.notFound"] });
    expect((await post(staff.id, { intent: "revoke", certificateId: "abc", reason: "abcdef" })).status).toBe(400);
    expect((await post(staff.id, { intent: "reissue", certificateId: fresh.id, recipientName: "x".repeat(200) })).status).toBe(400);
  });
});
