// Permission slips for workshop sessions (issue 16, migration 0024): a staff setting per workshop program; a slip
// created with every confirmation (own registration, class registration, promotion from the waitlist, a restored
// session) for students whose data may be shared; void on cancellation/removal/cancelled session; answered on the
// same guardian page and printed links; the session's slips page for staff (medical notes only on the day) and the
// class's teachers; the roster flags missing slips; retention covers them. Denials re-read the tables.
import { describe, expect, it } from "vitest";
import { registerClassForSession } from "~/classes/enrol.server";
import { giveConsent, withdrawConsent } from "~/guardians/consent.server";
import { loadGuardianDashboard } from "~/guardians/dashboard.server";
import { sessionSlipsAccess } from "~/guardians/session-slips.server";
import { printSlipLinks, purgeMedicalNotes, signSlip } from "~/guardians/slips.server";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { action as editProgramAction, loader as editProgramLoader } from "~/routes/staff.programs.$programId";
import { action as guardianSlipAction, loader as guardianSlipLoader } from "~/routes/guardian.slips.$id";
import { action as sessionSlipsAction, loader as sessionSlipsLoader } from "~/routes/sessions.$sessionId.slips";
import { loader as rosterLoader } from "~/routes/staff.sessions.$sessionId.roster";
import { action as tokenAction, loader as tokenLoader } from "~/routes/slips.$token";
import { cancelRegistration, removeRegistration } from "~/workshops/registration.server";
import { setSessionStatus, updateSession } from "~/workshops/sessions.server";
import { createTestClass, createTestUser } from "../helpers/factories";
import { linkedGuardian } from "../helpers/guardians";
import { callAction, callLoader, makeRequest } from "../helpers/http";
import { createSchoolWithTeacher } from "../helpers/tours";
import { createWorkshop, inDays, registerStudent } from "../helpers/workshops";

const ip = "198.51.100.9";
const thisYear = () => Number(nowIso().slice(0, 4));
const answer = { answer: "yes", emergencyPhone: "0912 345 678", medicalNote: "Dị ứng tôm", signedName: "Trần Văn Bố" };

async function slipProgram(opts: { capacity?: number; on?: boolean; startDays?: number } = {}) {
  const w = await createWorkshop({ session: { capacity: opts.capacity ?? 20 }, startDays: opts.startDays ?? 10 });
  if (opts.on !== false) await db.updateTable("programs").set({ requires_slip: 1 }).where("id", "=", w.programId).execute();
  return w;
}

/** An under-16 with a linked guardian who consented, an adult-age student, an under-16 without consent. */
async function students() {
  const young = await createTestUser({ role: "student", birthYear: thisYear() - 12, fullName: "Lê Thị Bé" });
  const guardian = await linkedGuardian(db, young.id);
  expect((await giveConsent(db, { guardianId: guardian.id, studentId: young.id, ip, now: nowIso() })).ok).toBe(true);
  const older = await createTestUser({ role: "student", birthYear: thisYear() - 17, fullName: "Phan Văn Lớn" });
  const noConsent = await createTestUser({ role: "student", birthYear: thisYear() - 12, fullName: "Hồ Thị Chưa" });
  return { young, guardian, older, noConsent };
}

const slipsOfSession = (sessionId: number) =>
  db
    .selectFrom("permission_slips as ps")
    .innerJoin("workshop_registrations as r", "r.id", "ps.registration_id")
    .selectAll("ps")
    .where("r.session_id", "=", sessionId)
    .orderBy("ps.student_id")
    .execute();
/** Answers every unanswered slip of the session through printed links (as a family without an account would). */
async function signAllByLink(sessionId: number) {
  for (const l of await printSlipLinks(db, { subject: { sessionId }, now: nowIso() })) {
    expect((await signSlip(db, { who: { kind: "token", token: l.token }, ...answer, answer: "yes", ip, now: nowIso() })).ok).toBe(true);
  }
}
const slipOf = async (sessionId: number, studentId: number) => (await slipsOfSession(sessionId)).find((s) => s.student_id === studentId);

