// The insights' sums per Vietnam day and program (migration 0030, app/insights/daily.server.ts) equal the same
// queries over the source rows after every kind of change the summary's triggers must see: enrolments begun,
// completed, un-completed, moved, progressed and deleted; certificates issued, revoked, moved to another program
// and deleted; registrations made, moved to another session and deleted; a session moved to another program;
// attendance marked, changed and deleted, and marked registrations cancelled, restored and deleted.
// The oracle is each query without the summary (the path a school filter or a period of part days takes).
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { refreshDailySummary, vnDays } from "~/insights/daily.server";
import * as q from "~/insights/queries.server";
import { db } from "~/lib/db.server";
import { buildFixture } from "./fixture";
import { certificate, course, enrolment, mark, program, registration, session, students, vn } from "../helpers/insights";

/** Windows of whole Vietnam days around year Y: a month, a quarter, a school year, a week, one day, a midnight edge. */
function windows(Y: number) {
  return [
    { prevFrom: vn(`${Y}-09-01`), from: vn(`${Y}-10-01`), to: vn(`${Y}-11-01`) },
    { prevFrom: vn(`${Y}-07-01`), from: vn(`${Y}-10-01`), to: vn(`${Y + 1}-01-01`) },
    { prevFrom: vn(`${Y - 1}-09-01`), from: vn(`${Y}-09-01`), to: vn(`${Y + 1}-09-01`) },
    { prevFrom: vn(`${Y}-10-05`), from: vn(`${Y}-10-12`), to: vn(`${Y}-10-19`) },
    { prevFrom: vn(`${Y}-10-31`), from: vn(`${Y}-11-01`), to: vn(`${Y}-11-02`) },
  ];
}

const FILTERS: q.InsightFilters[] = [{}, { kind: "course" }, { kind: "workshop" }, { topic: "daily" }];

async function expectSummaryMatches(Y: number, step: string) {
  const daily = await refreshDailySummary(db);
  for (const w of windows(Y)) {
    const span = { from: w.from, to: w.to };
    for (const f of FILTERS) {
      const at = `${step}: ${w.from}–${w.to} ${JSON.stringify(f)}`;
      expect(await q.coursesCompleted(db, w, f, daily), at).toEqual(await q.coursesCompleted(db, w, f));
      expect(await q.certificatesIssued(db, w, f, daily), at).toEqual(await q.certificatesIssued(db, w, f));
      const byDay = (rows: { day: string; registrations: number }[]) => Object.fromEntries(rows.filter((r) => r.registrations).map((r) => [r.day, r.registrations]));
      expect(byDay(await q.registrationsByDay(db, span, f, daily)), at).toEqual(byDay(await q.registrationsByDay(db, span, f)));
      expect(await q.courseFunnel(db, span, f, daily), at).toEqual(await q.courseFunnel(db, span, f));
      const byMonth = (rows: { month: string; issued: number; revoked: number }[]) =>
        Object.fromEntries(rows.filter((r) => r.issued || r.revoked).map((r) => [r.month, [r.issued, r.revoked]]));
      expect(byMonth(await q.certificatesByMonth(db, span, f, daily)), at).toEqual(byMonth(await q.certificatesByMonth(db, span, f)));
      expect(await q.attendance(db, w, f, daily), at).toEqual(await q.attendance(db, w, f));
      const byHour = (rows: { hour: string; attended: number; absent: number }[]) =>
        Object.fromEntries(rows.filter((r) => r.attended || r.absent).map((r) => [r.hour, [r.attended, r.absent]]));
      expect(byHour(await q.attendanceByHour(db, span, f, daily)), at).toEqual(byHour(await q.attendanceByHour(db, span, f)));
      expect(await q.programFigures(db, span, f, daily), at).toEqual(await q.programFigures(db, span, f));
    }
  }
}

