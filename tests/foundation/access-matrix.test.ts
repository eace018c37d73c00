// The access matrix (issue 11): users of another school (teacher, coordinator, student) and anonymous try every
// loader and action that takes an id with the other school's ids, in both directions (B on A, then A on B: two
// schools built the same way, each with its class, members, invitation, enrolment, registration, certificate and
// tour booking). Each answer is a denial (403/404; anonymous: the login
// page), nothing of school A is in the body, and no table changed. The owner's own requests succeed, so the ids are
// real. Every route module with a URL parameter is either listed here or named as public by design (checked).
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { issueCertificate } from "~/certificates/issue.server";
import { registerClassForSession, enrolClassInCourse } from "~/classes/enrol.server";
import { inviteByEmail } from "~/classes/invitations.server";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import * as bookingIcs from "~/routes/bookings.$id.calendar[.ics]";
import * as bookingPage from "~/routes/bookings.$id";
import * as certificatePage from "~/routes/certificates.$id";
import * as certificatePdf from "~/routes/certificates.$id[.pdf]";
import * as classPage from "~/routes/classes.$classId._index";
import * as classBulk from "~/routes/classes.$classId.accounts.bulk";
import * as classCertificates from "~/routes/classes.$classId.certificates[.pdf]";
import * as classEnrol from "~/routes/classes.$classId.enrol";
import * as classMembers from "~/routes/classes.$classId.members";
import * as classGuardians from "~/routes/classes.$classId.guardians";
import * as classCards from "~/routes/classes.$classId.cards";
import { cardCodesFor } from "~/guardians/cards.server";
import * as bookingSlips from "~/routes/bookings.$id_.slips";
import * as bookingCheckin from "~/routes/bookings.$id_.checkin";
import * as classProgress from "~/routes/classes.$classId.progress";
import * as classCsv from "~/routes/classes.$classId.progress[.]csv";
import * as classStudent from "~/routes/classes.$classId.students.$studentId";
import * as joinedPage from "~/routes/classes.joined";
import * as schedulePage from "~/routes/schedule.$file";
import * as registrationPage from "~/routes/registrations.$id._index";
import * as registrationCancel from "~/routes/registrations.$id.cancel";
import * as schoolPage from "~/routes/school._index";
import * as schoolReport from "~/routes/school.report";
import * as schoolReportCsv from "~/routes/school.report[.csv]";
import * as staffBooking from "~/routes/staff.bookings.$id";
import * as staffRoster from "~/routes/staff.sessions.$sessionId.roster";
import * as sessionSlips from "~/routes/sessions.$sessionId.slips";
import * as staffRosterCsv from "~/routes/staff.sessions.$sessionId.roster[.csv]";
import * as staffSessionEdit from "~/routes/staff.sessions.$sessionId.edit";
import * as tourPage from "~/routes/tours.$slug";
import * as workshopPage from "~/routes/workshops.$slug";
import { changeBooking } from "~/tours/lifecycle.server";
import { approvedTeacher, classOf } from "../helpers/classes";
import { buildCourse } from "../helpers/courses";
import { addSchoolMember, createTestSchool, createTestUser } from "../helpers/factories";
import { callAction, callLoader, makeRequest, type CallResult } from "../helpers/http";
import { bookingForm, createTestSlot, createTestTour } from "../helpers/tours";
import { createWorkshop } from "../helpers/workshops";

