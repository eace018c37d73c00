// The classes panel of /dashboard: teachers see their classes (size, average course progress) and the upcoming
// sessions their classes are registered for, and each class's progress over the last weeks (a small chart);
// students see the classes they belong to. A fixed number of queries.
import type { SessionUser } from "~/auth/roles";
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { canRunClasses } from "./access.server";
import { listJoinedClasses } from "./members.server";
import { classProgressOverTime } from "./progress-chart.server";
import { visibleCourseProgress } from "./visibility.server";

const MAX_CLASSES = 12;

async function teacherPanel(db: DB, userId: number, opts: { locale: Locale; now: string }) {
  const classes = await db
    .selectFrom("classes")
    .innerJoin("class_teachers", (j) => j.onRef("class_teachers.class_id", "=", "classes.id").on("class_teachers.teacher_id", "=", userId))
    .select(["classes.id", "classes.name"])
    .where("classes.archived_at", "is", null)
    .orderBy("classes.name")
    .limit(MAX_CLASSES)
    .execute();
  const classIds = classes.map((c) => c.id);
  if (classIds.length === 0) return { kind: "teacher" as const, classes: [], upcoming: [] };
  const [members, links, upcoming] = await Promise.all([
    db.selectFrom("class_members").select(["class_id", "student_id"]).where("class_id", "in", classIds).execute(),
    db.selectFrom("class_courses").select(["class_id", "program_id"]).where("class_id", "in", classIds).execute(),
    db
      .selectFrom("class_sessions")
      .innerJoin("workshop_sessions as s", "s.id", "class_sessions.session_id")
      .innerJoin("programs", "programs.id", "s.program_id")
      .innerJoin("classes", "classes.id", "class_sessions.class_id")
      .select(["s.id as sessionId", "s.starts_at as startsAt", "programs.title_vi", "programs.title_en", "classes.id as classId", "classes.name as className"])
      .where("class_sessions.class_id", "in", classIds)
      .where("s.starts_at", ">", opts.now)
      .where("s.status", "=", "scheduled")
      .orderBy("s.starts_at")
      .limit(5)
      .execute(),
  ]);
  // The same rule as the class's own pages: its courses, from each member's joining.
  const progress = await visibleCourseProgress(db, {
    classIds,
    programIds: [...new Set(links.map((l) => l.program_id))],
    userIds: [...new Set(members.map((m) => m.student_id))],
  });
  const history = await classProgressOverTime(db, { classIds, links, now: opts.now });
  return {
    kind: "teacher" as const,
    classes: classes.map((c) => {
      const ids = members.filter((m) => m.class_id === c.id).map((m) => m.student_id);
      const programs = links.filter((l) => l.class_id === c.id).map((l) => l.program_id);
      const values = programs.flatMap((p) => ids.map((u) => progress.get(`${c.id}:${p}:${u}`)?.percent ?? 0));
      const average = values.length ? Math.round(values.reduce((a, b) => a + b, 0) / values.length) : null;
      return { id: c.id, name: c.name, members: ids.length, averageProgress: average, history: history.get(c.id) ?? [] };
    }),
    upcoming: upcoming.map((s) => ({
      sessionId: s.sessionId,
      startsAt: s.startsAt,
      title: localized(s, "title", opts.locale),
      classId: s.classId,
      className: s.className,
    })),
  };
}

export async function loadClassesDashboard(db: DB, user: SessionUser, opts: { locale: Locale; now: string }) {
  if (canRunClasses(user)) {
    const panel = await teacherPanel(db, user.id, opts);
    // A coordinator who teaches no class has nothing to see here; a teacher is invited to create one.
    return user.role === "coordinator" && panel.classes.length === 0 ? null : panel;
  }
  if (user.role === "student") {
    const classes = await listJoinedClasses(db, user.id);
    return { kind: "student" as const, classes: classes.filter((c) => !c.archivedAt).map((c) => ({ id: c.id, name: c.name, teacherName: c.teacherName })) };
  }
  return null;
}

export type ClassesDashboardData = Awaited<ReturnType<typeof loadClassesDashboard>>;
