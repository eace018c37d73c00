// The aggregate queries of the insights: one query per figure or chart, whatever the amount of data
// (no query per session, per student or per school). Each reads a summary when the period and filters allow
// (served.server.ts, daily.server.ts, unmet.server.ts: ARCHITECTURE.md, "Insights"), else starts from an index on a
// time column (sessions, meetings, enrolments, registrations, slots, certificates); all portable between both stores.
import { sql, type RawBuilder } from "kysely";
import type { ProgramKind } from "#db/schema";
import type { DB } from "~/lib/db.server";
import { vnLocalPrefix } from "~/lib/dialect.server";
import { vnDays, type DailySummary } from "./daily.server";
import { refreshServedSummary, schoolServedBySummary, servedFromSummary } from "./served.server";
import { unmetRowsOverlapping, type UnmetSummary } from "./unmet.server";

export interface InsightFilters {
  kind?: ProgramKind;
  topic?: string;
  schoolId?: number;
}

export interface Span {
  from: string;
  to: string;
}

/** The period and the one before it: [prevFrom, from) and [from, to). */
export interface Window {
  prevFrom: string;
  from: string;
  to: string;
}

type Frag = RawBuilder<unknown>;
const TRUE = sql`1 = 1`;

/** The program (alias p) matches the kind and topic filters. */
function programMatches(f: InsightFilters): Frag {
  const parts: Frag[] = [];
  if (f.kind) parts.push(sql`p.kind = ${f.kind}`);
  if (f.topic) parts.push(sql`exists (select 1 from program_topics pt where pt.program_id = p.id and pt.topic = ${f.topic})`);
  return parts.length ? sql`(${sql.join(parts, sql` and `)})` : TRUE;
}

/**
 * The program (by id) matches the kind and topic filters: nothing to read without those filters; otherwise one
 * primary-key look-up per row (a correlated EXISTS, so the period's time index still drives the query).
 */
function programOk(f: InsightFilters, programColumn: string): Frag {
  if (!f.kind && !f.topic) return TRUE;
  return sql`exists (select 1 from programs p where p.id = ${sql.ref(programColumn)} and ${programMatches(f)})`;
}

/** The same for a workshop session's program. */
function sessionProgramOk(f: InsightFilters, sessionColumn: string): Frag {
  if (!f.kind && !f.topic) return TRUE;
  return sql`exists (select 1 from workshop_sessions s0 join programs p on p.id = s0.program_id where s0.id = ${sql.ref(sessionColumn)} and ${programMatches(f)})`;
}

/**
 * The student is in a class of the filtered school (a student in two schools' classes counts for both): the
 * school's students are listed once per query (IN), not looked up per row.
 */
function studentInSchool(f: InsightFilters, userColumn: string): Frag {
  if (!f.schoolId) return TRUE;
  return sql`${sql.ref(userColumn)} in (select cm.student_id from class_members cm join classes c on c.id = cm.class_id where c.school_id = ${f.schoolId})`;
}

/** The school's students, once each (a student may be in two of its classes): rows (student_id). */
function schoolStudents(schoolId: number): Frag {
  return sql`select distinct cm.student_id from classes c join class_members cm on cm.class_id = c.id where c.school_id = ${schoolId}`;
}

/**
 * The period's bounds as Vietnam days when the day summary (daily.server.ts) can answer: refreshed in this request,
 * whole days, no school filter (the summary has no student dimension; a school's rows are few anyway).
 */