/** Route modules with a URL parameter that are public by design, and why. */
const PUBLIC_BY_DESIGN: Record<string, string> = {
  "$": "the not-found page",
  "calendar.$file": "a secret feed token is the credential (tested in tests/workshops)",
  "courses.$slug": "the public catalogue",
  "join.$code": "the class code is the credential; joining with it is the student's own consent",
  "learn.$courseSlug.$lessonId": "a student's own learning; ids of public courses",
  "learn.$courseSlug._index": "a student's own learning; ids of public courses",
  "learn.$courseSlug.finish": "a student's own learning (404 unless enrolled; tests/courses/finish.test.ts)",
  "verify.$code": "public certificate verification by its secret code",
  "verify.$code[.json]": "public certificate verification by its secret code",
  "credentials.status.$list": "the public, signed revocation status list (tests/certificates/openbadges.test.ts)",
  "staff.courses.$id._index": "staff only (tests/courses/staff.test.ts)",
  "staff.courses.$id.lessons.$lessonId": "staff only (tests/courses/staff.test.ts)",
  "staff.courses.$id.preview.$lessonId": "staff only (tests/courses/staff.test.ts)",
  "staff.courses.$id.report._index": "staff only (tests/courses/staff.test.ts)",
  "staff.courses.$id.report.csv": "staff only (tests/courses/staff.test.ts)",
  "staff.programs.$programId": "staff only (tests/workshops/staff.test.ts)",
  "staff.tours.$id": "staff only (tests/tours)",
  "staff.outbox.$id": "staff only (tests/mail/outbox-page.test.ts)",
  "reset-password.$token": "the e-mailed token is the credential (tests/mail/accounts.test.ts)",
  "verify-email.$token": "the e-mailed token is the credential (tests/mail/accounts.test.ts)",
  "confirm-email.$token": "the signed-in owner's own e-mailed token; another account's token is refused (tests/mail/email-change.test.ts)",
  "unsubscribe.$token": "the e-mailed token is the credential (tests/mail/confirmations.test.ts)",
  "guardians.link.$token": "the single-use invitation token is the credential (tests/guardians/links.test.ts)",
  "slips.$token": "the printed single-use signing link is the credential (tests/guardians/slips.test.ts)",
  "guardian.slips.$id": "a guardian's own child's slip only, anyone else's is 404 (tests/guardians/slips.test.ts)",
  "lab.$slug": "the public week of a lab resource; a booking is the signed-in user's own (tests/lab/routes.test.ts)",
  "lab.bookings.$id[.ics]": "a person's own lab booking only, anyone else's is 404 (tests/lab/routes.test.ts)",
  "lab.photos.$file": "public photos of lab resources, by random name",
  "staff.lab.resources.$id": "staff only (tests/lab/routes.test.ts)",
};

interface Case {
  file: string;
  path: string;
  params: Record<string, string>;
  mod: { loader?: (...a: any[]) => any; action?: (...a: any[]) => any };
  forms?: Record<string, string | number | (string | number)[]>[];
  /** The owner of the data, whose GET must succeed (proves the ids are real). */
  owner?: number;
  /**
   * The ids travel in the form of a page the user may use (booking a tour, answering invitations, the school page):
   * a refusal there is any 4xx with its message next to the field (e.g. 400 "not your school", 409 "already
   * decided"); URL ids must answer 403 or 404.
   */
  formIds?: true;
}

/** One school with everything an id-taking route can show; `label` makes its names and secrets its own. */
async function tenant(label: "A" | "B") {
  const schoolId = await createTestSchool(`Trường THCS Bí Mật ${label}`);
  const teacher = await approvedTeacher(db, schoolId);
  const coordinator = await createTestUser({ role: "coordinator" });
  await addSchoolMember(schoolId, coordinator.id, "coordinator", "approved");
  const student = await createTestUser({ role: "student", fullName: `Tạ Thị Riêng Tư ${label}`, grade: 8 });
  const invited = await createTestUser({ role: "student", fullName: `Lâm Văn Được Mời ${label}` });
  const cls = await classOf(db, teacher.id, schoolId, `Lớp Kín Đáo 8${label}`);
  await db.insertInto("class_members").values({ class_id: cls, student_id: student.id, joined_via: "code", created_at: "2026-01-01T00:00:00.000Z" }).execute();
  await inviteByEmail(db, { classId: cls, email: invited.email!, actor: { userId: teacher.id, ip: "x" }, now: nowIso() });
  const invitation = await db.selectFrom("class_invitations").select("id").where("class_id", "=", cls).executeTakeFirstOrThrow();
  const course = await buildCourse();
  await enrolClassInCourse(db, { classId: cls, programId: course.programId, userIds: [student.id], addedBy: teacher.id, now: nowIso() });
  const w = await createWorkshop({ program: { gradeMin: 6, gradeMax: 9 } });
  const reg = await registerClassForSession(db, { classId: cls, sessionId: w.sessionId, userIds: [student.id], mode: "fill-then-waitlist", addedBy: teacher.id, now: nowIso() });
  expect(reg.ok).toBe(true);
  const registration = await db.selectFrom("workshop_registrations").select("id").where("user_id", "=", student.id).executeTakeFirstOrThrow();
  const cert = await issueCertificate(db, { userId: student.id, programId: course.programId, kind: "course", now: nowIso() });
  if (!cert.ok) throw new Error(cert.reason);
  const tour = await createTestTour();
  const slot = await createTestSlot(tour.id, { daysAhead: 20 });
  const booked = await callAction(tourPage.action, await makeRequest(`/tours/${tour.slug}`, { userId: teacher.id, form: bookingForm(slot.id, { classId: cls }) }), { slug: tour.slug });
  const bookingId = Number(booked.location!.split("/")[2]!.split("?")[0]);
  const staff = await createTestUser({ role: "staff" });
  expect((await changeBooking(db, { bookingId, actor: { userId: staff.id, kind: "staff" }, change: { action: "confirm", message: "" }, now: nowIso() })).ok).toBe(true);
  const booking = await db.selectFrom("tour_bookings").select(["reference"]).where("id", "=", bookingId).executeTakeFirstOrThrow();
  const joinCode = (await db.selectFrom("classes").select("join_code").where("id", "=", cls).executeTakeFirstOrThrow()).join_code!;
  const membership = await db.selectFrom("school_memberships").select("id").where("user_id", "=", teacher.id).executeTakeFirstOrThrow();
  const cardCode = (await cardCodesFor(db, { studentIds: [student.id], actorId: teacher.id, now: nowIso() })).get(student.id)!;
  return {
    label, schoolId, teacher, coordinator, student, invited, cls, invitationId: invitation.id, course, workshop: w, registrationId: registration.id,
    certificate: cert.value.certificate, tour, slot, bookingId, reference: booking.reference, joinCode, membershipId: membership.id,
    cardCode,
  };
}

