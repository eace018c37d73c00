// The per-school report (/school/report): what one school's students (members of its classes) did at the centre
// in a period — workshops, courses, tours and certificates — for the school's coordinators and for staff. The
// figures reuse the insights' aggregate queries with the school filter, so the two reports cannot disagree.
// A fixed number of queries whatever the data size: 1 for the schools the user may see, 10 for the report.
import { isStaff, type SessionUser } from "~/auth/roles";
import type { ProgramKind } from "#db/schema";
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { monthsOf, type Period } from "./period";
import * as q from "./queries.server";
import type { HeadlineFigure } from "./insights.server";

/** At most this many tour bookings are listed (a school has a handful per year). */
export const SCHOOL_TOUR_LIMIT = 100;

export interface ReportSchool {
  id: number;
  name: string;
  district: string;
}

/**
 * The schools this user may see the report of: staff every approved school; others the approved schools where they
 * hold an approved coordinator membership. One query.
 */
export async function reportSchoolsFor(db: DB, user: SessionUser): Promise<ReportSchool[]> {
  let query = db.selectFrom("schools as s").select(["s.id", "s.name", "s.district"]).where("s.status", "=", "approved");
  if (!isStaff(user)) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("school_memberships as m")
          .select("m.id")
          .whereRef("m.school_id", "=", "s.id")
          .where("m.user_id", "=", user.id)
          .where("m.role", "=", "coordinator")
          .where("m.status", "=", "approved"),
      ),
    );
  }
  return query.orderBy("s.name").orderBy("s.id").execute();
}

export type SchoolReportRefusal = "notYourSchool" | "unknownSchool";

/**
 * The school the report is about. A coordinator may leave it out when they coordinate one school (the first by
 * name when several); asking for any other school — existing or not — is refused the same way (403), so nothing
 * tells a coordinator which schools exist. Staff choose one (null until they do); an id that is no approved school
 * is a 400 for them.
 */
export function chooseReportSchool(user: SessionUser, schools: ReportSchool[], requested: number | undefined): Result<ReportSchool | null, SchoolReportRefusal> {
  const staff = isStaff(user);
  // null: nothing to show yet (staff choose a school; a coordinator of no school is told so).
  if (requested === undefined) return ok(staff ? null : (schools[0] ?? null));
  const found = schools.find((s) => s.id === requested);
  if (found) return ok(found);
  return refuse(staff ? "unknownSchool" : "notYourSchool");
}

export interface SchoolReportView {
  school: ReportSchool;
  period: Period;
  headline: HeadlineFigure[];
  programs: ProgramFigures[];
  funnel: { enrolled: number; started: number; half: number; completed: number };
  tours: { id: number; startsAt: string; status: string; title: string; students: number; actualStudents: number | null }[];
  certificatesByMonth: { month: string; issued: number; revoked: number }[];
}

export interface ProgramFigures {
  programId: number;
  kind: ProgramKind;
  title: string;
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

export function programFiguresOf(p: q.ProgramFigureRow, locale: Locale): ProgramFigures {
  const { program_id, title_vi: _v, title_en: _e, ...rest } = p;
  return { ...rest, programId: program_id, title: localized(p, "title", locale) };
}

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export async function loadSchoolReport(db: DB, input: { school: ReportSchool; period: Period; locale: Locale }): Promise<SchoolReportView> {
  const { school, period, locale } = input;
  const f: q.InsightFilters = { schoolId: school.id };
  const w: q.Window = { prevFrom: period.previous.from, from: period.from, to: period.to };
  const span: q.Span = { from: period.from, to: period.to };
  const { students } = await q.studentsAndSchoolsServed(db, w, f);
  const seats = await q.seats(db, w, f);
  const att = await q.attendance(db, w, f);
  const completed = await q.coursesCompleted(db, w, f);
  const tours = await q.tourVisitors(db, w, f);
  const certs = await q.certificatesIssued(db, w, f);
  const programs = await q.programFigures(db, span, f);
  const funnel = await q.courseFunnel(db, span, f);
  const tourRows = await q.schoolTours(db, span, school.id, SCHOOL_TOUR_LIMIT);
  const certMonths = await q.certificatesByMonth(db, span, f);

  const count = (key: HeadlineFigure["key"], p: q.Pair): HeadlineFigure => ({ key, format: "count", current: p.cur, previous: p.prev });
  const months = new Map(monthsOf(period.fromDate, period.toDate).map((m) => [m, { month: m, issued: 0, revoked: 0 }]));
  for (const r of certMonths) {
    const m = months.get(r.month);
    if (m) {
      m.issued += r.issued;
      m.revoked += r.revoked;
    }
  }
  return {
    school,
    period,
    headline: [
      count("students", students),
      count("seats", seats.filled),
      { key: "attendanceRate", format: "rate", current: rate(att.attended.cur, att.marked.cur), previous: rate(att.attended.prev, att.marked.prev) },
      count("coursesCompleted", completed),
      count("tourVisits", tours.visits),
      count("tourVisitors", tours.visitors),
      count("certificates", certs),
    ],
    programs: programs.map((p) => programFiguresOf(p, locale)),
    funnel,
    tours: tourRows.map((r) => ({ id: r.id, startsAt: r.starts_at, status: r.status, title: localized(r, "title", locale), students: r.students, actualStudents: r.actual_students })),
    certificatesByMonth: [...months.values()],
  };
}
