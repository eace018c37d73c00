// Staff build courses: the program row (shared catalogue) plus course settings, modules and lessons in order.
// Reordering swaps two positions inside one transaction (positions are unique per parent).
import type { Kysely, Transaction } from "kysely";
import type { Database } from "#db/schema";
import { createProgram, getProgramTopics, updateProgram, type ProgramInput } from "~/catalog/programs.server";
import { programInputFromForm } from "~/catalog/staff.server";
import type { DB } from "~/lib/db.server";
import { inTransaction } from "~/lib/db.server";
import { nowIso, vnLocalToIso } from "~/lib/time";
import { recheckCourseCompletions } from "./progress.server";
import type { CourseForm } from "./schemas";

function programInput(form: CourseForm, status?: ProgramInput["status"]): ProgramInput {
  // A course form has no age, fee or cover fields: those stay empty (courses are free and self-paced).
  return programInputFromForm("course", form, status);
}

function settings(form: CourseForm) {
  return {
    enrolment_mode: form.enrolmentMode,
    enrolment_key: form.enrolmentMode === "key" ? (form.enrolmentKey ?? null) : null,
    capacity: form.capacity ?? null,
    enrol_opens_at: form.opensOn ? vnLocalToIso(form.opensOn, "00:00") : null,
    enrol_closes_at: form.closesOn ? new Date(Date.parse(vnLocalToIso(form.closesOn, "00:00")) + 86_400_000 - 1000).toISOString() : null,
    prerequisite_program_id: form.prerequisiteProgramId ?? null,
    estimated_hours: form.estimatedHours ?? null,
  };
}

export type SaveCourseResult = { ok: true; programId: number } | { ok: false; field: "slug" | "prerequisiteProgramId" | "capacity"; error: string };

async function checkPrerequisite(db: DB, form: CourseForm, selfId: number | null): Promise<SaveCourseResult | null> {
  if (!form.prerequisiteProgramId) return null;
  if (form.prerequisiteProgramId === selfId) return { ok: false, field: "prerequisiteProgramId", error: "courses.errors.prerequisiteSelf" };
  const other = await db.selectFrom("courses").select("program_id").where("program_id", "=", form.prerequisiteProgramId).executeTakeFirst();
  return other ? null : { ok: false, field: "prerequisiteProgramId", error: "validation.choice" };
}

/** A new course (draft): a program of kind course, so it appears in the shared catalogue once published. */
export async function createCourse(db: DB, form: CourseForm, status: ProgramInput["status"] = "draft"): Promise<SaveCourseResult> {
  const bad = await checkPrerequisite(db, form, null);
  if (bad) return bad;
  return inTransaction(db, async (trx) => {
    const programId = await createProgram(trx, programInput(form, status));
    if (programId === null) return { ok: false, field: "slug", error: "courses.errors.slugTaken" };
    const now = nowIso();
    await trx.insertInto("courses").values({ program_id: programId, ...settings(form), created_at: now, updated_at: now }).execute();
    return { ok: true, programId };
  });
}

export async function updateCourse(db: DB, programId: number, form: CourseForm): Promise<SaveCourseResult> {
  const bad = await checkPrerequisite(db, form, programId);
  if (bad) return bad;
  return inTransaction(db, async (trx) => {
    const current = await trx
      .selectFrom("programs as p")
      .innerJoin("courses as c", "c.program_id", "p.id")
      .select(["p.status", "c.active_count"])
      .where("p.id", "=", programId)
      .executeTakeFirstOrThrow();
    if (form.capacity != null && form.capacity < current.active_count) return { ok: false, field: "capacity", error: "courses.errors.capacityBelowEnrolled" };
    if (!(await updateProgram(trx, programId, programInput(form, current.status)))) return { ok: false, field: "slug", error: "courses.errors.slugTaken" };
    await trx.updateTable("courses").set({ ...settings(form), updated_at: nowIso() }).where("program_id", "=", programId).execute();
    return { ok: true, programId };
  });
}

export async function listCoursesForStaff(db: DB) {
  return db
    .selectFrom("programs as p")
    .innerJoin("courses as c", "c.program_id", "p.id")
    .select(["p.id", "p.slug", "p.title_vi", "p.title_en", "p.status", "c.enrolment_mode", "c.active_count", "c.capacity"])
    .where("p.kind", "=", "course")
    .orderBy("p.title_vi")
    .execute();
}

export async function getCourseTopics(db: DB, programId: number) {
  return (await getProgramTopics(db, programId)).join(", ");
}

async function nextPosition(trx: Transaction<Database>, table: "course_modules" | "lessons", parentId: number) {
  const row =
    table === "course_modules"
      ? await trx.selectFrom("course_modules").select((eb) => eb.fn.max<number>("position").as("max")).where("program_id", "=", parentId).executeTakeFirst()
      : await trx.selectFrom("lessons").select((eb) => eb.fn.max<number>("position").as("max")).where("module_id", "=", parentId).executeTakeFirst();
  return (row?.max ?? 0) + 1;
}

