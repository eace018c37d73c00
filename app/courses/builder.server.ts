// Staff build courses: the program row (shared catalogue) plus course settings, modules and lessons in order.
// Reordering swaps two positions inside one transaction (positions are unique per parent).
import type { Kysely, Transaction } from "kysely";
import type { Database } from "#db/schema";
import { createProgram, getProgramTopics, getProgramTopicsEn, updateProgram, type ProgramInput } from "~/catalog/programs.server";
import { programInputFromForm } from "~/catalog/staff.server";
import type { DB } from "~/lib/db.server";
import { inTransaction } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { vnLocalToIso } from "~/lib/time";
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

export type SaveCourseRefusal = "slugTaken" | "prerequisiteSelf" | "prerequisiteUnknown" | "capacityBelowEnrolled";

async function prerequisiteRefusal(db: DB, form: CourseForm, selfId: number | null): Promise<SaveCourseRefusal | null> {
  if (!form.prerequisiteProgramId) return null;
  if (form.prerequisiteProgramId === selfId) return "prerequisiteSelf";
  const other = await db.selectFrom("courses").select("program_id").where("program_id", "=", form.prerequisiteProgramId).executeTakeFirst();
  return other ? null : "prerequisiteUnknown";
}

/** A new course (a draft unless told): a program of kind course, so it appears in the shared catalogue once published. */
export async function createCourse(
  db: DB,
  input: { form: CourseForm; status?: ProgramInput["status"]; now: string },
): Promise<Result<number, SaveCourseRefusal>> {
  const { form, now } = input;
  const bad = await prerequisiteRefusal(db, form, null);
  if (bad) return refuse(bad);
  return inTransaction(db, async (trx): Promise<Result<number, SaveCourseRefusal>> => {
    const programId = await createProgram(trx, programInput(form, input.status ?? "draft"));
    if (programId === null) return refuse("slugTaken");
    await trx.insertInto("courses").values({ program_id: programId, ...settings(form), created_at: now, updated_at: now }).execute();
    return ok(programId);
  });
}

export async function updateCourse(db: DB, input: { programId: number; form: CourseForm; now: string }): Promise<Result<number, SaveCourseRefusal>> {
  const { programId, form } = input;
  const bad = await prerequisiteRefusal(db, form, programId);
  if (bad) return refuse(bad);
  return inTransaction(db, async (trx): Promise<Result<number, SaveCourseRefusal>> => {
    const current = await trx
      .selectFrom("programs as p")
      .innerJoin("courses as c", "c.program_id", "p.id")
      .select(["p.status", "c.active_count"])
      .where("p.id", "=", programId)
      .executeTakeFirstOrThrow();
    if (form.capacity != null && form.capacity < current.active_count) return refuse("capacityBelowEnrolled");
    if (!(await updateProgram(trx, programId, programInput(form, current.status)))) return refuse("slugTaken");
    await trx.updateTable("courses").set({ ...settings(form), updated_at: input.now }).where("program_id", "=", programId).execute();
    return ok(programId);
  });
}

export async function getCourseTopics(db: DB, programId: number) {
  return (await getProgramTopics(db, programId)).join(", ");
}

export async function getCourseTopicsEn(db: DB, programId: number) {
  return getProgramTopicsEn(db, programId);
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

/** Deletes a module of this course with its lessons; false when it is not this course's. */
export async function deleteModule(db: DB, input: { programId: number; moduleId: number; now: string }) {
  const { programId } = input;
  return inTransaction(db, async (trx) => {
    const r = await trx.deleteFrom("course_modules").where("id", "=", input.moduleId).where("program_id", "=", programId).executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) return false;
    await recheckCourseCompletions(trx, { programId, now: input.now });
    return true;
  });
}

/** Adds a lesson at the end of a module of this course; null when the module is not this course's. */
export async function addLesson(db: DB, programId: number, input: { moduleId: number; titleVi: string; titleEn?: string; now: string }) {
  return inTransaction(db, async (trx) => {
    const owner = await trx.selectFrom("course_modules").select("id").where("id", "=", input.moduleId).where("program_id", "=", programId).executeTakeFirst();
    if (!owner) return null;
    const position = await nextPosition(trx, "lessons", input.moduleId);
    const now = input.now;
    const row = await trx
      .insertInto("lessons")
      .values({ module_id: input.moduleId, position, title_vi: input.titleVi, title_en: input.titleEn || null, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/** Deletes a lesson of this course; false when it is not this course's. */
export async function deleteLesson(db: DB, input: { programId: number; lessonId: number; now: string }) {
  const { programId } = input;
  return inTransaction(db, async (trx) => {
    const r = await trx
      .deleteFrom("lessons")
      .where("id", "=", input.lessonId)
      .where("module_id", "in", (eb) => eb.selectFrom("course_modules").select("id").where("program_id", "=", programId))
      .executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) return false;
    // Learners who had done every other required lesson have now finished the course.
    await recheckCourseCompletions(trx, { programId, now: input.now });
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