describe("sums per day from the summary", () => {
  it("match the source rows after enrolments, certificates, registrations and sessions change", async () => {
    const Y = 2063;
    await buildFixture(db, Y);
    await expectSummaryMatches(Y, "fixture");

    const [a, b, c] = await students(db, 3);
    const C1 = await course(db, ["daily"], 4);
    const W1 = await program(db, "workshop", ["daily"]);
    const W2 = await program(db, "workshop");
    const s1 = await session(db, W1, `${Y}-10-20 08:00`, 5);
    const s2 = await session(db, W2, `${Y}-11-03 08:00`, 5);
    await enrolment(db, C1.programId, a, `${Y}-10-31 23:59`, null, C1.requiredIds.slice(0, 1)); // the last minute of October, Vietnam time
    await enrolment(db, C1.programId, b, `${Y}-11-01 00:00`, `${Y}-11-20 10:00`, C1.requiredIds);
    await enrolment(db, C1.programId, c, `${Y}-10-12 07:00`, null, C1.requiredIds.slice(0, 2));
    await certificate(db, { userId: b, programId: C1.programId, kind: "course", issuedLocal: `${Y}-11-20 10:00` });
    await certificate(db, { userId: c, programId: W1, kind: "workshop", issuedLocal: `${Y}-10-18 23:30` });
    await registration(db, s1.id, a, "confirmed", `${Y}-10-11 23:59`);
    await registration(db, s1.id, b, "waitlisted", `${Y}-10-12 00:00`);
    await registration(db, s2.id, c, "cancelled", `${Y}-10-31 17:00`);
    await expectSummaryMatches(Y, "new rows");

    // Progress and completion: a reaches half, c completes, b's completion is undone, a's enrolment moves a day.
    await db.updateTable("enrolments").set({ required_done: 2 }).where("user_id", "=", a).execute();
    await db.updateTable("enrolments").set({ completed_at: vn(`${Y}-12-31 23:00`), required_done: 4 }).where("user_id", "=", c).execute();
    await db.updateTable("enrolments").set({ completed_at: null }).where("user_id", "=", b).execute();
    await db.updateTable("enrolments").set({ enrolled_at: vn(`${Y}-11-01 00:00`) }).where("user_id", "=", a).execute();
    await expectSummaryMatches(Y, "progressed, completed, undone, moved");

    // Lessons made optional change the funnel's total, not the summary: still equal.
    await db.updateTable("lessons").set({ required: 0 }).where("id", "in", C1.requiredIds.slice(2)).execute();
    await expectSummaryMatches(Y, "lessons made optional");

    // Certificates: revoked, moved to another program and another day, deleted.
    await db.updateTable("certificates").set({ status: "revoked" }).where("user_id", "=", b).execute();
    await db.updateTable("certificates").set({ program_id: W2, issued_at: vn(`${Y}-10-01 00:00`) }).where("user_id", "=", c).execute();
    await expectSummaryMatches(Y, "revoked and moved");
    await db.deleteFrom("certificates").where("user_id", "=", b).execute();
    await expectSummaryMatches(Y, "certificate deleted");

    // Registrations: moved to another session (another program), made on another day, deleted; a session moves to
    // another program.
    await db.updateTable("workshop_registrations").set({ session_id: s2.id }).where("user_id", "=", b).execute();
    await db.updateTable("workshop_registrations").set({ created_at: vn(`${Y}-10-01 00:00`) }).where("user_id", "=", a).execute();
    await expectSummaryMatches(Y, "registrations moved");
    await db.updateTable("workshop_sessions").set({ program_id: W1 }).where("id", "=", s2.id).execute();
    await expectSummaryMatches(Y, "session moved to another program");
    // Attendance (0033): marks given and changed, a marked registration cancelled and restored, a mark deleted.
    const ra = await db.selectFrom("workshop_registrations").select("id").where("user_id", "=", a).executeTakeFirstOrThrow();
    const s3 = await session(db, W1, `${Y}-10-25 18:00`, 5);
    const ra3 = await registration(db, s3.id, a, "confirmed", `${Y}-10-20 08:00`);
    const rb3 = await registration(db, s3.id, b, "confirmed", `${Y}-10-20 08:00`);
    await mark(db, ra.id, s1.meetingId, "attended");
    await mark(db, ra3, s3.meetingId, "absent");
    await mark(db, rb3, s3.meetingId, "attended");
    await expectSummaryMatches(Y, "marked");
    await db.updateTable("workshop_attendance").set({ status: "attended" }).where("registration_id", "=", ra3).execute();
    await db.updateTable("workshop_registrations").set({ status: "cancelled" }).where("id", "=", rb3).execute();
    await expectSummaryMatches(Y, "mark changed, registration cancelled");
    await db.updateTable("workshop_registrations").set({ status: "confirmed" }).where("id", "=", rb3).execute();
    await db.deleteFrom("workshop_attendance").where("registration_id", "=", ra.id).execute();
    await expectSummaryMatches(Y, "restored, mark deleted");

    await db.deleteFrom("workshop_registrations").where("user_id", "=", c).execute();
    await db.deleteFrom("workshop_registrations").where("id", "=", ra3).execute(); // its mark goes with it
    await db.deleteFrom("enrolments").where("user_id", "=", b).execute();
    await expectSummaryMatches(Y, "deleted");

    // Nothing is left marked once read.
    const marked = await db.selectFrom("insight_dirty_days").select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
    expect(Number(marked.n)).toBe(0);
    expect(await db.selectFrom("meeting_marks_dirty").selectAll().execute()).toEqual([]);
  });

  it("answers only for whole Vietnam days", () => {
    expect(vnDays({ from: vn("2026-10-01"), to: vn("2026-11-01") })).toEqual({ from: "2026-10-01", to: "2026-11-01" });
    expect(vnDays({ from: "2026-09-30T17:00:00.000Z" })).toEqual({ from: "2026-10-01" });
    expect(vnDays({ from: "2026-10-01T00:00:00.000Z" })).toBeNull(); // UTC midnight is 07:00 in Vietnam
    expect(vnDays({ from: "2026-09-30T17:00:00.001Z" })).toBeNull();
  });
});