describe("workshop session slips: the staff setting", () => {
  it("staff tick it on the program form (shown back, off by default); switching it on creates slips for confirmed registrations; a student cannot change it", async () => {
    const w = await slipProgram({ on: false });
    const s = await students();
    expect((await registerStudent(db, { sessionId: w.sessionId, userId: s.young.id })).ok).toBe(true);
    expect(await slipsOfSession(w.sessionId)).toEqual([]);
    const staff = await createTestUser({ role: "staff" });
    const params = { programId: String(w.programId) };
    expect((await callLoader(editProgramLoader, await makeRequest(`/staff/programs/${w.programId}`, { userId: staff.id }), params)).data.program.values.requiresSlip).toBe(false);
    const bad = await callAction(editProgramAction, await makeRequest(`/staff/programs/${w.programId}`, { userId: staff.id, form: { intent: "save", titleVi: "Robot", requiresSlip: "yes" } }), params);
    expect(bad.status).toBe(400);
    const denied = await callAction(editProgramAction, await makeRequest(`/staff/programs/${w.programId}`, { userId: s.older.id, form: { intent: "save", titleVi: "Robot", requiresSlip: "on" } }), params);
    expect(denied.status).toBe(403);
    expect((await db.selectFrom("programs").select("requires_slip").where("id", "=", w.programId).executeTakeFirstOrThrow()).requires_slip).toBe(0);
    const saved = await callAction(editProgramAction, await makeRequest(`/staff/programs/${w.programId}`, { userId: staff.id, form: { intent: "save", titleVi: "Robot", slug: w.slug, requiresSlip: "on" } }), params);
    expect(saved.status).toBe(302);
    expect((await callLoader(editProgramLoader, await makeRequest(`/staff/programs/${w.programId}`, { userId: staff.id }), params)).data.program.values.requiresSlip).toBe(true);
    expect(await slipOf(w.sessionId, s.young.id)).toMatchObject({ status: "pending", booking_id: null });
  });
});