type Tenant = Awaited<ReturnType<typeof tenant>>;

const TABLES = [
  "users", "school_memberships", "classes", "class_teachers", "class_members", "class_invitations", "managed_accounts", "class_courses",
  "class_sessions", "enrolments", "workshop_registrations", "tour_bookings", "tour_booking_students", "certificates", "notifications",
  "guardian_links", "guardian_invitations", "guardian_consents", "permission_slips", "student_cards",
] as const;

async function everything() {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = await db.selectFrom(t).selectAll().execute().then((rows) => rows.map((r) => JSON.stringify(r)).sort());
  return out;
}

function isDenied(who: "anon" | "user", r: CallResult, formIds: boolean): boolean {
  if (who === "anon") return r.status === 302 && (r.location ?? "").startsWith("/login");
  if (formIds) return r.status >= 400 && r.status < 500;
  return r.status === 403 || r.status === 404;
}

describe("access matrix between schools", () => {
  it("every id-taking route is covered or public by design", () => {
    const withParams = readdirSync("app/routes").filter((f) => f.includes("$")).map((f) => f.replace(/\.tsx?$/, ""));
    const covered = new Set(CASE_FILES);
    expect(withParams.filter((f) => !covered.has(f) && !(f in PUBLIC_BY_DESIGN))).toEqual([]);
  });

  it("each school's teacher, coordinator, student and anonymous are denied everything of the other school (A on B and B on A); nothing changes or leaks", async () => {
    const schoolA = await tenant("A");
    const schoolB = await tenant("B");
    const failures: string[] = [];
    for (const [victim, attacker] of [[schoolA, schoolB], [schoolB, schoolA]] as const) failures.push(...(await tryEverything(victim, attacker)));
    expect(failures).toEqual([]);
  });
});

/**
 * The attacker's teacher, coordinator and student, and anonymous, on every id-taking route with the victim's ids:
 * the failures (a non-denial, or a victim secret in the body), after checking that no table changed.
 */
