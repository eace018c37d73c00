// The guardian's page and consent (issue 16): a guardian sees and acts for their own children only; another
// family's child is a 404 and nothing changes; consent for under-16s by birth year in Vietnam time.
import { describe, expect, it } from "vitest";
import { consentNeeded, giveConsent, hasConsent, studentsMissingConsent, withdrawConsent } from "~/guardians/consent.server";
import { db } from "~/lib/db.server";
import { action as guardianAction, loader as guardianLoader } from "~/routes/guardian._index";
import { loader as codeLoader } from "~/routes/classes.$classId.guardians";
import { createTestUser } from "../helpers/factories";
import { callAction, callLoader, makeRequest } from "../helpers/http";
import { linkedGuardian } from "../helpers/guardians";
import { NEW_YEAR_0030_VN, NEW_YEARS_EVE_2330_VN } from "../helpers/instants";
import { createWorkshop, registerStudent } from "../helpers/workshops";
import { approvedTeacher, classOf } from "../helpers/classes";
import { addMember } from "~/classes/members.server";
import { nowIso } from "~/lib/time";

async function registrationsOf(userId: number) {
  return db.selectFrom("workshop_registrations").selectAll().where("user_id", "=", userId).orderBy("id").execute();
}

describe("the guardian's page", () => {
  it("shows each linked child's upcoming workshop and lets the guardian cancel it before the deadline", async () => {
    const child = await createTestUser({ role: "student", fullName: "Lê Minh Con" });
    const g = await linkedGuardian(db, child.id);
    const w = await createWorkshop({ startDays: 10 });
    const reg = await registerStudent(db, { sessionId: w.sessionId, userId: child.id });
    if (!reg.ok) throw new Error(reg.reason);
    const page = await callLoader(guardianLoader, await makeRequest("/guardian", { userId: g.id }));
    expect(page.status).toBe(200);
    expect(page.data.children).toMatchObject([{ id: child.id, fullName: "Lê Minh Con", workshops: [{ registrationId: reg.value.registrationId, canCancel: true }] }]);
    const r = await callAction(guardianAction, await makeRequest("/guardian", { userId: g.id, form: { intent: "cancel", registrationId: reg.value.registrationId, confirm: "yes" } }));
    expect(r.location).toBe("/guardian?notice=notice.workshops.cancelled");
    expect((await registrationsOf(child.id))[0].status).toBe("cancelled");
  });

  it("another family's child: the registration cancel and consent are 404 and nothing changes", async () => {
    const child = await createTestUser({ role: "student" });
    await linkedGuardian(db, child.id);
    const stranger = await linkedGuardian(db, (await createTestUser({ role: "student" })).id);
    const w = await createWorkshop({ startDays: 10 });
    const reg = await registerStudent(db, { sessionId: w.sessionId, userId: child.id });
    if (!reg.ok) throw new Error(reg.reason);
    const before = { regs: await registrationsOf(child.id), consents: await db.selectFrom("guardian_consents").selectAll().where("student_id", "=", child.id).execute() };
    for (const form of <Record<string, string | number>[]>[
      { intent: "cancel", registrationId: reg.value.registrationId, confirm: "yes" },
      { intent: "giveConsent", studentId: child.id, agree: "on" },
      { intent: "withdrawConsent", studentId: child.id, confirm: "yes" },
    ]) {
      const r = await callAction(guardianAction, await makeRequest("/guardian", { userId: stranger.id, form }));
      expect([form.intent, r.status]).toEqual([form.intent, 404]);
    }
    const page = await callLoader(guardianLoader, await makeRequest("/guardian", { userId: stranger.id }));
    expect(JSON.stringify(page.data)).not.toContain(String(reg.value.registrationId) + ",");
    expect(page.data.children.map((c: { id: number }) => c.id)).not.toContain(child.id);
    expect({ regs: await registrationsOf(child.id), consents: await db.selectFrom("guardian_consents").selectAll().where("student_id", "=", child.id).execute() }).toEqual(before);
    // Students and teachers do not reach the page at all.
    const asStudent = await callLoader(guardianLoader, await makeRequest("/guardian", { userId: child.id }));
    expect(asStudent.status).toBe(403);
  });
});

describe("consent for under-16s", () => {
  it("is needed by birth year in Vietnam time (unknown birth year counts as needed)", () => {
    // Born 2011: 15 on 31 December 2026, 16 from 00:30 on 1 January 2027 in Vietnam (still 2026 in UTC).
    expect(consentNeeded(2011, NEW_YEARS_EVE_2330_VN)).toBe(true);
    expect(consentNeeded(2011, NEW_YEAR_0030_VN)).toBe(false);
    expect(consentNeeded(null, NEW_YEAR_0030_VN)).toBe(true);
  });

  it("is given and withdrawn by a linked guardian, with date and who; the teacher's reminder follows it", async () => {
    const t = await approvedTeacher(db);
    const cls = await classOf(db, t.id, t.schoolId);
    const child = await createTestUser({ role: "student", birthYear: 2014, fullName: "Phạm Bé Nhỏ" });
    await addMember(db, { classId: cls, studentId: child.id, via: "teacher", now: nowIso() });
    const g = await linkedGuardian(db, child.id);
    const now = nowIso();
    expect(await hasConsent(db, { studentId: child.id, birthYear: 2014, now })).toBe(false);
    expect((await studentsMissingConsent(db, { classId: cls, now })).map((s) => s.id)).toEqual([child.id]);
    const page = await callLoader(codeLoader, await makeRequest(`/classes/${cls}/guardians`, { userId: t.id }), { classId: String(cls) });
    expect(page.data.missingConsent).toEqual([{ id: child.id, fullName: "Phạm Bé Nhỏ" }]);
    const noTick = await callAction(guardianAction, await makeRequest("/guardian", { userId: g.id, form: { intent: "giveConsent", studentId: child.id } }));
    expect(noTick.status).toBe(400);
    const r = await callAction(guardianAction, await makeRequest("/guardian", { userId: g.id, form: { intent: "giveConsent", studentId: child.id, agree: "on" } }));
    expect(r.location).toBe("/guardian?notice=notice.guardians.consentGiven");
    const row = await db.selectFrom("guardian_consents").selectAll().where("student_id", "=", child.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "given", recorded_by: g.id, withdrawn_at: null });
    expect(await hasConsent(db, { studentId: child.id, birthYear: 2014, now })).toBe(true);
    expect(await studentsMissingConsent(db, { classId: cls, now })).toEqual([]);
    expect(await withdrawConsent(db, { guardianId: g.id, studentId: child.id, ip: "x", now })).toEqual({ ok: true, value: { voided: 0 } });
    expect(await hasConsent(db, { studentId: child.id, birthYear: 2014, now })).toBe(false);
    const audit = await db.selectFrom("audit_events").select("action").where("subject_id", "=", String(child.id)).where("action", "like", "guardian.consent%").orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["guardian.consentGiven", "guardian.consentWithdrawn"]);
    expect(await giveConsent(db, { guardianId: t.id, studentId: child.id, ip: "x", now })).toMatchObject({ ok: false, reason: "notFound" });
  });
});
