// Builders for the guardians tests: a guardian linked to a student through the capability's own invitation
// (the student invites by e-mail; the token is read from the outbox's secret, as the message would carry it).
import { addMember } from "~/classes/members.server";
import { giveConsent } from "~/guardians/consent.server";
import { acceptGuardianInvitation, inviteGuardianByEmail } from "~/guardians/links.server";
import { db, type DB } from "~/lib/db.server";
import { isoToVnLocal, nowIso, vnLocalToIso } from "~/lib/time";
import { action as tourAction } from "~/routes/tours.$slug";
import { changeBooking } from "~/tours/lifecycle.server";
import { createTestClass, createTestUser } from "./factories";
import { callAction, makeRequest } from "./http";
import { bookingForm, createSchoolWithTeacher, createTestSlot, createTestTour, sessionUserOf } from "./tours";

export async function linkedGuardian(db: DB, studentId: number, fullName?: string) {
  const g = await createTestUser({ role: "guardian", ...(fullName ? { fullName } : {}) }, db);
  const student = await sessionUserOf(db, studentId);
  const invited = await inviteGuardianByEmail(db, { student, email: g.email!, ip: "127.0.0.1", now: nowIso() });
  if (!invited.ok) throw new Error(`linkedGuardian: ${invited.reason}`);
  const mail = await db.selectFrom("email_outbox").select("secret").where("to_address", "=", g.email!).where("template", "=", "guardianInvitation").orderBy("id", "desc").executeTakeFirstOrThrow();
  const token = (JSON.parse(mail.secret!) as { token: string }).token;
  const linked = await acceptGuardianInvitation(db, { token, user: await sessionUserOf(db, g.id), ip: "127.0.0.1", now: nowIso() });
  if (!linked.ok) throw new Error(`linkedGuardian: ${linked.reason}`);
  return g;
}

/**
 * A confirmed tour booking of a class of three: an adult-age student (`older`, pending slip), an under-16 whose
 * guardian consented (`young`, pending slip), an under-16 without consent (`noConsent`, no slip).
 */
export async function confirmedClassBooking(schoolName?: string) {
  const tour = await createTestTour();
  const slot = await createTestSlot(tour.id, { daysAhead: 14 });
  const school = await createSchoolWithTeacher(schoolName);
  const cls = await createTestClass({ schoolId: school.schoolId, ownerId: school.teacher.id });
  const thisYear = () => Number(nowIso().slice(0, 4));
  const older = await createTestUser({ role: "student", birthYear: thisYear() - 17, fullName: "Đỗ Văn Lớn" });
  const young = await createTestUser({ role: "student", birthYear: thisYear() - 12, fullName: "Vũ Thị Nhỏ" });
  const noConsent = await createTestUser({ role: "student", birthYear: thisYear() - 12, fullName: "Hồ Văn Chưa" });
  for (const s of [older, young, noConsent]) await addMember(db, { classId: cls, studentId: s.id, via: "teacher", now: nowIso() });
  const guardian = await linkedGuardian(db, young.id);
  if (!(await giveConsent(db, { guardianId: guardian.id, studentId: young.id, ip: "198.51.100.7", now: nowIso() })).ok) throw new Error("confirmedClassBooking: consent refused");
  const r = await callAction(tourAction, await makeRequest(`/tours/${tour.slug}`, { userId: school.teacher.id, form: bookingForm(slot.id, { classId: cls, students: 20 }) }), { slug: tour.slug });
  const bookingId = Number(r.location!.split("/")[2]!.split("?")[0]);
  const staff = await createTestUser({ role: "staff" });
  const confirmed = await changeBooking(db, { bookingId, actor: { userId: staff.id, kind: "staff" }, change: { action: "confirm", message: "" }, now: nowIso() });
  if (!confirmed.ok) throw new Error(`confirmedClassBooking: ${confirmed.reason}`);
  return { tour, slot, school, cls, older, young, noConsent, guardian, bookingId, staff };
}

/**
 * A moment on the visit's Vietnam date shortly before it starts (30 minutes), but never on the day before: a visit
 * starting just after midnight in Vietnam gets a minute after that midnight instead (the tests run at any hour).
 */
export function onVisitDay(startsAt: string): string {
  const midnight = Date.parse(vnLocalToIso(isoToVnLocal(startsAt).date, "00:00"));
  return new Date(Math.max(Date.parse(startsAt) - 30 * 60_000, midnight + 60_000)).toISOString();
}
