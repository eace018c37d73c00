// "Students served" from the summary (migration 0027, app/insights/served.server.ts) equals the count from the
// source rows after every kind of change the summary's triggers must see: seats confirmed, cancelled, moved to
// another month, sessions cancelled and restored, enrolments begun, completed, un-completed, moved and deleted.
// The oracle below reads the source tables directly; the summary's answer comes through the insights' own query.
import { sql, type SqlBool } from "kysely";
import { describe, expect, it } from "vitest";
import type { ProgramKind } from "#db/schema";
import { studentsAndSchoolsServed } from "~/insights/queries.server";
import { schoolYearMasks } from "~/insights/served.server";
import { db } from "~/lib/db.server";
import { buildFixture } from "./fixture";
import { classIn, course, enrolment, program, registration, school, session, students, vn } from "../helpers/insights";

/** Distinct students with a confirmed seat at a scheduled session starting in [from, to), or an enrolment begun or completed then. */
async function servedFromSourceRows(from: string, to: string, kind?: ProgramKind, topic?: string): Promise<Set<number>> {
  const seats = await db
    .selectFrom("workshop_registrations as r")
    .innerJoin("workshop_sessions as s", "s.id", "r.session_id")
    .innerJoin("programs as p", "p.id", "s.program_id")
    .select("r.user_id")
    .where("r.status", "=", "confirmed")
    .where("s.status", "=", "scheduled")
    .where("s.starts_at", ">=", from)
    .where("s.starts_at", "<", to)
    .$if(!!kind, (q) => q.where("p.kind", "=", kind!))
    .$if(!!topic, (q) => q.where(ofTopic(topic!)))
    .execute();
  const enrolled = await db
    .selectFrom("enrolments as e")
    .innerJoin("programs as p", "p.id", "e.program_id")
    .select("e.user_id")
    .where((eb) =>
      eb.or([
        eb.and([eb("e.enrolled_at", ">=", from), eb("e.enrolled_at", "<", to)]),
        eb.and([eb("e.completed_at", ">=", from), eb("e.completed_at", "<", to)]),
      ]),
    )
    .$if(!!kind, (q) => q.where("p.kind", "=", kind!))
    .$if(!!topic, (q) => q.where(ofTopic(topic!)))
    .execute();
  return new Set([...seats, ...enrolled].map((r) => Number(r.user_id)));
}

/** The program (alias p) has the topic. */
const ofTopic = (topic: string) => sql<SqlBool>`exists (select 1 from program_topics pt where pt.program_id = p.id and pt.topic = ${topic})`;

/** Schools with a served student in one of their classes, or a completed tour (of the kind, topic) in [from, to). */
async function schoolsFromSourceRows(served: Set<number>, from: string, to: string, kind?: ProgramKind, topic?: string): Promise<number> {
  const members = await db.selectFrom("class_members as cm").innerJoin("classes as c", "c.id", "cm.class_id").select(["c.school_id", "cm.student_id"]).execute();
  const tours = await db
    .selectFrom("tour_bookings as b")
    .innerJoin("tour_slots as sl", "sl.id", "b.slot_id")
    .innerJoin("programs as p", "p.id", "b.program_id")
    .select("b.school_id")
    .where("b.status", "=", "completed")
    .where("sl.starts_at", ">=", from)
    .where("sl.starts_at", "<", to)
    .$if(!!kind, (q) => q.where("p.kind", "=", kind!))
    .$if(!!topic, (q) => q.where(ofTopic(topic!)))
    .execute();
  const schools = new Set([...members.filter((m) => served.has(Number(m.student_id))), ...tours].map((r) => Number(r.school_id)));
  return schools.size;
}

/** Month-aligned windows of years Y and Y+1: months (July Y to June Y+1), quarters (one across 1 September), school years, a 2-year span. */
function windows(Y: number) {
  const m = (y: number, mo: number) => vn(`${y + Math.floor((mo - 1) / 12)}-${String(((mo - 1) % 12) + 1).padStart(2, "0")}-01`);
  const out: { from: string; to: string }[] = [];
  for (let mo = 7; mo <= 18; mo++) out.push({ from: m(Y, mo), to: m(Y, mo + 1) }); // July Y to June Y+1
  for (let mo = 1; mo <= 22; mo += 3) out.push({ from: m(Y, mo), to: m(Y, mo + 3) });
  out.push({ from: m(Y, 7), to: m(Y, 10) }, { from: m(Y - 1, 9), to: m(Y, 9) }, { from: m(Y, 9), to: m(Y + 1, 9) }, { from: m(Y, 1), to: m(Y + 2, 1) });
  return out;
}

