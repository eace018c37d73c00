// A hand-counted centre for one quarter (Q4 of year Y, Vietnam time) and the quarter before it. Every figure the
// insights show is written out below with the rows that make it, so an off-by-one in any query shows.
import type { DB } from "~/lib/db.server";
import { certificate, classIn, course, enrolment, mark, program, registration, school, session, students, tourVisit } from "../helpers/insights";

export async function buildFixture(db: DB, Y: number) {
  const N = Y + 1;
  const A = await school(db, { name: `Trường A ${Y}`, district: `Thủ Dầu Một ${Y}` });
  const B = await school(db, { name: `Trường B ${Y}`, district: `Dĩ An ${Y}` });
  const C = await school(db, { name: `Trường C ${Y}`, district: `Dĩ An ${Y}` });
  const D = await school(db, { name: `Trường D ${Y}`, status: "pending" });
  const E = await school(db, { name: `Trường E ${Y}`, district: `Dĩ An ${Y}` });
  const [s1, s2, s3, s4, s5, s6, s7, s8] = await students(db, 8);
  await classIn(db, A, [s1, s2, s3]);
  await classIn(db, B, [s3, s4]); // s3 is in two schools' classes

  const W1 = await program(db, "workshop", [`robotics${Y}`]);
  const W2 = await program(db, "workshop", [`robotics${Y}`, `coding${Y}`]);
  const T1 = await program(db, "tour", []);

  // Previous quarter: W1p (capacity 2) with s1 and s6 confirmed, both attended.
  const W1p = await session(db, W1, `${Y}-08-10 08:00`, 2);
  const p1 = await registration(db, W1p.id, s1, "confirmed", `${Y}-08-01 10:00`);
  const p6 = await registration(db, W1p.id, s6, "confirmed", `${Y}-08-01 10:00`);
  await mark(db, p1, W1p.meetingId, "attended");
  await mark(db, p6, W1p.meetingId, "attended");

  // W1a: Monday 5 Oct 08:00, capacity 2: s1 confirmed, s2 confirmed (promoted from the waitlist), s3 cancelled,
  // s4 / s7 / s8 waitlisted and never seated in W1, s5 waitlisted but seated in W1b, s6 waitlisted but seated in W1p.
  const W1a = await session(db, W1, `${Y}-10-05 08:00`, 2);
  const a1 = await registration(db, W1a.id, s1, "confirmed", `${Y}-09-20 10:00`);
  const a2 = await registration(db, W1a.id, s2, "confirmed", `${Y}-10-01 00:00`); // first minute of the quarter
  await registration(db, W1a.id, s3, "cancelled", `${Y}-10-02 09:00`);
  await registration(db, W1a.id, s4, "waitlisted", `${Y}-10-03 09:00`);
  await registration(db, W1a.id, s5, "waitlisted", `${Y}-10-03 10:00`);
  await registration(db, W1a.id, s6, "waitlisted", `${Y}-10-04 09:00`);
  await registration(db, W1a.id, s7, "waitlisted", `${Y}-10-04 10:00`);
  await registration(db, W1a.id, s8, "waitlisted", `${Y}-10-04 11:00`);
  await mark(db, a1, W1a.meetingId, "attended");
  await mark(db, a2, W1a.meetingId, "absent");

  // W1b: Tuesday 10 Nov 14:00, capacity 2: s5 confirmed (attended), s6 removed (a mark that must not count).
  const W1b = await session(db, W1, `${Y}-11-10 14:00`, 2);
  const b5 = await registration(db, W1b.id, s5, "confirmed", `${Y}-10-20 09:00`);
  const b6 = await registration(db, W1b.id, s6, "removed", `${Y}-10-21 09:00`);
  await mark(db, b5, W1b.meetingId, "attended");
  await mark(db, b6, W1b.meetingId, "attended");

  // W1c: cancelled session (capacity 10) with s1 still confirmed: counts nowhere but in registrations made.
  const W1c = await session(db, W1, `${Y}-11-15 08:00`, 10, "cancelled");
  await registration(db, W1c.id, s1, "confirmed", `${Y}-10-22 09:00`);

  // W2a: Sunday 20 Dec 18:00, capacity 3: s4 confirmed, absent.
  const W2a = await session(db, W2, `${Y}-12-20 18:00`, 3);
  const c4 = await registration(db, W2a.id, s4, "confirmed", `${Y}-11-25 09:00`);
  await mark(db, c4, W2a.meetingId, "absent");

  // W2b: next quarter (capacity 3): a registration at 23:30 on 31 Dec (in the quarter), one at 00:00 on 1 Jan
  // (not), and one a minute before the quarter began (not).
  const W2b = await session(db, W2, `${N}-01-10 08:00`, 3);
  await registration(db, W2b.id, s6, "confirmed", `${Y}-12-31 23:30`);
  await registration(db, W2b.id, s1, "confirmed", `${N}-01-01 00:00`);
  await registration(db, W2b.id, s2, "confirmed", `${Y}-09-30 23:59`);

  // Course C1 (4 required lessons, 1 optional), enrolments begun in the quarter: s3 nothing done, s2 one lesson,
  // s4 two (half), s5 all (completed 15 Nov), s7 only the optional one. s1 enrolled in September, completed 1 Nov;
  // s6 enrolled and completed in the previous quarter.
  const C1 = await course(db, [`coding${Y}`], 4, 1);
  const r = C1.requiredIds;
  await enrolment(db, C1.programId, s3, `${Y}-10-10 09:00`);
  await enrolment(db, C1.programId, s2, `${Y}-10-11 09:00`, null, [r[0]]);
  await enrolment(db, C1.programId, s4, `${Y}-10-12 09:00`, null, [r[0], r[1]]);
  await enrolment(db, C1.programId, s5, `${Y}-10-13 09:00`, `${Y}-11-15 09:00`, r);
  await enrolment(db, C1.programId, s7, `${Y}-10-14 09:00`, null, C1.optionalIds);
  await enrolment(db, C1.programId, s1, `${Y}-09-15 09:00`, `${Y}-11-01 09:00`, r);
  await enrolment(db, C1.programId, s6, `${Y}-07-01 09:00`, `${Y}-08-20 09:00`, r);

  // Tours: A completed (32 booked, 30 came), B confirmed (not yet taken), C cancelled, E completed last quarter.
  await tourVisit(db, { programId: T1, schoolId: A, startsLocal: `${Y}-11-05 09:00`, status: "completed", students: 32, actual: 30 });
  await tourVisit(db, { programId: T1, schoolId: B, startsLocal: `${Y}-12-10 09:00`, status: "confirmed", students: 40 });
  await tourVisit(db, { programId: T1, schoolId: C, startsLocal: `${Y}-11-20 09:00`, status: "cancelled", students: 20 });
  await tourVisit(db, { programId: T1, schoolId: E, startsLocal: `${Y}-08-12 09:00`, status: "completed", students: 25 });

  // Certificates: s1 course (1 Nov), s5 course revoked, s2 workshop at 00:30 on 1 Nov (Vietnam; 31 Oct in UTC),
  // s4 workshop superseded on 1 Dec and re-issued on 2 Dec, s6 course last quarter.
  await certificate(db, { userId: s1, programId: C1.programId, kind: "course", issuedLocal: `${Y}-11-01 09:00` });
  await certificate(db, { userId: s5, programId: C1.programId, kind: "course", issuedLocal: `${Y}-11-15 09:00`, status: "revoked" });
  await certificate(db, { userId: s2, programId: W1, kind: "workshop", issuedLocal: `${Y}-11-01 00:30` });
  await certificate(db, { userId: s4, programId: W2, kind: "workshop", issuedLocal: `${Y}-12-01 09:00`, status: "superseded" });
  await certificate(db, { userId: s4, programId: W2, kind: "workshop", issuedLocal: `${Y}-12-02 09:00` });
  await certificate(db, { userId: s6, programId: C1.programId, kind: "course", issuedLocal: `${Y}-08-20 09:00` });

  return { schools: { A, B, C, D, E }, students: { s1, s2, s3, s4, s5, s6, s7, s8 }, programs: { W1, W2, T1, C1: C1.programId }, sessions: { W1a, W1b, W2a } };
}