export async function addModule(db: DB, programId: number, input: { titleVi: string; titleEn?: string }) {
  return inTransaction(db, async (trx) => {
    const position = await nextPosition(trx, "course_modules", programId);
    const row = await trx
      .insertInto("course_modules")
      .values({ program_id: programId, position, title_vi: input.titleVi, title_en: input.titleEn || null })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/** Changes only a module of this course (a forged id of another course changes nothing). */
export async function updateModule(db: DB, programId: number, input: { moduleId: number; titleVi: string; titleEn?: string }) {
  const r = await db
    .updateTable("course_modules")
    .set({ title_vi: input.titleVi, title_en: input.titleEn || null })
    .where("id", "=", input.moduleId)
    .where("program_id", "=", programId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteModule(db: DB, programId: number, moduleId: number) {
  return inTransaction(db, async (trx) => {
    const r = await trx.deleteFrom("course_modules").where("id", "=", moduleId).where("program_id", "=", programId).executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) return false;
    await recheckCourseCompletions(trx, { programId });
    return true;
  });
}

export async function addLesson(db: DB, programId: number, input: { moduleId: number; titleVi: string; titleEn?: string }) {
  return inTransaction(db, async (trx) => {
    const owner = await trx.selectFrom("course_modules").select("id").where("id", "=", input.moduleId).where("program_id", "=", programId).executeTakeFirst();
    if (!owner) return null;
    const position = await nextPosition(trx, "lessons", input.moduleId);
    const now = nowIso();
    const row = await trx
      .insertInto("lessons")
      .values({ module_id: input.moduleId, position, title_vi: input.titleVi, title_en: input.titleEn || null, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

export async function deleteLesson(db: DB, programId: number, lessonId: number) {
  return inTransaction(db, async (trx) => {
    const r = await trx
      .deleteFrom("lessons")
      .where("id", "=", lessonId)
      .where("module_id", "in", (eb) => eb.selectFrom("course_modules").select("id").where("program_id", "=", programId))
      .executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) return false;
    // Learners who had done every other required lesson have now finished the course.
    await recheckCourseCompletions(trx, { programId });
    return true;
  });
}

type Ordered = "course_modules" | "lessons" | "quiz_questions";
const PARENT: Record<Ordered, "program_id" | "module_id" | "quiz_id"> = {
  course_modules: "program_id",
  lessons: "module_id",
  quiz_questions: "quiz_id",
};

/**
 * Swaps a row with its neighbour above or below among the rows of the same parent; false when it is already
 * first/last. Goes through a free temporary position because (parent, position) is unique.
 */
export async function swapWithNeighbour(
  trx: Transaction<Database>,
  table: Ordered,
  me: { id: number; position: number; parentId: number },
  direction: "up" | "down",
): Promise<boolean> {
  // The three tables share id/position and differ only in the parent column's name.
  const t = trx as unknown as Kysely<Record<Ordered, { id: number; position: number; program_id: number; module_id: number; quiz_id: number }>>;
  const other = await t
    .selectFrom(table)
    .select(["id", "position"])
    .where(PARENT[table], "=", me.parentId)
    .where("position", direction === "up" ? "<" : ">", me.position)
    .orderBy("position", direction === "up" ? "desc" : "asc")
    .limit(1)
    .executeTakeFirst();
  if (!other) return false;
  await t.updateTable(table).set({ position: -me.id }).where("id", "=", me.id).execute();
  await t.updateTable(table).set({ position: me.position }).where("id", "=", other.id).execute();
  await t.updateTable(table).set({ position: other.position }).where("id", "=", me.id).execute();
  return true;
}

/** Moves a module up or down in its course. */
export async function moveModule(db: DB, programId: number, moduleId: number, direction: "up" | "down") {
  return inTransaction(db, async (trx) => {
    const me = await trx.selectFrom("course_modules").select(["id", "position"]).where("id", "=", moduleId).where("program_id", "=", programId).executeTakeFirst();
    return me ? swapWithNeighbour(trx, "course_modules", { ...me, parentId: programId }, direction) : false;
  });
}

/** Moves a lesson up or down inside its module. */
export async function moveLesson(db: DB, programId: number, lessonId: number, direction: "up" | "down") {
  return inTransaction(db, async (trx) => {
    const me = await trx
      .selectFrom("lessons as l")
      .innerJoin("course_modules as m", "m.id", "l.module_id")
      .select(["l.id", "l.position", "l.module_id"])
      .where("l.id", "=", lessonId)
      .where("m.program_id", "=", programId)
      .executeTakeFirst();
    return me ? swapWithNeighbour(trx, "lessons", { id: me.id, position: me.position, parentId: me.module_id }, direction) : false;
  });
}
