// The class progress matrix: members down, the class's courses, workshop sessions and completed tours across.
// A fixed number of queries whatever the class size: members, the class's columns, then one batch call per
// capability (courses, workshops, tours) for all members at once.
import type { Locale } from "~/i18n";
import { compareVietnameseNames } from "~/i18n/format";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { getCompletedToursForClasses } from "~/tours/queries.server";
import { getRegistrationStatuses } from "~/workshops/group.server";
import { listMembers } from "./members.server";
import { registrationsBeforeJoining, tourParticipants, visibleCourseProgress } from "./visibility.server";
import type { Cell, Column, MatrixRow, SessionState } from "./progress-types";

export type { Cell, Column, MatrixRow, SessionState };

export function sessionState(r: { status: string; attended: number; absent: number } | undefined): SessionState {
  if (!r) return "none";
  if (r.attended > 0) return "attended";
  if (r.absent > 0) return "absent";
  if (r.status === "waitlisted") return "waitlisted";
  if (r.status === "confirmed") return "confirmed";
  return "cancelled";
}

/** The row total: what counts is progress in courses and attendance already marked. */
export function rowTotal(cells: Cell[]): number | null {
  const scores: number[] = [];
  for (const c of cells) {
    if (c.kind === "course") scores.push(c.percent);
    else if (c.kind === "session" && (c.state === "attended" || c.state === "absent")) scores.push(c.state === "attended" ? 100 : 0);
  }
  if (scores.length === 0) return null;
  return Math.round(scores.reduce((a, b) => a + b, 0) / scores.length);
}

export async function loadClassColumns(db: DB, classId: number, locale: Locale): Promise<Column[]> {
  const [courses, sessions, tours] = await Promise.all([
    db
      .selectFrom("class_courses")
      .innerJoin("programs", "programs.id", "class_courses.program_id")
      .select(["programs.id", "programs.title_vi", "programs.title_en"])
      .where("class_courses.class_id", "=", classId)
      .orderBy("class_courses.created_at")
      .orderBy("programs.id")
      .execute(),
    db
      .selectFrom("class_sessions")
      .innerJoin("workshop_sessions as s", "s.id", "class_sessions.session_id")
      .innerJoin("programs", "programs.id", "s.program_id")
      .select(["s.id", "s.starts_at", "programs.title_vi", "programs.title_en"])
      .where("class_sessions.class_id", "=", classId)
      .orderBy("s.starts_at")
      .orderBy("s.id")
      .execute(),
    getCompletedToursForClasses(db, { classIds: [classId] }),
  ]);
  const tourTitles = tours.length
    ? await db.selectFrom("programs").select(["id", "title_vi", "title_en"]).where("id", "in", [...new Set(tours.map((t) => t.programId))]).execute()
    : [];
  const tourTitle = new Map(tourTitles.map((p) => [p.id, localized(p, "title", locale)]));
  return [
    ...courses.map((c): Column => ({ kind: "course", id: c.id, title: localized(c, "title", locale) })),
    ...sessions.map((s): Column => ({ kind: "session", id: s.id, title: localized(s, "title", locale), startsAt: s.starts_at })),
    ...tours.map((t): Column => ({ kind: "tour", id: t.bookingId, title: tourTitle.get(t.programId) ?? "", startsAt: t.startsAt })),
  ];
}

export async function loadClassProgress(
  db: DB,
  input: { classId: number; locale: Locale; sort?: "name" | "progress"; dir?: "asc" | "desc"; onlyStudentId?: number },
): Promise<{ columns: Column[]; rows: MatrixRow[] }> {
  const [allMembers, columns] = await Promise.all([listMembers(db, input.classId), loadClassColumns(db, input.classId, input.locale)]);
  const members = input.onlyStudentId === undefined ? allMembers : allMembers.filter((m) => m.id === input.onlyStudentId);
  const userIds = members.map((m) => m.id);
  const courseIds = columns.filter((c) => c.kind === "course").map((c) => c.id);
  const sessionIds = columns.filter((c) => c.kind === "session").map((c) => c.id);
  const tourIds = columns.filter((c) => c.kind === "tour").map((c) => c.id);
  // What the teachers may see (visibility.server.ts): the class's activities, from each member's joining.
  const [courseOf, sessionRows, hiddenSessions, onTour] = await Promise.all([
    visibleCourseProgress(db, { classIds: [input.classId], programIds: courseIds, userIds }),
    sessionIds.length && userIds.length ? getRegistrationStatuses(db, { sessionIds, userIds }) : Promise.resolve([]),
    registrationsBeforeJoining(db, { classId: input.classId, sessionIds, userIds }),
    tourParticipants(db, { classId: input.classId, bookingIds: tourIds, userIds }),
  ]);
  const sessionOf = new Map(sessionRows.filter((r) => !hiddenSessions.has(`${r.sessionId}:${r.userId}`)).map((r) => [`${r.sessionId}:${r.userId}`, r]));
  const rows: MatrixRow[] = members.map((m) => {
    const cells = columns.map((col): Cell => {
      if (col.kind === "course") {
        const p = courseOf.get(`${input.classId}:${col.id}:${m.id}`);
        return { kind: "course", percent: p && (p.enrolled || p.completedAt) ? p.percent : 0, enrolled: !!p?.enrolled, completedAt: p?.completedAt ?? null, lastActivityAt: p?.lastActivityAt ?? null };
      }
      if (col.kind === "session") {
        const r = sessionOf.get(`${col.id}:${m.id}`);
        return { kind: "session", state: sessionState(r), position: r?.waitlistPosition ?? null, attended: r?.attended ?? 0, meetings: r?.meetings ?? 0 };
      }
      return { kind: "tour", done: onTour.has(`${col.id}:${m.id}`) };
    });
    return { studentId: m.id, fullName: m.fullName, username: m.username, cells, total: rowTotal(cells) };
  });
  const dir = input.dir === "desc" ? -1 : 1;
  if (input.sort === "progress") {
    rows.sort((a, b) => (a.total === b.total ? compareVietnameseNames(a.fullName, b.fullName) : a.total === null ? 1 : b.total === null ? -1 : dir * (a.total - b.total)));
  } else {
    rows.sort((a, b) => dir * compareVietnameseNames(a.fullName, b.fullName));
  }
  return { columns, rows };
}