describe("workshop session slips: created with each confirmation", () => {
  it("own registration: a pending slip for students whose data may be shared, guardians told; none without consent; none when the setting is off", async () => {
    const w = await slipProgram();
    const s = await students();
    for (const u of [s.young, s.older, s.noConsent]) expect((await registerStudent(db, { sessionId: w.sessionId, userId: u.id })).ok).toBe(true);
    const slips = await slipsOfSession(w.sessionId);
    expect(slips.map((x) => x.student_id).sort()).toEqual([s.young.id, s.older.id].sort());
    expect(slips.every((x) => x.status === "pending" && x.booking_id === null)).toBe(true);
    const notes = await db.selectFrom("notifications").select(["message_key", "link"]).where("user_id", "=", s.guardian.id).where("message_key", "=", "notifications.sessionSlipWaiting").execute();
    expect(notes).toEqual([{ message_key: "notifications.sessionSlipWaiting", link: `/guardian/slips/${(await slipOf(w.sessionId, s.young.id))!.id}` }]);
    const off = await slipProgram({ on: false, startDays: 40 });
    expect((await registerStudent(db, { sessionId: off.sessionId, userId: s.young.id })).ok).toBe(true);
    expect(await slipsOfSession(off.sessionId)).toEqual([]);
  });

  it("waitlist: no slip while waiting; promotion creates it in the same transaction; the leaver's slip is void and erased", async () => {
    const w = await slipProgram({ capacity: 1 });
    const s = await students();
    const first = await registerStudent(db, { sessionId: w.sessionId, userId: s.older.id });
    expect(first.ok && first.value.status).toBe("confirmed");
    const second = await registerStudent(db, { sessionId: w.sessionId, userId: s.young.id });
    expect(second.ok && second.value.status).toBe("waitlisted");
    expect(await slipOf(w.sessionId, s.young.id)).toBeUndefined();
    await signAllByLink(w.sessionId);
    expect(await slipOf(w.sessionId, s.older.id)).toMatchObject({ status: "yes", medical_note: "Dị ứng tôm" });
    const cancelled = await cancelRegistration(db, { registrationId: first.ok ? first.value.registrationId : 0, userId: s.older.id, now: nowIso() });
    expect(cancelled.ok && cancelled.value.promoted).toEqual([s.young.id]);
    expect(await slipOf(w.sessionId, s.young.id)).toMatchObject({ status: "pending" });
    expect(await slipOf(w.sessionId, s.older.id)).toMatchObject({ status: "void", emergency_phone: null, medical_note: null, token_hash: null });
  });

  it("class registration (and a staff override) creates slips; staff removal voids one", async () => {
    const w = await slipProgram();
    const s = await students();
    const school = await createSchoolWithTeacher();
    const cls = await createTestClass({ schoolId: school.schoolId, ownerId: school.teacher.id, studentIds: [s.young.id, s.older.id, s.noConsent.id] });
    const r = await registerClassForSession(db, { classId: cls, sessionId: w.sessionId, userIds: [s.young.id, s.older.id, s.noConsent.id], mode: "fill-then-waitlist", addedBy: school.teacher.id, now: nowIso() });
    expect(r.ok && r.value.confirmed).toBe(3);
    expect((await slipsOfSession(w.sessionId)).map((x) => x.student_id).sort()).toEqual([s.young.id, s.older.id].sort());
    const closed = await slipProgram();
    await db.updateTable("workshop_sessions").set({ registration_closes_at: inDays(-1) }).where("id", "=", closed.sessionId).execute();
    const staff = await createTestUser({ role: "staff" });
    const o = await registerClassForSession(db, { classId: cls, sessionId: closed.sessionId, userIds: [s.older.id], mode: "fill-then-waitlist", addedBy: staff.id, override: { actor: { userId: staff.id, ip }, reason: "Đã thống nhất với trường" }, now: nowIso() });
    expect(o.ok).toBe(true);
    expect(await slipOf(closed.sessionId, s.older.id)).toMatchObject({ status: "pending" });
    const reg = await db.selectFrom("workshop_registrations").select("id").where("session_id", "=", w.sessionId).where("user_id", "=", s.older.id).executeTakeFirstOrThrow();
    expect((await removeRegistration(db, { registrationId: reg.id, sessionId: w.sessionId, now: nowIso() })).ok).toBe(true);
    expect(await slipOf(w.sessionId, s.older.id)).toMatchObject({ status: "void" });
  });

  it("a cancelled session voids its slips (erased); restored, they are pending again and blank; a moved session keeps the answers and tells the guardians", async () => {
    const w = await slipProgram();
    const s = await students();
    await registerStudent(db, { sessionId: w.sessionId, userId: s.young.id });
    const slip = (await slipOf(w.sessionId, s.young.id))!;
    expect((await signSlip(db, { who: { kind: "guardian", guardianId: s.guardian.id, slipId: slip.id }, ...answer, answer: "yes", ip, now: nowIso() })).ok).toBe(true);
    const meetings = [{ startsAt: inDays(20, 1), endsAt: inDays(20, 3) }];
    const moved = await updateSession(db, w.sessionId, { room: "Phòng 2", capacity: 20, instructorId: null, registrationOpensAt: null, registrationClosesAt: null, cancellationDeadline: null, minAttendancePercent: 100, meetings }, nowIso());
    expect(moved.ok).toBe(true);
    expect(await slipOf(w.sessionId, s.young.id)).toMatchObject({ status: "yes", medical_note: "Dị ứng tôm" });
    expect(await db.selectFrom("notifications").select("id").where("user_id", "=", s.guardian.id).where("message_key", "=", "notifications.sessionSlipMoved").execute()).toHaveLength(1);
    await setSessionStatus(db, w.sessionId, "cancelled", nowIso());
    expect(await slipOf(w.sessionId, s.young.id)).toMatchObject({ status: "void", emergency_phone: null, medical_note: null });
    expect(await signSlip(db, { who: { kind: "guardian", guardianId: s.guardian.id, slipId: slip.id }, ...answer, answer: "yes", ip, now: nowIso() })).toMatchObject({ ok: false, reason: "closed" });
    await setSessionStatus(db, w.sessionId, "scheduled", nowIso());
    expect(await slipOf(w.sessionId, s.young.id)).toMatchObject({ id: slip.id, status: "pending", signed_name: null, emergency_phone: null });
  });

  it("withdrawing consent voids the child's upcoming session slip; retention erases session notes after the period", async () => {
    const w = await slipProgram();
    const s = await students();
    await registerStudent(db, { sessionId: w.sessionId, userId: s.young.id });
    await registerStudent(db, { sessionId: w.sessionId, userId: s.older.id });
    await signAllByLink(w.sessionId);
    expect(await slipOf(w.sessionId, s.older.id)).toMatchObject({ status: "yes", medical_note: "Dị ứng tôm" });
    expect((await withdrawConsent(db, { guardianId: s.guardian.id, studentId: s.young.id, ip, now: nowIso() })).ok).toBe(true);
    expect(await slipOf(w.sessionId, s.young.id)).toMatchObject({ status: "void" });
    const endsAt = (await db.selectFrom("workshop_sessions").select("ends_at").where("id", "=", w.sessionId).executeTakeFirstOrThrow()).ends_at;
    const day = 86400_000;
    await purgeMedicalNotes(db, { now: new Date(Date.parse(endsAt) + 29 * day).toISOString(), days: 30 });
    expect((await slipOf(w.sessionId, s.older.id))!.medical_note).toBe("Dị ứng tôm");
    const purgedAt = new Date(Date.parse(endsAt) + 31 * day).toISOString();
    expect(await purgeMedicalNotes(db, { now: purgedAt, days: 30 })).toBeGreaterThanOrEqual(1);
    expect(await slipOf(w.sessionId, s.older.id)).toMatchObject({ medical_note: null, medical_purged_at: purgedAt, status: "yes" });
  });
});