function summaryDays<T extends { [K in keyof T]: string }>(daily: DailySummary | undefined, f: InsightFilters, bounds: T) {
  return daily && !f.schoolId ? vnDays(bounds) : null;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/**
 * Charts per Vietnam day, hour or month: the rows are grouped by the stored time's UTC hour first (a `substr` of
 * the ISO text: cheap per row on both stores), and only those hours are converted to Vietnam time (converting
 * every row cost PostgreSQL 4× the whole read). Vietnam is UTC+7 all year, so an hour never straddles two
 * Vietnam days or months. `inner` selects `h` (the UTC hour) and the counts; the outer query sums them per bucket.
 */
function perVnBucket(db: DB, unit: "month" | "day" | "hour", inner: Frag, sums: string[]): Frag {
  const bucket = vnLocalPrefix(db, sql`x.h || ':00:00.000Z'`, unit);
  return sql`select ${bucket} as bucket, ${sql.join(sums.map((c) => sql`sum(${sql.ref(`x.${c}`)}) as ${sql.ref(c)}`))}
               from (${inner}) x
              group by ${bucket}`;
}

const utcHourOf = (column: string) => sql`substr(${sql.ref(column)}, 1, 13)`;

/**
 * Students served in [from, to): a confirmed seat in a (not cancelled) workshop session starting then, or a course
 * enrolment begun or completed then. Rows (uid); a completion in the same period as its enrolment adds nothing
 * (the enrolment's row already counts the student), so it is left out before the de-duplication.
 */
function servedRows(from: string, to: string, f: InsightFilters): Frag {
  return sql`
    select r.user_id as uid
      from workshop_sessions s
      join workshop_registrations r on r.session_id = s.id
     where s.starts_at >= ${from} and s.starts_at < ${to} and s.status = 'scheduled' and r.status = 'confirmed'
       and ${programOk(f, "s.program_id")} and ${studentInSchool(f, "r.user_id")}
    union all
    select e.user_id as uid
      from enrolments e
     where e.enrolled_at >= ${from} and e.enrolled_at < ${to} and ${programOk(f, "e.program_id")} and ${studentInSchool(f, "e.user_id")}
    union all
    select e.user_id as uid
      from enrolments e
     where e.completed_at >= ${from} and e.completed_at < ${to} and ${programOk(f, "e.program_id")} and ${studentInSchool(f, "e.user_id")}
       and not (e.enrolled_at >= ${from} and e.enrolled_at < ${to})`;
}

/** The student (a column) was served in [from, to), as servedRows counts it: three index look-ups by user. */
function wasServed(userColumn: string, from: string, to: string, f: InsightFilters): Frag {
  const uid = sql.ref(userColumn);
  return sql`(exists (select 1 from workshop_registrations r join workshop_sessions s on s.id = r.session_id
                      where r.user_id = ${uid} and r.status = 'confirmed' and s.status = 'scheduled'
                        and s.starts_at >= ${from} and s.starts_at < ${to} and ${programOk(f, "s.program_id")})
           or exists (select 1 from enrolments e
                      where e.user_id = ${uid} and ${programOk(f, "e.program_id")}
                        and ((e.enrolled_at >= ${from} and e.enrolled_at < ${to}) or (e.completed_at >= ${from} and e.completed_at < ${to}))))`;
}

export interface Pair {
  cur: number;
  prev: number;
}

const pair = (row: Record<string, unknown> | undefined, cur = "cur", prev = "prev"): Pair => ({ cur: num(row?.[cur]), prev: num(row?.[prev]) });

/**
 * Students served (distinct) and schools served (the schools of those students' classes, and the schools whose
 * tour took place), in each period, in one query. Students: from the summary of months served (served.server.ts,
 * refreshed first) when the period is whole months and no topic or school is chosen, else the period's rows
 * de-duplicated. Schools are counted from the schools' side (a few hundred): a school counts as soon as one member
 * of one of its classes was served (a summary or index look-up by user, usually at its first member) or one of its
 * tours took place.
 */
export async function studentsAndSchoolsServed(db: DB, w: Window, f: InsightFilters): Promise<{ students: Pair; schools: Pair }> {
  const school = f.schoolId ? sql`sc.id = ${f.schoolId}` : TRUE;
  // Month-aligned periods without a school filter are counted from the summary (served.server.ts); the rest from
  // the period's rows. A school's students are few: its rows are read through their index.
  const summaryFits = !f.schoolId;
  const summaryCount = (from: string, to: string) => (summaryFits ? servedFromSummary(from, to, f.kind, f.topic) : null);
  const [cur, prev] = [summaryCount(w.from, w.to), summaryCount(w.prevFrom, w.from)];
  if (cur || prev) await refreshServedSummary(db);
  const studentsIn = (summary: Frag | null, from: string, to: string) =>
    summary ?? sql`(select count(distinct x.uid) from (${servedRows(from, to, f)}) x)`;
  // A school's members served: the schools' summary when it fits, else a look-up per member until one was served.
  const membersServed = (from: string, to: string) =>
    (summaryFits ? schoolServedBySummary("sc.id", from, to, f.kind, f.topic) : null) ??
    sql`exists (select 1 from classes c join class_members cm on cm.class_id = c.id
                 where c.school_id = sc.id and ${wasServed("cm.student_id", from, to, f)})`;
  const schoolsIn = (from: string, to: string) => sql`
    (select count(*) from schools sc
      where ${school}
        and (${membersServed(from, to)}
          or exists (select 1 from tour_bookings b join tour_slots sl on sl.id = b.slot_id
                      where b.school_id = sc.id and b.status = 'completed' and sl.starts_at >= ${from} and sl.starts_at < ${to}
                        and ${programOk(f, "b.program_id")})))`;
  const r = await sql<Record<string, number>>`
    select ${studentsIn(cur, w.from, w.to)} as students_cur,
           ${studentsIn(prev, w.prevFrom, w.from)} as students_prev,
           ${schoolsIn(w.from, w.to)} as schools_cur,
           ${schoolsIn(w.prevFrom, w.from)} as schools_prev`.execute(db);
  const row = r.rows[0];
  return { students: pair(row, "students_cur", "students_prev"), schools: pair(row, "schools_cur", "schools_prev") };
}

/**
 * Workshop seats: confirmed seats and capacity of the (not cancelled) sessions starting in each period. Without a
 * school, a session's confirmed seats are its `confirmed_count` (kept in the same transaction as every
 * registration change: app/workshops/waitlist.server.ts), not a count of its registrations per session.
 */
function sessionSeats(w: Window, f: InsightFilters): Frag {
  const sessionsOfPeriod = (alias: string) =>
    sql`${sql.ref(`${alias}.starts_at`)} >= ${w.prevFrom} and ${sql.ref(`${alias}.starts_at`)} < ${w.to} and ${sql.ref(`${alias}.status`)} = 'scheduled'`;
  if (!f.schoolId) {
    return sql`
      select s.id, s.starts_at, s.capacity, p.title_vi, p.title_en, s.confirmed_count as filled
        from workshop_sessions s join programs p on p.id = s.program_id
       where ${sessionsOfPeriod("s")} and ${programMatches(f)}`;
  }
  // The school's seats counted once for all sessions (a per-session count would make PostgreSQL build the school's
  // student list again for every session: 0.5 s at 100k students), from the school's students' own registrations
  // (a few each), not from every registration of the period's sessions (SQLite looked each session up against
  // every student of the school: 175,000 look-ups for two school years at 100k).
  return sql`
    select s.id, s.starts_at, s.capacity, p.title_vi, p.title_en, coalesce(fl.filled, 0) as filled
      from workshop_sessions s join programs p on p.id = s.program_id
      left join (select r.session_id, count(*) as filled
                   from (${schoolStudents(f.schoolId)}) st
                   cross join workshop_registrations r
                   cross join workshop_sessions s4
                  where r.user_id = st.student_id and r.status = 'confirmed' and s4.id = r.session_id and ${sessionsOfPeriod("s4")}
                  group by r.session_id) fl on fl.session_id = s.id
     where ${sessionsOfPeriod("s")} and ${programMatches(f)}`;
}

export async function seats(db: DB, w: Window, f: InsightFilters): Promise<{ filled: Pair; capacity: Pair; sessions: Pair }> {
  const r = await sql<Record<string, number>>`
    select sum(case when x.starts_at >= ${w.from} then x.filled else 0 end) as filled_cur,
           sum(case when x.starts_at < ${w.from} then x.filled else 0 end) as filled_prev,
           sum(case when x.starts_at >= ${w.from} then x.capacity else 0 end) as capacity_cur,
           sum(case when x.starts_at < ${w.from} then x.capacity else 0 end) as capacity_prev,
           sum(case when x.starts_at >= ${w.from} then 1 else 0 end) as sessions_cur,
           sum(case when x.starts_at < ${w.from} then 1 else 0 end) as sessions_prev
      from (${sessionSeats(w, f)}) x`.execute(db);
  const row = r.rows[0];
  return {
    filled: pair(row, "filled_cur", "filled_prev"),
    capacity: pair(row, "capacity_cur", "capacity_prev"),
    sessions: pair(row, "sessions_cur", "sessions_prev"),
  };
}

/** Attendance marks (attended / marked) of confirmed registrations at meetings in each period. */
export async function attendance(db: DB, w: Window, f: InsightFilters, daily?: DailySummary): Promise<{ attended: Pair; marked: Pair }> {
  if (daily && !f.schoolId) {
    // The marks per meeting (daily.server.ts): one row per meeting of the periods.
    const r = await sql<Record<string, number>>`
      select sum(case when m.starts_at >= ${w.from} then x.attended else 0 end) as attended_cur,
             sum(case when m.starts_at < ${w.from} then x.attended else 0 end) as attended_prev,
             sum(case when m.starts_at >= ${w.from} then x.attended + x.absent else 0 end) as marked_cur,
             sum(case when m.starts_at < ${w.from} then x.attended + x.absent else 0 end) as marked_prev
        from workshop_meetings m
        join meeting_marks x on x.meeting_id = m.id
       where m.starts_at >= ${w.prevFrom} and m.starts_at < ${w.to} and ${sessionProgramOk(f, "m.session_id")}`.execute(db);
    const row = r.rows[0];
    return { attended: pair(row, "attended_cur", "attended_prev"), marked: pair(row, "marked_cur", "marked_prev") };
  }
  const r = await sql<Record<string, number>>`
    select sum(case when m.starts_at >= ${w.from} and a.status = 'attended' then 1 else 0 end) as attended_cur,
           sum(case when m.starts_at < ${w.from} and a.status = 'attended' then 1 else 0 end) as attended_prev,
           sum(case when m.starts_at >= ${w.from} then 1 else 0 end) as marked_cur,
           sum(case when m.starts_at < ${w.from} then 1 else 0 end) as marked_prev
      from workshop_meetings m
      join workshop_attendance a on a.meeting_id = m.id
      join workshop_registrations r on r.id = a.registration_id
     where m.starts_at >= ${w.prevFrom} and m.starts_at < ${w.to} and r.status = 'confirmed'
       and ${sessionProgramOk(f, "m.session_id")} and ${studentInSchool(f, "r.user_id")}`.execute(db);
  const row = r.rows[0];
  return { attended: pair(row, "attended_cur", "attended_prev"), marked: pair(row, "marked_cur", "marked_prev") };
}

/** Course enrolments completed in each period. */
export async function coursesCompleted(db: DB, w: Window, f: InsightFilters, daily?: DailySummary): Promise<Pair> {
  const days = summaryDays(daily, f, w);
  if (days) return pairOfDays(db, days, f, "completed");
  const r = await sql<{ cur: number; prev: number }>`
    select sum(case when e.completed_at >= ${w.from} then 1 else 0 end) as cur,
           sum(case when e.completed_at < ${w.from} then 1 else 0 end) as prev
      from enrolments e
     where e.completed_at >= ${w.prevFrom} and e.completed_at < ${w.to} and ${programOk(f, "e.program_id")} and ${studentInSchool(f, "e.user_id")}`.execute(db);
  return pair(r.rows[0]);
}

// The completed tours of a period are read from its slots (the time index), then their bookings: `cross join` keeps
// that order on SQLite, which without statistics started from every completed booking ever (PostgreSQL plans a
// cross join with its join condition in the WHERE clause like any inner join).
/** Tour visitors (the students counted at the visit, else those booked) of completed tours in each period. */
export async function tourVisitors(db: DB, w: Window, f: InsightFilters): Promise<{ visitors: Pair; visits: Pair }> {
  const school = f.schoolId ? sql`b.school_id = ${f.schoolId}` : TRUE;
  const r = await sql<Record<string, number>>`
    select sum(case when sl.starts_at >= ${w.from} then coalesce(b.actual_students, b.students) else 0 end) as visitors_cur,
           sum(case when sl.starts_at < ${w.from} then coalesce(b.actual_students, b.students) else 0 end) as visitors_prev,
           sum(case when sl.starts_at >= ${w.from} then 1 else 0 end) as visits_cur,
           sum(case when sl.starts_at < ${w.from} then 1 else 0 end) as visits_prev
      from tour_slots sl
      cross join tour_bookings b
     where sl.starts_at >= ${w.prevFrom} and sl.starts_at < ${w.to} and b.slot_id = sl.id and b.status = 'completed' and ${programOk(f, "b.program_id")} and ${school}`.execute(db);
  const row = r.rows[0];
  return { visitors: pair(row, "visitors_cur", "visitors_prev"), visits: pair(row, "visits_cur", "visits_prev") };
}

/** A count of the day summary in each period. */
async function pairOfDays(db: DB, days: Window, f: InsightFilters, column: "completed" | "certificates"): Promise<Pair> {
  const n = sql.ref(`x.${column}`);
  const r = await sql<{ cur: number; prev: number }>`
    select sum(case when x.day >= ${days.from} then ${n} else 0 end) as cur,
           sum(case when x.day < ${days.from} then ${n} else 0 end) as prev
      from insight_days x
     where x.day >= ${days.prevFrom} and x.day < ${days.to} and ${programOk(f, "x.program_id")}`.execute(db);
  return pair(r.rows[0]);
}

/** Certificates issued in each period that are still valid (revoked ones and replaced ones do not count). */
export async function certificatesIssued(db: DB, w: Window, f: InsightFilters, daily?: DailySummary): Promise<Pair> {
  const days = summaryDays(daily, f, w);
  if (days) return pairOfDays(db, days, f, "certificates");
  const r = await sql<{ cur: number; prev: number }>`
    select sum(case when ce.status = 'valid' and ce.issued_at >= ${w.from} then 1 else 0 end) as cur,
           sum(case when ce.status = 'valid' and ce.issued_at < ${w.from} then 1 else 0 end) as prev
      from certificates ce
     where ce.issued_at >= ${w.prevFrom} and ce.issued_at < ${w.to}
       and ${programOk(f, "ce.program_id")} and ${studentInSchool(f, "ce.user_id")}`.execute(db);
  return pair(r.rows[0]);
}

// ---- Charts (the current period only) ----

/** Registrations made per Vietnam day (whatever became of them later). */
export async function registrationsByDay(db: DB, s: Span, f: InsightFilters, daily?: DailySummary): Promise<{ day: string; registrations: number }[]> {
  const days = summaryDays(daily, f, s);
  if (days) {
    const r = await sql<{ day: string; n: number }>`
      select x.day, sum(x.registrations) as n
        from insight_days x
       where x.day >= ${days.from} and x.day < ${days.to} and x.registrations > 0 and ${programOk(f, "x.program_id")}
       group by x.day`.execute(db);
    return r.rows.map((x) => ({ day: x.day, registrations: num(x.n) }));
  }
  const h = utcHourOf("r.created_at");
  const inner = sql`
    select ${h} as h, count(*) as n
      from workshop_registrations r
     where r.created_at >= ${s.from} and r.created_at < ${s.to} and ${sessionProgramOk(f, "r.session_id")} and ${studentInSchool(f, "r.user_id")}
     group by ${h}`;
  const r = await sql<{ bucket: string; n: number }>`${perVnBucket(db, "day", inner, ["n"])}`.execute(db);
  return r.rows.map((x) => ({ day: x.bucket, registrations: num(x.n) }));
}

/** Attendance marks per Vietnam hour of the meeting ("2026-10-05 08"): weekly attendance and no-shows by weekday and time. */
export async function attendanceByHour(
  db: DB,
  s: Span,
  f: InsightFilters,
  daily?: DailySummary,
): Promise<{ hour: string; attended: number; absent: number }[]> {
  const h = utcHourOf("m.starts_at");
  const inner =
    daily && !f.schoolId
      ? sql`
    select ${h} as h, sum(x.attended) as attended, sum(x.absent) as absent
      from workshop_meetings m
      join meeting_marks x on x.meeting_id = m.id
     where m.starts_at >= ${s.from} and m.starts_at < ${s.to} and ${sessionProgramOk(f, "m.session_id")}
     group by ${h}`
      : sql`
    select ${h} as h,
           sum(case when a.status = 'attended' then 1 else 0 end) as attended,
           sum(case when a.status = 'absent' then 1 else 0 end) as absent
      from workshop_meetings m
      join workshop_attendance a on a.meeting_id = m.id
      join workshop_registrations r on r.id = a.registration_id
     where m.starts_at >= ${s.from} and m.starts_at < ${s.to} and r.status = 'confirmed'
       and ${sessionProgramOk(f, "m.session_id")} and ${studentInSchool(f, "r.user_id")}
     group by ${h}`;
  const r = await sql<{ bucket: string; attended: number; absent: number }>`${perVnBucket(db, "hour", inner, ["attended", "absent"])}`.execute(db);
  return r.rows.map((x) => ({ hour: x.bucket, attended: num(x.attended), absent: num(x.absent) }));
}

export interface SessionFillRow {
  id: number;
  starts_at: string;
  capacity: number;
  filled: number;
  title_vi: string;
  title_en: string | null;
}

/** Sessions of the period, fullest first (at most `limit`). */
export async function sessionFill(db: DB, s: Span, f: InsightFilters, limit: number): Promise<SessionFillRow[]> {
  const w: Window = { prevFrom: s.from, from: s.from, to: s.to };
  const r = await sql<SessionFillRow>`
    select x.id, x.starts_at, x.capacity, x.filled, x.title_vi, x.title_en
      from (${sessionSeats(w, f)}) x
     order by (x.filled * 1.0) / (case when x.capacity > 0 then x.capacity else 1 end) desc, x.starts_at, x.id
     limit ${limit}`.execute(db);
  return r.rows.map((x) => ({ ...x, id: num(x.id), capacity: num(x.capacity), filled: num(x.filled) }));
}

/**
 * Waitlisted registrations at sessions of the period whose student never got a seat at any session of the same
 * program (promoted ones are confirmed, so they are not here).
 */
function unmetRows(s: Span, f: InsightFilters, extraJoin: Frag = sql``): Frag {
  return sql`
    from workshop_sessions s
    join workshop_registrations r on r.session_id = s.id
    join programs p on p.id = s.program_id
    ${extraJoin}
   where s.starts_at >= ${s.from} and s.starts_at < ${s.to} and r.status = 'waitlisted'
     and ${programMatches(f)} and ${studentInSchool(f, "r.user_id")}
     and not exists (
       select 1 from workshop_registrations r2 join workshop_sessions s2 on s2.id = r2.session_id
        where r2.user_id = r.user_id and r2.status = 'confirmed' and s2.program_id = s.program_id)`;
}

export interface UnmetProgramRow {
  program_id: number;
  title_vi: string;
  title_en: string | null;
  unmet: number;
  typical_capacity: number;
}

/** The average capacity of a program's (alias p) scheduled sessions. */
const programTypicalCapacity = sql`(select avg(s3.capacity) from workshop_sessions s3 where s3.program_id = p.id and s3.status = 'scheduled')`;

/** Unmet demand per program, with the program's typical (average) session capacity. */
export async function unmetByProgram(db: DB, s: Span, f: InsightFilters, unmet?: UnmetSummary): Promise<UnmetProgramRow[]> {
  const rows = unmet && !f.schoolId ? unmetRowsOverlapping(s.from, s.to) : null;
  if (rows) {
    const r = await sql<UnmetProgramRow>`
      select p.id as program_id, p.title_vi, p.title_en, x.unmet, ${programTypicalCapacity} as typical_capacity
        from (${
          rows.oneYear
            ? sql`select u.program_id, sum(u.students) as unmet from unmet_program_counts u where ${rows.where} group by u.program_id`
            : sql`select u.program_id, count(distinct u.user_id) as unmet from unmet_years u where ${rows.where} group by u.program_id`
        }) x
        join programs p on p.id = x.program_id
       where ${programMatches(f)}
       order by x.unmet desc, p.id`.execute(db);
    return r.rows.map((x) => ({ ...x, program_id: num(x.program_id), unmet: num(x.unmet), typical_capacity: num(x.typical_capacity) }));
  }
  const r = await sql<UnmetProgramRow>`
    select p.id as program_id, p.title_vi, p.title_en, count(distinct r.user_id) as unmet, ${programTypicalCapacity} as typical_capacity
    ${unmetRows(s, f)}
     group by p.id, p.title_vi, p.title_en
     order by count(distinct r.user_id) desc, p.id`.execute(db);
  return r.rows.map((x) => ({ ...x, program_id: num(x.program_id), unmet: num(x.unmet), typical_capacity: num(x.typical_capacity) }));
}

/** The average capacity of the scheduled sessions of a topic's (alias t) programs. */
const topicTypicalCapacity = sql`(select avg(s3.capacity) from workshop_sessions s3 join program_topics t3 on t3.program_id = s3.program_id
                                   where t3.topic = t.topic and s3.status = 'scheduled')`;

/** Unmet demand per topic (a student waiting for two programs of one topic counts once for it). */
export async function unmetByTopic(
  db: DB,
  s: Span,
  f: InsightFilters,
  unmet?: UnmetSummary,
): Promise<{ topic: string; name_en: string | null; unmet: number; typical_capacity: number }[]> {
  // The summary's topic rows merge a student's programs of the topic (of any kind, or of one): a topic filter, which
  // keeps only programs that also have that topic, is read from the source rows.
  const rows = unmet && !f.schoolId && !f.topic ? unmetRowsOverlapping(s.from, s.to) : null;
  if (rows) {
    const r = await sql<{ topic: string; name_en: string | null; unmet: number; typical_capacity: number }>`
      select t.topic, tn.name_en, t.unmet, ${topicTypicalCapacity} as typical_capacity
        from (${
          rows.oneYear
            ? sql`select u.topic, sum(u.students) as unmet from unmet_topic_counts u where u.kind = ${f.kind ?? "any"} and ${rows.where} group by u.topic`
            : sql`select u.topic, count(distinct u.user_id) as unmet from unmet_topic_years u where u.kind = ${f.kind ?? "any"} and ${rows.where} group by u.topic`
        }) t
        left join topics tn on tn.topic = t.topic
       order by t.unmet desc, t.topic`.execute(db);
    return r.rows.map((x) => ({ topic: x.topic, name_en: x.name_en ?? null, unmet: num(x.unmet), typical_capacity: num(x.typical_capacity) }));
  }
  const r = await sql<{ topic: string; name_en: string | null; unmet: number; typical_capacity: number }>`
    select t.topic, max(tn.name_en) as name_en, count(distinct r.user_id) as unmet, ${topicTypicalCapacity} as typical_capacity
    ${unmetRows(s, f, sql`join program_topics t on t.program_id = p.id left join topics tn on tn.topic = t.topic`)}
     group by t.topic
     order by count(distinct r.user_id) desc, t.topic`.execute(db);
  return r.rows.map((x) => ({ topic: x.topic, name_en: x.name_en ?? null, unmet: num(x.unmet), typical_capacity: num(x.typical_capacity) }));
}

/** Required lessons per course (the funnel's "half" compares with the current total). */
const requiredTotals = sql`select cm2.program_id, count(*) as total from lessons l2 join course_modules cm2 on cm2.id = l2.module_id
                            where l2.required = 1 group by cm2.program_id`;

/**
 * The course funnel of the enrolments begun in the period: enrolled → started (a required lesson done) →
 * half (at least half of the required lessons) → completed. A completed enrolment counts at every step.
 * Required lessons done come from `enrolments.required_done` (the learner's completed required lessons of the
 * course, kept in the same transaction as completions and lesson changes: app/courses/progress.server.ts), so the
 * period's enrolments are read from one covering index (0026) instead of counting completions per enrolment.
 */
export async function courseFunnel(
  db: DB,
  s: Span,
  f: InsightFilters,
  daily?: DailySummary,
): Promise<{ enrolled: number; started: number; half: number; completed: number }> {
  const days = summaryDays(daily, f, s);
  if (days) {
    // The same sums over the summary's groups of enrolments (day, program, required lessons done, completed).
    const r = await sql<Record<string, number>>`
      select sum(x.enrolments) as enrolled,
             sum(case when x.completed = 1 or x.required_done > 0 then x.enrolments else 0 end) as started,
             sum(case when x.completed = 1 or (coalesce(tot.total, 0) > 0 and x.required_done * 2 >= coalesce(tot.total, 0)) then x.enrolments else 0 end) as half,
             sum(case when x.completed = 1 then x.enrolments else 0 end) as completed
        from insight_funnel_days x
        join programs p on p.id = x.program_id
        left join (${requiredTotals}) tot on tot.program_id = x.program_id
       where x.day >= ${days.from} and x.day < ${days.to} and p.kind = 'course' and ${programMatches(f)}`.execute(db);
    const row = r.rows[0];
    return { enrolled: num(row?.enrolled), started: num(row?.started), half: num(row?.half), completed: num(row?.completed) };
  }
  const r = await sql<Record<string, number>>`
    select count(*) as enrolled,
           sum(case when e.completed_at is not null or e.required_done > 0 then 1 else 0 end) as started,
           sum(case when e.completed_at is not null or (coalesce(tot.total, 0) > 0 and e.required_done * 2 >= coalesce(tot.total, 0)) then 1 else 0 end) as half,
           sum(case when e.completed_at is not null then 1 else 0 end) as completed
      from enrolments e
      join programs p on p.id = e.program_id
      left join (${requiredTotals}) tot on tot.program_id = e.program_id
     where e.enrolled_at >= ${s.from} and e.enrolled_at < ${s.to} and p.kind = 'course'
       and ${programMatches(f)} and ${studentInSchool(f, "e.user_id")}`.execute(db);
  const row = r.rows[0];
  return { enrolled: num(row?.enrolled), started: num(row?.started), half: num(row?.half), completed: num(row?.completed) };
}

/** Completed tours of the period per school (most visitors first, at most `limit`). */
export async function toursBySchool(
  db: DB,
  s: Span,
  f: InsightFilters,
  limit: number,
): Promise<{ school_id: number; name: string; district: string; visits: number; visitors: number }[]> {
  const school = f.schoolId ? sql`b.school_id = ${f.schoolId}` : TRUE;
  const r = await sql<{ school_id: number; name: string; district: string; visits: number; visitors: number }>`
    select sc.id as school_id, sc.name, sc.district, count(*) as visits, sum(coalesce(b.actual_students, b.students)) as visitors
      from tour_slots sl
      cross join tour_bookings b
      join programs p on p.id = b.program_id
      join schools sc on sc.id = b.school_id
     where sl.starts_at >= ${s.from} and sl.starts_at < ${s.to} and b.slot_id = sl.id and b.status = 'completed' and ${programMatches(f)} and ${school}
     group by sc.id, sc.name, sc.district
     order by sum(coalesce(b.actual_students, b.students)) desc, sc.name
     limit ${limit}`.execute(db);
  return r.rows.map((x) => ({ ...x, school_id: num(x.school_id), visits: num(x.visits), visitors: num(x.visitors) }));
}

/** Completed tours of the period per district (or ward) of the school. */
export async function toursByDistrict(db: DB, s: Span, f: InsightFilters): Promise<{ district: string; schools: number; visits: number; visitors: number }[]> {
  const school = f.schoolId ? sql`b.school_id = ${f.schoolId}` : TRUE;
  const r = await sql<{ district: string; schools: number; visits: number; visitors: number }>`
    select sc.district, count(distinct sc.id) as schools, count(*) as visits, sum(coalesce(b.actual_students, b.students)) as visitors
      from tour_slots sl
      cross join tour_bookings b
      join programs p on p.id = b.program_id
      join schools sc on sc.id = b.school_id
     where sl.starts_at >= ${s.from} and sl.starts_at < ${s.to} and b.slot_id = sl.id and b.status = 'completed' and ${programMatches(f)} and ${school}
     group by sc.district
     order by sum(coalesce(b.actual_students, b.students)) desc, sc.district`.execute(db);
  return r.rows.map((x) => ({ district: x.district, schools: num(x.schools), visits: num(x.visits), visitors: num(x.visitors) }));
}

/**
 * Approved schools with no tour taken or confirmed in the period (first `limit` by name, and how many in all): the
 * period's visiting schools are read once from its slots, not looked up again for every school.
 */
export async function schoolsNotVisited(
  db: DB,
  s: Span,
  f: InsightFilters,
  limit: number,
): Promise<{ total: number; rows: { id: number; name: string; district: string }[] }> {
  const school = f.schoolId ? sql`sc.id = ${f.schoolId}` : TRUE;
  const r = await sql<{ id: number; name: string; district: string; total: number }>`
    select sc.id, sc.name, sc.district, count(*) over () as total
      from schools sc
     where sc.status = 'approved' and ${school}
       and sc.id not in (
         select b.school_id from tour_slots sl
           cross join tour_bookings b
           join programs p on p.id = b.program_id
          where sl.starts_at >= ${s.from} and sl.starts_at < ${s.to} and b.slot_id = sl.id and b.status in ('confirmed', 'completed')
            and b.school_id is not null and ${programMatches(f)})
     order by sc.name, sc.id
     limit ${limit}`.execute(db);
  return { total: num(r.rows[0]?.total), rows: r.rows.map((x) => ({ id: num(x.id), name: x.name, district: x.district })) };
}

/** Certificates issued per Vietnam month of the period: still valid, and since revoked. */
export async function certificatesByMonth(
  db: DB,
  s: Span,
  f: InsightFilters,
  daily?: DailySummary,
): Promise<{ month: string; issued: number; revoked: number }[]> {
  const days = summaryDays(daily, f, s);
  if (days) {
    const r = await sql<{ month: string; issued: number; revoked: number }>`
      select substr(x.day, 1, 7) as month, sum(x.certificates) as issued, sum(x.revoked) as revoked
        from insight_days x
       where x.day >= ${days.from} and x.day < ${days.to} and (x.certificates > 0 or x.revoked > 0) and ${programOk(f, "x.program_id")}
       group by substr(x.day, 1, 7)`.execute(db);
    return r.rows.map((x) => ({ month: x.month, issued: num(x.issued), revoked: num(x.revoked) }));
  }
  const h = utcHourOf("ce.issued_at");
  const inner = sql`
    select ${h} as h,
           sum(case when ce.status = 'valid' then 1 else 0 end) as issued,
           sum(case when ce.status = 'revoked' then 1 else 0 end) as revoked
      from certificates ce
     where ce.issued_at >= ${s.from} and ce.issued_at < ${s.to} and ${programOk(f, "ce.program_id")} and ${studentInSchool(f, "ce.user_id")}
     group by ${h}`;
  const r = await sql<{ bucket: string; issued: number; revoked: number }>`${perVnBucket(db, "month", inner, ["issued", "revoked"])}`.execute(db);
  return r.rows.map((x) => ({ month: x.bucket, issued: num(x.issued), revoked: num(x.revoked) }));
}

// ---- Filter choices ----

/** The centre's topics with their English names (issue 19), one query. */
export async function topicChoices(db: DB): Promise<{ topic: string; nameEn: string | null }[]> {
  const rows = await db
    .selectFrom("program_topics as pt")
    .leftJoin("topics as tn", "tn.topic", "pt.topic")
    .select(["pt.topic", "tn.name_en"])
    .distinct()
    .orderBy("pt.topic")
    .execute();
  return rows.map((r) => ({ topic: r.topic, nameEn: r.name_en?.trim() || null }));
}

export async function schoolChoices(db: DB): Promise<{ id: number; name: string }[]> {
  return db.selectFrom("schools").select(["id", "name"]).where("status", "=", "approved").orderBy("name").orderBy("id").execute();
}

// ---- The school report (a coordinator's own school) ----

export interface ProgramFigureRow {
  program_id: number;
  kind: ProgramKind;
  title_vi: string;
  title_en: string | null;
  students: number;
  seats: number;
  capacity: number;
  attended: number;
  marked: number;
  completed: number;
  certificates: number;
  visits: number;
  visitors: number;
}

/**
 * Per program, what happened in the period (for the filtered students): distinct students with a seat or a course
 * begun or finished, confirmed seats and capacity of (not cancelled) sessions, attendance marks, courses completed,
 * certificates still valid, completed tours and their visitors. One query over all programs: each part is
 * aggregated per program from its period index, then the parts are summed per program (no sort or distinct over
 * every row of the period). A student has at most one enrolment per program, so enrolments are counted, not
 * de-duplicated; a seat adds a student only when the student has no enrolment of the program counted in the
 * period. With a school filter, capacity is the whole sessions' (not the school's). (SQLite has no statistics:
 * the sessions are joined first with CROSS JOIN, and the certificates' status is summed, not filtered, so the
 * period's time index drives each part.)
 */
export async function programFigures(db: DB, s: Span, f: InsightFilters, daily?: DailySummary): Promise<ProgramFigureRow[]> {
  const bookingSchool = f.schoolId ? sql`b.school_id = ${f.schoolId}` : TRUE;
  const enrolledIn = (alias: string) => sql`(${sql.ref(`${alias}.enrolled_at`)} >= ${s.from} and ${sql.ref(`${alias}.enrolled_at`)} < ${s.to})`;
  const completedIn = (alias: string) => sql`(${sql.ref(`${alias}.completed_at`)} >= ${s.from} and ${sql.ref(`${alias}.completed_at`)} < ${s.to})`;
  // With the summaries (daily.server.ts): enrolments begun (a student each), all completions of the period,
  // valid certificates and attendance marks per program; only the completions of enrolments begun before the period
  // (a student each) and the seats are read from the source rows.
  const days = summaryDays(daily, f, s);
  const enrolmentsAndCertificates = days
    ? sql`
        select x.program_id as pid, sum(x.enrolled) as students, 0 as seats, 0 as capacity, 0 as attended, 0 as marked,
               sum(x.completed) as done, sum(x.certificates) as certs, 0 as visits, 0 as visitors
          from insight_days x
         where x.day >= ${days.from} and x.day < ${days.to}
         group by x.program_id
        union all
        select e.program_id, count(*), 0, 0, 0, 0, 0, 0, 0, 0
          from enrolments e
         where ${completedIn("e")} and not ${enrolledIn("e")}
         group by e.program_id`
    : sql`
        select e.program_id as pid, count(*) as students, 0 as seats, 0 as capacity, 0 as attended, 0 as marked,
               sum(case when ${completedIn("e")} then 1 else 0 end) as done, 0 as certs, 0 as visits, 0 as visitors
          from enrolments e
         where ${enrolledIn("e")} and ${studentInSchool(f, "e.user_id")}
         group by e.program_id
        union all
        select e.program_id, count(*), 0, 0, 0, 0, count(*), 0, 0, 0
          from enrolments e
         where ${completedIn("e")} and not ${enrolledIn("e")} and ${studentInSchool(f, "e.user_id")}
         group by e.program_id
        union all
        select ce.program_id, 0, 0, 0, 0, 0, 0, sum(case when ce.status = 'valid' then 1 else 0 end), 0, 0
          from certificates ce
         where ce.issued_at >= ${s.from} and ce.issued_at < ${s.to} and ${studentInSchool(f, "ce.user_id")}
         group by ce.program_id`;
  const attendance =
    daily && !f.schoolId
      ? sql`
        select s.program_id, 0, 0, 0, sum(mm.attended), sum(mm.attended + mm.absent), 0, 0, 0, 0
          from workshop_meetings m
          join meeting_marks mm on mm.meeting_id = m.id
          join workshop_sessions s on s.id = m.session_id
         where m.starts_at >= ${s.from} and m.starts_at < ${s.to}
         group by s.program_id`
      : sql`
        select s.program_id, 0, 0, 0, sum(case when a.status = 'attended' then 1 else 0 end), count(*), 0, 0, 0, 0
          from workshop_meetings m
          join workshop_attendance a on a.meeting_id = m.id
          join workshop_registrations r on r.id = a.registration_id
          join workshop_sessions s on s.id = m.session_id
         where m.starts_at >= ${s.from} and m.starts_at < ${s.to} and r.status = 'confirmed' and ${studentInSchool(f, "r.user_id")}
         group by s.program_id`;
  const r = await sql<ProgramFigureRow>`
    select p.id as program_id, p.kind, p.title_vi, p.title_en,
           sum(x.students) as students, sum(x.seats) as seats, sum(x.capacity) as capacity, sum(x.attended) as attended,
           sum(x.marked) as marked, sum(x.done) as completed, sum(x.certs) as certificates, sum(x.visits) as visits,
           sum(x.visitors) as visitors
      from (
        ${enrolmentsAndCertificates}
        union all
        select s.program_id,
               count(distinct case when not exists (
                   select 1 from enrolments e2
                    where e2.program_id = s.program_id and e2.user_id = r.user_id and (${enrolledIn("e2")} or ${completedIn("e2")}))
                 then r.user_id end),
               count(*), 0, 0, 0, 0, 0, 0, 0
          from workshop_sessions s cross join workshop_registrations r
         where r.session_id = s.id and s.starts_at >= ${s.from} and s.starts_at < ${s.to} and s.status = 'scheduled' and r.status = 'confirmed'
           and ${studentInSchool(f, "r.user_id")}
         group by s.program_id
        union all
        select s.program_id, 0, 0, sum(s.capacity), 0, 0, 0, 0, 0, 0
          from workshop_sessions s
         where s.starts_at >= ${s.from} and s.starts_at < ${s.to} and s.status = 'scheduled'
         group by s.program_id
        union all
        ${attendance}
        union all
        select b.program_id, 0, 0, 0, 0, 0, 0, 0, count(*), sum(coalesce(b.actual_students, b.students))
          from tour_slots sl join tour_bookings b on b.slot_id = sl.id
         where sl.starts_at >= ${s.from} and sl.starts_at < ${s.to} and b.status = 'completed' and ${bookingSchool}
         group by b.program_id
      ) x
      join programs p on p.id = x.pid
     where ${programMatches(f)}
     group by p.id, p.kind, p.title_vi, p.title_en
    having sum(x.students) + sum(x.seats) + sum(x.marked) + sum(x.certs) + sum(x.visits) > 0 or ${f.schoolId ? sql`1 = 0` : sql`sum(x.capacity) > 0`}
     order by p.kind, p.title_vi, p.id`.execute(db);
  return r.rows.map((x) => ({
    ...x,
    program_id: num(x.program_id),
    students: num(x.students),
    seats: num(x.seats),
    capacity: num(x.capacity),
    attended: num(x.attended),
    marked: num(x.marked),
    completed: num(x.completed),
    certificates: num(x.certificates),
    visits: num(x.visits),
    visitors: num(x.visitors),
  }));
}

export interface SchoolTourRow {
  id: number;
  starts_at: string;
  status: string;
  students: number;
  actual_students: number | null;
  title_vi: string;
  title_en: string | null;
}

/** The school's tour bookings taking place in the period (cancelled and declined ones left out), first first. */
export async function schoolTours(db: DB, s: Span, schoolId: number, limit: number): Promise<SchoolTourRow[]> {
  const r = await sql<SchoolTourRow>`
    select b.id, sl.starts_at, b.status, b.students, b.actual_students, p.title_vi, p.title_en
      from tour_slots sl
      join tour_bookings b on b.slot_id = sl.id
      join programs p on p.id = b.program_id
     where sl.starts_at >= ${s.from} and sl.starts_at < ${s.to} and b.school_id = ${schoolId}
       and b.status in ('requested', 'confirmed', 'completed')
     order by sl.starts_at, b.id
     limit ${limit}`.execute(db);
  return r.rows.map((x) => ({ ...x, id: num(x.id), students: num(x.students), actual_students: x.actual_students === null ? null : num(x.actual_students) }));
}
