// Courses: settings per program (kind = 'course'), modules, lessons, quizzes, enrolments and progress.
// Frozen once released: Kysely<any>, no imports from app/. Times are ISO-8601 UTC text; booleans are 0/1.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("courses")
    .addColumn("program_id", "integer", (c) => c.primaryKey().references("programs.id").onDelete("cascade"))
    .addColumn("enrolment_mode", "text", (c) => c.notNull().defaultTo("open"))
    // Enrolment keys are low-value shared secrets handed out in class: stored as typed, compared in constant time.
    .addColumn("enrolment_key", "text")
    .addColumn("capacity", "integer")
    // Active enrolments, kept in step by the enrolment functions so capacity is a conditional update.
    .addColumn("active_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("enrol_opens_at", "text")
    .addColumn("enrol_closes_at", "text")
    .addColumn("prerequisite_program_id", "integer", (c) => c.references("programs.id").onDelete("set null"))
    .addColumn("estimated_hours", "real")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("courses_mode_check", sql`enrolment_mode in ('open','key','class_only')`)
    .addCheckConstraint("courses_capacity_check", sql`capacity is null or (capacity >= 0 and active_count <= capacity)`)
    .addCheckConstraint("courses_active_count_check", sql`active_count >= 0`)
    .execute();

  await db.schema
    .createTable("course_modules")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("program_id", "integer", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title_vi", "text", (c) => c.notNull())
    .addColumn("title_en", "text")
    .execute();
  await db.schema.createIndex("course_modules_position_unique").on("course_modules").columns(["program_id", "position"]).unique().execute();

  await db.schema
    .createTable("lessons")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("module_id", "integer", (c) => c.notNull().references("course_modules.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title_vi", "text", (c) => c.notNull())
    .addColumn("title_en", "text")
    .addColumn("content_md_vi", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("content_md_en", "text")
    .addColumn("estimated_minutes", "integer", (c) => c.notNull().defaultTo(10))
    .addColumn("required", "integer", (c) => c.notNull().defaultTo(1))
    // JSON array of {label, url}.
    .addColumn("resources", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("lessons_position_unique").on("lessons").columns(["module_id", "position"]).unique().execute();

  await db.schema
    .createTable("quizzes")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("lesson_id", "integer", (c) => c.notNull().unique().references("lessons.id").onDelete("cascade"))
    .addColumn("pass_percent", "integer", (c) => c.notNull().defaultTo(70))
    .addColumn("max_attempts", "integer")
    .addCheckConstraint("quizzes_pass_check", sql`pass_percent between 0 and 100`)
    .execute();

  await db.schema
    .createTable("quiz_questions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("quiz_id", "integer", (c) => c.notNull().references("quizzes.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("prompt_vi", "text", (c) => c.notNull())
    .addColumn("prompt_en", "text")
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("single"))
    .addCheckConstraint("quiz_questions_kind_check", sql`kind in ('single','multiple')`)
    .execute();
  await db.schema.createIndex("quiz_questions_position_unique").on("quiz_questions").columns(["quiz_id", "position"]).unique().execute();

  await db.schema
    .createTable("quiz_options")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("question_id", "integer", (c) => c.notNull().references("quiz_questions.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("label_vi", "text", (c) => c.notNull())
    .addColumn("label_en", "text")
    .addColumn("is_correct", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("quiz_options_position_unique").on("quiz_options").columns(["question_id", "position"]).unique().execute();

  await db.schema
    .createTable("quiz_attempts")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("quiz_id", "integer", (c) => c.notNull().references("quizzes.id").onDelete("cascade"))
    // 1, 2, 3…: unique per learner and quiz, so the attempts limit cannot be overrun by a double submit.
    .addColumn("attempt_number", "integer", (c) => c.notNull())
    .addColumn("score_percent", "integer", (c) => c.notNull())
    .addColumn("passed", "integer", (c) => c.notNull())
    // JSON object {questionId: [optionId, …]}.
    .addColumn("answers", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("quiz_attempts_number_unique")
    .on("quiz_attempts")
    .columns(["user_id", "quiz_id", "attempt_number"])
    .unique()
    .execute();

  await db.schema
    .createTable("enrolments")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("program_id", "integer", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("source", "text", (c) => c.notNull().defaultTo("self"))
    .addColumn("enrolled_at", "text", (c) => c.notNull())
    .addColumn("left_at", "text")
    .addColumn("last_activity_at", "text")
    .addColumn("completed_at", "text")
    .addCheckConstraint("enrolments_status_check", sql`status in ('active','left')`)
    .addCheckConstraint("enrolments_source_check", sql`source in ('self','class','key')`)
    .execute();
  await db.schema.createIndex("enrolments_unique").on("enrolments").columns(["program_id", "user_id"]).unique().execute();
  await db.schema.createIndex("enrolments_user_idx").on("enrolments").columns(["user_id", "status", "last_activity_at"]).execute();
  await db.schema.createIndex("enrolments_program_idx").on("enrolments").columns(["program_id", "status"]).execute();

  await db.schema
    .createTable("lesson_completions")
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("lesson_id", "integer", (c) => c.notNull().references("lessons.id").onDelete("cascade"))
    .addColumn("completed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("lesson_completions_pk", ["user_id", "lesson_id"])
    .execute();
  await db.schema.createIndex("lesson_completions_lesson_idx").on("lesson_completions").columns(["lesson_id", "user_id"]).execute();
}

export async function down(): Promise<void> {
  // Forward-only: migrations are never rolled back.
}