describe("workshop session slips: answering and who sees them", () => {
  async function signedScene() {
    const w = await slipProgram();
    const s = await students();
    const school = await createSchoolWithTeacher();
    const cls = await createTestClass({ schoolId: school.schoolId, ownerId: school.teacher.id, studentIds: [s.young.id, s.older.id, s.noConsent.id] });
    await registerClassForSession(db, { classId: cls, sessionId: w.sessionId, userIds: [s.young.id, s.older.id, s.noConsent.id], mode: "fill-then-waitlist", addedBy: school.teacher.id, now: nowIso() });
    const self = await createTestUser({ role: "student", birthYear: thisYear() - 17, fullName: "Tự Đăng Ký" });
    await registerStudent(db, { sessionId: w.sessionId, userId: self.id });
    return { w, s, school, cls, self, slip: (await slipOf(w.sessionId, s.young.id))! };
  }

  it("the guardian sees the session (program, date, room, cost) on /guardian/slips/:id, signs, and the dashboard lists it; another family: 404, nothing changes", async () => {
    const x = await signedScene();
    const params = { id: String(x.slip.id) };
    const page = await callLoader(guardianSlipLoader, await makeRequest(`/guardian/slips/${x.slip.id}`, { userId: x.s.guardian.id }), params);
    expect(page.data.slip).toMatchObject({ kind: "workshop", room: "Phòng Fab Lab 1", open: true, studentName: "Lê Thị Bé" });
    const dash = await loadGuardianDashboard(db, { guardianId: x.s.guardian.id, locale: "vi", now: nowIso() });
    expect(dash.children[0]!.slips).toEqual([expect.objectContaining({ id: x.slip.id, status: "pending", kind: "workshop" })]);
    const stranger = await linkedGuardian(db, (await createTestUser({ role: "student" })).id);
    const before = await slipsOfSession(x.w.sessionId);
    expect((await callLoader(guardianSlipLoader, await makeRequest(`/guardian/slips/${x.slip.id}`, { userId: stranger.id }), params)).status).toBe(404);
    expect((await callAction(guardianSlipAction, await makeRequest(`/guardian/slips/${x.slip.id}`, { userId: stranger.id, form: answer }), params)).status).toBe(404);
    expect(await slipsOfSession(x.w.sessionId)).toEqual(before);
    const r = await callAction(guardianSlipAction, await makeRequest(`/guardian/slips/${x.slip.id}`, { userId: x.s.guardian.id, form: answer }), params, { clientIp: ip });
    expect(r.location).toBe(`/guardian/slips/${x.slip.id}?notice=notice.slips.signed`);
    expect(await slipOf(x.w.sessionId, x.s.young.id)).toMatchObject({ status: "yes", signed_name: "Trần Văn Bố", signed_by: x.s.guardian.id, signed_ip: ip });
  });

  it("the class's teacher sees their class's students with medical notes and prints single-use links; staff see everyone, notes only on the session day", async () => {
    const x = await signedScene();
    await signSlip(db, { who: { kind: "guardian", guardianId: x.s.guardian.id, slipId: x.slip.id }, ...answer, answer: "yes", ip, now: nowIso() });
    const params = { sessionId: String(x.w.sessionId) };
    const teacherPage = await callLoader(sessionSlipsLoader, await makeRequest(`/sessions/${x.w.sessionId}/slips`, { userId: x.school.teacher.id }), params);
    expect(teacherPage.status).toBe(200);
    expect(teacherPage.data.slips.map((r: { studentName: string }) => r.studentName).sort()).toEqual(["Hồ Thị Chưa", "Lê Thị Bé", "Phan Văn Lớn"]);
    expect(teacherPage.data.counts).toMatchObject({ yes: 1, pending: 1, noConsent: 1 });
    expect(teacherPage.data.slips.find((r: { studentName: string }) => r.studentName === "Lê Thị Bé").medicalNote).toBe("Dị ứng tôm");
    const printed = await callAction(sessionSlipsAction, await makeRequest(`/sessions/${x.w.sessionId}/slips`, { userId: x.school.teacher.id, form: { intent: "print" } }), params);
    expect(printed.data.links.map((l: { studentName: string }) => l.studentName)).toEqual(["Phan Văn Lớn"]);
    const token = String(printed.data.links[0].url).split("/slips/")[1]!;
    expect((await callLoader(tokenLoader, await makeRequest(`/slips/${token}`), { token })).data.slip).toMatchObject({ kind: "workshop", open: true });
    expect((await callAction(tokenAction, await makeRequest(`/slips/${token}`, { form: { ...answer, answer: "no" } }), { token })).status).toBe(200);
    expect(await slipOf(x.w.sessionId, x.s.older.id)).toMatchObject({ status: "no", token_hash: null });

    const staff = await createTestUser({ role: "staff" });
    const staffPage = await callLoader(sessionSlipsLoader, await makeRequest(`/sessions/${x.w.sessionId}/slips`, { userId: staff.id }), params);
    expect(staffPage.data.slips).toHaveLength(4);
    expect(staffPage.data.notesShown).toBe(false);
    expect(staffPage.data.slips.every((r: { medicalNote: string | null }) => r.medicalNote === null)).toBe(true);
    const meeting = (await db.selectFrom("workshop_meetings").select("starts_at").where("session_id", "=", x.w.sessionId).executeTakeFirstOrThrow()).starts_at;
    const onTheDay = new Date(Date.parse(meeting) - 3600_000).toISOString();
    expect((await sessionSlipsAccess(db, { sessionId: x.w.sessionId, userId: staff.id, staff: true, now: onTheDay }))!.notesShown).toBe(true);
    expect((await sessionSlipsAccess(db, { sessionId: x.w.sessionId, userId: staff.id, staff: true, now: new Date(Date.parse(meeting) - 86400_000).toISOString() }))!.notesShown).toBe(false);

    const roster = await callLoader(rosterLoader, await makeRequest(`/staff/sessions/${x.w.sessionId}/roster`, { userId: staff.id }), params);
    const regOf = async (userId: number) => (await db.selectFrom("workshop_registrations").select("id").where("session_id", "=", x.w.sessionId).where("user_id", "=", userId).executeTakeFirstOrThrow()).id;
    expect(roster.data.slips[await regOf(x.s.young.id)]).toBe("yes");
    expect(roster.data.slips[await regOf(x.s.noConsent.id)]).toBe("none");
    expect(roster.data.slips[await regOf(x.self.id)]).toBe("pending");
  });

  it("refuses others: a teacher of another school and a class teacher without a class on the session (403), students and guardians (403), anonymous (login), unknown session for staff (404); nothing printed", async () => {
    const x = await signedScene();
    const params = { sessionId: String(x.w.sessionId) };
    const other = await createSchoolWithTeacher("Trường Khác");
    const before = await slipsOfSession(x.w.sessionId);
    for (const userId of [other.teacher.id, other.coordinator.id, x.school.coordinator.id, x.s.young.id, x.s.guardian.id]) {
      expect((await callLoader(sessionSlipsLoader, await makeRequest(`/sessions/${x.w.sessionId}/slips`, { userId }), params)).status).toBe(403);
      expect((await callAction(sessionSlipsAction, await makeRequest(`/sessions/${x.w.sessionId}/slips`, { userId, form: { intent: "print" } }), params)).status).toBe(403);
    }
    expect(await slipsOfSession(x.w.sessionId)).toEqual(before);
    const anon = await callLoader(sessionSlipsLoader, await makeRequest(`/sessions/${x.w.sessionId}/slips`), params);
    expect(anon.location).toMatch(/^\/login/);
    const staff = await createTestUser({ role: "staff" });
    expect((await callLoader(sessionSlipsLoader, await makeRequest(`/sessions/999999/slips`, { userId: staff.id }), { sessionId: "999999" })).status).toBe(404);
    expect((await callAction(sessionSlipsAction, await makeRequest(`/sessions/${x.w.sessionId}/slips`, { userId: staff.id, form: { intent: "nope" } }), params)).status).toBe(400);
  });
});