/** Every kind alone, the topic alone and with one kind. */
const FILTERS = (Y: number): { kind?: ProgramKind; topic?: string }[] => [
  {},
  { kind: "course" },
  { kind: "workshop" },
  { kind: "tour" },
  { topic: `served${Y}` },
  { kind: "workshop", topic: `served${Y}` },
];

async function expectSummaryMatches(Y: number, step: string) {
  for (const w of windows(Y)) {
    expect(schoolYearMasks(w.from, w.to), `${w.from} is month-aligned`).not.toBeNull();
    for (const { kind, topic } of FILTERS(Y)) {
      const { students, schools } = await studentsAndSchoolsServed(db, { prevFrom: w.from, from: w.from, to: w.to }, { kind, topic });
      const served = await servedFromSourceRows(w.from, w.to, kind, topic);
      const at = `${step}: ${w.from}–${w.to} ${kind ?? "all"} ${topic ?? "any topic"}`;
      expect(students.cur, at).toBe(served.size);
      expect(schools.cur, `schools ${at}`).toBe(await schoolsFromSourceRows(served, w.from, w.to, kind, topic));
    }
  }
}

describe("students served from the summary", () => {
  it("matches the source rows after seats, sessions and enrolments change", async () => {
    const Y = 2061;
    await buildFixture(db, Y);
    await expectSummaryMatches(Y, "fixture");

    const [a, b, c] = await students(db, 3);
    const W = await program(db, "workshop", [`served${Y}`]);
    const s1 = await session(db, W, `${Y}-08-31 23:30`, 5); // the last half hour of the school year, Vietnam time
    const s2 = await session(db, W, `${Y}-12-01 00:00`, 5);
    const r1 = await registration(db, s1.id, a, "confirmed", `${Y}-08-01 09:00`);
    await registration(db, s2.id, b, "waitlisted", `${Y}-11-01 09:00`);
    const C1 = await course(db, [`served${Y}`], 2);
    await enrolment(db, C1.programId, c, `${Y}-09-01 00:00`, `${Y + 1}-02-28 23:59`);
    await enrolment(db, C1.programId, a, `${Y}-03-15 10:00`);
    await expectSummaryMatches(Y, "new rows");

    // b is promoted, a's seat cancelled, then s2 moves a month back and s1 is cancelled and restored.
    await db.updateTable("workshop_registrations").set({ status: "confirmed", waitlist_position: null }).where("session_id", "=", s2.id).where("user_id", "=", b).execute();
    await db.updateTable("workshop_registrations").set({ status: "cancelled" }).where("id", "=", r1).execute();
    await expectSummaryMatches(Y, "promoted and cancelled");
    await db.updateTable("workshop_sessions").set({ starts_at: vn(`${Y}-11-30 16:00`) }).where("id", "=", s2.id).execute();
    await db.updateTable("workshop_registrations").set({ status: "confirmed" }).where("id", "=", r1).execute();
    await db.updateTable("workshop_sessions").set({ status: "cancelled" }).where("id", "=", s1.id).execute();
    await expectSummaryMatches(Y, "moved and cancelled session");
    await db.updateTable("workshop_sessions").set({ status: "scheduled" }).where("id", "=", s1.id).execute();
    await expectSummaryMatches(Y, "session restored");

    // c's completion is undone, then set in another month; a's enrolment moves, then is deleted.
    await db.updateTable("enrolments").set({ completed_at: null }).where("user_id", "=", c).execute();
    await expectSummaryMatches(Y, "completion undone");
    await db.updateTable("enrolments").set({ completed_at: vn(`${Y + 1}-06-10 08:00`) }).where("user_id", "=", c).execute();
    await db.updateTable("enrolments").set({ enrolled_at: vn(`${Y}-10-01 07:00`) }).where("user_id", "=", a).execute();
    await expectSummaryMatches(Y, "completed later, enrolment moved");
    await db.deleteFrom("enrolments").where("user_id", "=", a).where("program_id", "=", C1.programId).execute();
    await db.deleteFrom("workshop_registrations").where("user_id", "=", b).execute();
    await expectSummaryMatches(Y, "deleted");

    // Topics: the workshop loses the topic, then gets it back; the course gets a second topic (0031's triggers).
    await db.deleteFrom("program_topics").where("program_id", "=", W).where("topic", "=", `served${Y}`).execute();
    await expectSummaryMatches(Y, "topic removed");
    await db.insertInto("program_topics").values({ program_id: W, topic: `served${Y}` }).execute();
    await db.insertInto("program_topics").values({ program_id: C1.programId, topic: `other${Y}` }).execute();
    await expectSummaryMatches(Y, "topics added");

    // Class membership: c joins a class of a new school, a's class moves to another school, then c leaves and
    // a's class is deleted (the schools' summary, migration 0031).
    const S1 = await school(db, { name: `Trường S1 ${Y}` });
    const S2 = await school(db, { name: `Trường S2 ${Y}` });
    const k1 = await classIn(db, S1, [c]);
    const k2 = await classIn(db, S1, [a, b]);
    await expectSummaryMatches(Y, "joined classes");
    await db.updateTable("classes").set({ school_id: S2 }).where("id", "=", k2).execute();
    await expectSummaryMatches(Y, "class moved to another school");
    await db.deleteFrom("class_members").where("class_id", "=", k1).where("student_id", "=", c).execute();
    await db.deleteFrom("class_members").where("class_id", "=", k2).execute();
    await db.deleteFrom("classes").where("id", "=", k2).execute();
    await expectSummaryMatches(Y, "left and deleted");

    // Nothing is left marked once counted, and each student has at most one row per school year.
    const marked = await db.selectFrom("student_served_dirty").select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
    expect(Number(marked.n)).toBe(0);
    expect(await db.selectFrom("school_served_dirty").selectAll().execute()).toEqual([]);
    // The per-mask counts are those of the students' rows, after every change above (0031).
    const all = [
      ...(await db.selectFrom("student_served_years").selectAll().execute()).map((r) => ({ ...r, topic: "" })),
      ...(await db.selectFrom("student_served_topic_years").selectAll().execute()),
    ];
    const expected = new Map<string, number>();
    for (const r of all) {
      for (const [kind, mask] of [["any", r.course_months | r.workshop_months | r.other_months], ["course", r.course_months], ["workshop", r.workshop_months], ["other", r.other_months]] as const) {
        const key = `${r.school_year}/${r.topic}/${kind}/${mask}`;
        if (mask) expected.set(key, (expected.get(key) ?? 0) + 1);
      }
    }
    const counts = await db.selectFrom("student_served_counts").selectAll().execute();
    expect(new Map(counts.map((r) => [`${r.school_year}/${r.topic}/${r.kind}/${r.mask}`, Number(r.students)]))).toEqual(expected);
    const rows = await db.selectFrom("student_served_years").select(["user_id", "school_year", "course_months", "workshop_months", "other_months"]).where("user_id", "in", [a, b, c]).execute();
    const byStudent = (x: number[]) => `${x[0]}`.padStart(9, "0") + `:${x[1]}`;
    expect(rows.map((r) => [Number(r.user_id), r.school_year, r.course_months, r.workshop_months, r.other_months]).sort((x, y) => byStudent(x).localeCompare(byStudent(y)))).toEqual(
      [
        [a, Y - 1, 0, 1 << 11, 0], // s1 at 23:30 on 31 August Y, Vietnam time: August of school year Y-1
        [a, Y, 0, 1 << 13, 0], // … and the August before school year Y (bit 13, migration 0031)
        [c, Y, (1 << 0) | (1 << 9), 0, 0], // enrolled in September Y, completed in June Y+1
      ].sort((x, y) => byStudent(x).localeCompare(byStudent(y))),
    );
  }, 90_000); // many windows × filters × steps, each through the refresh (≈ 20 s on PostgreSQL)

  it("says which periods it can answer: whole Vietnam months only", () => {
    expect(schoolYearMasks(vn("2026-09-01"), vn("2027-09-01"))).toEqual([{ schoolYear: 2026, mask: 0xfff }]);
    // July to September: the July and August before school year 2026 are its bits 12 and 13 (one year's rows).
    expect(schoolYearMasks(vn("2026-07-01"), vn("2026-10-01"))).toEqual([{ schoolYear: 2026, mask: 1 | (1 << 12) | (1 << 13) }]);
    expect(schoolYearMasks(vn("2026-08-01"), vn("2026-09-01"))).toEqual([{ schoolYear: 2025, mask: 1 << 11 }]);
    expect(schoolYearMasks(vn("2026-06-01"), vn("2026-10-01"))).toEqual([
      { schoolYear: 2025, mask: (1 << 9) | (1 << 10) | (1 << 11) },
      { schoolYear: 2026, mask: 1 },
    ]);
    expect(schoolYearMasks(vn("2026-11-01"), vn("2026-12-01"))).toEqual([{ schoolYear: 2026, mask: 1 << 2 }]);
    expect(schoolYearMasks(vn("2026-11-02"), vn("2026-12-01"))).toBeNull();
    expect(schoolYearMasks("2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z")).toBeNull(); // UTC midnight is 07:00 in Vietnam
  });
});