async function tryEverything(a: Tenant, b: Tenant): Promise<string[]> {
  const c = String(a.cls);
  const cases: Case[] = [
    { file: "bookings.$id", path: `/bookings/${a.bookingId}`, params: { id: String(a.bookingId) }, mod: bookingPage, forms: [{ intent: "cancel", reason: "x" }], owner: a.teacher.id },
    { file: "bookings.$id_.slips", path: `/bookings/${a.bookingId}/slips`, params: { id: String(a.bookingId) }, mod: bookingSlips, forms: [{ intent: "remind" }, { intent: "print" }, { intent: "setCount" }], owner: a.teacher.id },
    { file: "bookings.$id_.checkin", path: `/bookings/${a.bookingId}/checkin`, params: { id: String(a.bookingId) }, mod: bookingCheckin, forms: [{ intent: "tap", studentId: a.student.id, present: "1" }, { intent: "scan", code: a.cardCode }] },
    { file: "bookings.$id.calendar[.ics]", path: `/bookings/${a.bookingId}/calendar.ics`, params: { id: String(a.bookingId) }, mod: bookingIcs, owner: a.teacher.id },
    { file: "certificates.$id", path: `/certificates/${a.certificate.id}`, params: { id: String(a.certificate.id) }, mod: certificatePage, owner: a.student.id },
    { file: "certificates.$id[.pdf]", path: `/certificates/${a.certificate.id}.pdf`, params: { id: String(a.certificate.id) }, mod: certificatePdf, owner: a.student.id },
    {
      file: "classes.$classId._index", path: `/classes/${c}`, params: { classId: c }, mod: classPage, owner: a.teacher.id,
      forms: [{ intent: "update", name: "Đổi", schoolYear: "2026-2027" }, { intent: "archive" }, { intent: "regenerateCode" }, { intent: "addCoTeacher", email: "x@y.vn" }],
    },
    { file: "classes.$classId.accounts.bulk", path: `/classes/${c}/accounts/bulk`, params: { classId: c }, mod: classBulk, forms: [{ names: "Lê Văn Mới" }], owner: a.teacher.id },
    { file: "classes.$classId.certificates[.pdf]", path: `/classes/${c}/certificates.pdf?program=${a.course.programId}`, params: { classId: c }, mod: classCertificates },
    {
      file: "classes.$classId.enrol", path: `/classes/${c}/enrol`, params: { classId: c }, mod: classEnrol, owner: a.teacher.id,
      forms: [
        { intent: "enrolCourse", programId: a.course.programId },
        { intent: "registerSession", sessionId: a.workshop.sessionId },
        { intent: "overrideSession", sessionId: a.workshop.sessionId, reason: "Đặc cách cho cả lớp", confirm: "yes" },
      ],
    },
    {
      file: "classes.$classId.members", path: `/classes/${c}/members`, params: { classId: c }, mod: classMembers, owner: a.teacher.id,
      forms: [{ intent: "addByEmail", email: a.invited.email! }, { intent: "remove", studentId: a.student.id }, { intent: "resetPassword", studentId: a.student.id }],
    },
    { file: "classes.$classId.progress", path: `/classes/${c}/progress`, params: { classId: c }, mod: classProgress, owner: a.teacher.id },
    { file: "classes.$classId.guardians", path: `/classes/${c}/guardians`, params: { classId: c }, mod: classGuardians, forms: [{ studentId: a.student.id }], owner: a.teacher.id },
    { file: "classes.$classId.cards", path: `/classes/${c}/cards`, params: { classId: c }, mod: classCards, forms: [{ intent: "replace", studentId: a.student.id }], owner: a.teacher.id },
    { file: "classes.$classId.progress[.]csv", path: `/classes/${c}/progress.csv`, params: { classId: c }, mod: classCsv, owner: a.teacher.id },
    { file: "classes.$classId.students.$studentId", path: `/classes/${c}/students/${a.student.id}`, params: { classId: c, studentId: String(a.student.id) }, mod: classStudent, owner: a.teacher.id },
    { file: "schedule.$file", path: `/schedule/${a.registrationId}.ics`, params: { file: `${a.registrationId}.ics` }, mod: schedulePage, owner: a.student.id },
    { file: "registrations.$id._index", path: `/registrations/${a.registrationId}`, params: { id: String(a.registrationId) }, mod: registrationPage, owner: a.student.id },
    {
      file: "registrations.$id.cancel", path: `/registrations/${a.registrationId}/cancel`, params: { id: String(a.registrationId) }, mod: registrationCancel, owner: a.student.id,
      forms: [{ intent: "cancel", registrationId: a.registrationId, confirm: "yes" }],
    },
    { file: "staff.bookings.$id", path: `/staff/bookings/${a.bookingId}`, params: { id: String(a.bookingId) }, mod: staffBooking, forms: [{ intent: "cancel", reason: "x" }] },
    { file: "staff.sessions.$sessionId.roster", path: `/staff/sessions/${a.workshop.sessionId}/roster`, params: { sessionId: String(a.workshop.sessionId) }, mod: staffRoster, forms: [{ intent: "remove", registrationId: a.registrationId }] },
    { file: "sessions.$sessionId.slips", path: `/sessions/${a.workshop.sessionId}/slips`, params: { sessionId: String(a.workshop.sessionId) }, mod: sessionSlips, forms: [{ intent: "print" }], owner: a.teacher.id },
    { file: "staff.sessions.$sessionId.roster[.csv]", path: `/staff/sessions/${a.workshop.sessionId}/roster.csv`, params: { sessionId: String(a.workshop.sessionId) }, mod: staffRosterCsv },
    { file: "staff.sessions.$sessionId.edit", path: `/staff/sessions/${a.workshop.sessionId}/edit`, params: { sessionId: String(a.workshop.sessionId) }, mod: staffSessionEdit, forms: [{ intent: "status", status: "cancelled" }] },
    // Ids in forms rather than the URL.
    { file: "tours.$slug", path: `/tours/${a.tour.slug}`, params: { slug: a.tour.slug }, mod: { action: tourPage.action }, formIds: true, forms: [bookingForm(a.slot.id, { classId: a.cls, schoolId: a.schoolId })] },
    { file: "workshops.$slug", path: `/workshops/${a.workshop.slug}`, params: { slug: a.workshop.slug }, mod: { action: workshopPage.action }, formIds: true, forms: [{ intent: "cancel", registrationId: a.registrationId }] },
    {
      file: "classes.joined", path: "/classes/joined", params: {}, mod: { action: joinedPage.action }, formIds: true,
      forms: [{ intent: "accept", invitationId: a.invitationId }, { intent: "decline", invitationId: a.invitationId }, { intent: "leave", classId: a.cls }],
    },
    { file: "school._index", path: "/school", params: {}, mod: { action: schoolPage.action }, formIds: true, forms: [{ intent: "revoke", membershipId: a.membershipId }, { intent: "decide", membershipId: a.membershipId, decision: "reject" }] },
    // The school report takes the school's id in the query: the other school's coordinator gets 403 and nothing of it.
    { file: "school.report", path: `/school/report?school=${a.schoolId}`, params: {}, mod: schoolReport, owner: a.coordinator.id },
    { file: "school.report[.csv]", path: `/school/report.csv?school=${a.schoolId}&table=programs`, params: {}, mod: schoolReportCsv, owner: a.coordinator.id },
  ];
  expect(new Set(cases.map((x) => x.file))).toEqual(new Set(CASE_FILES));

  // The owner's own view works: the ids are real.
  for (const k of cases.filter((x) => x.owner && x.mod.loader)) {
    const r = await callLoader(k.mod.loader!, await makeRequest(k.path, { userId: k.owner }), k.params);
    expect([k.file, r.status]).toEqual([k.file, 200]);
  }

  const secrets = [a.invited.email!, a.student.email!, `Tạ Thị Riêng Tư ${a.label}`, `Lâm Văn Được Mời ${a.label}`, `Lớp Kín Đáo 8${a.label}`, a.reference, a.joinCode, a.certificate.code, a.certificate.serial, a.cardCode].filter(Boolean);
  const before = await everything();
  const failures: string[] = [];
  const actors = [
    [`teacher${b.label}`, b.teacher.id],
    [`coordinator${b.label}`, b.coordinator.id],
    [`student${b.label}`, b.student.id],
    ["anon", undefined],
  ] as const;
  for (const [name, userId] of actors) {
    const who = userId === undefined ? "anon" : "user";
    for (const k of cases) {
      const tries: { label: string; run: () => Promise<CallResult> }[] = [];
      if (k.mod.loader) tries.push({ label: `GET ${k.path}`, run: async () => callLoader(k.mod.loader!, await makeRequest(k.path, { userId }), k.params) });
      for (const form of k.forms ?? []) {
        tries.push({ label: `POST ${k.path} ${JSON.stringify(form)}`, run: async () => callAction(k.mod.action!, await makeRequest(k.path.split("?")[0]!, { userId, form }), k.params) });
      }
      for (const t of tries) {
        const r = await t.run();
        const body = typeof r.data === "string" ? r.data : JSON.stringify(r.data ?? "");
        const leaked = secrets.filter((s) => body.includes(s));
        if (!isDenied(who, r, !!k.formIds) || leaked.length) failures.push(`${name} on ${a.label}: ${t.label} → ${r.status} ${r.location ?? ""} ${leaked.join(",")}`);
      }
    }
  }
  expect(await everything()).toEqual(before);
  return failures;
}

const CASE_FILES = [
  "bookings.$id", "bookings.$id.calendar[.ics]", "certificates.$id", "certificates.$id[.pdf]", "classes.$classId._index", "classes.$classId.accounts.bulk",
  "classes.$classId.certificates[.pdf]", "classes.$classId.enrol", "classes.$classId.members", "classes.$classId.progress", "classes.$classId.progress[.]csv",
  "classes.$classId.students.$studentId", "schedule.$file", "staff.bookings.$id", "staff.sessions.$sessionId.roster", "staff.sessions.$sessionId.roster[.csv]",
  "staff.sessions.$sessionId.edit", "tours.$slug", "workshops.$slug", "classes.joined", "school._index",
  "registrations.$id._index", "registrations.$id.cancel", "school.report", "school.report[.csv]",
  "classes.$classId.guardians", "bookings.$id_.slips", "bookings.$id_.checkin", "classes.$classId.cards", "sessions.$sessionId.slips",
];
