// Classes run by teachers: created early because tour bookings (0005) link to them.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("classes")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("school_id", "integer", (c) => c.notNull().references("schools.id"))
    .addColumn("grade", "integer")
    .addColumn("school_year", "text", (c) => c.notNull())
    .addColumn("owner_id", "integer", (c) => c.notNull().references("users.id"))
    // Short code of unambiguous characters; NULL when joining by code is switched off.
    .addColumn("join_code", "text")
    .addColumn("archived_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("classes_join_code_unique").on("classes").column("join_code").unique().execute();
  await db.schema.createIndex("classes_owner_idx").on("classes").columns(["owner_id", "archived_at"]).execute();
  await db.schema.createIndex("classes_school_idx").on("classes").column("school_id").execute();

  // Owner and co-teachers: who may see and manage the class.
  await db.schema
    .createTable("class_teachers")
    .addColumn("class_id", "integer", (c) => c.notNull().references("classes.id").onDelete("cascade"))
    .addColumn("teacher_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().defaultTo("co_teacher"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("class_teachers_pk", ["class_id", "teacher_id"])
    .addCheckConstraint("class_teachers_role_check", sql`role in ('owner','co_teacher')`)
    .execute();
  await db.schema.createIndex("class_teachers_teacher_idx").on("class_teachers").columns(["teacher_id", "class_id"]).execute();

  await db.schema
    .createTable("class_members")
    .addColumn("class_id", "integer", (c) => c.notNull().references("classes.id").onDelete("cascade"))
    .addColumn("student_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("joined_via", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("class_members_pk", ["class_id", "student_id"])
    .addCheckConstraint("class_members_via_check", sql`joined_via in ('code','email','created','teacher')`)
    .execute();
  await db.schema.createIndex("class_members_student_idx").on("class_members").columns(["student_id", "class_id"]).execute();

  // Accounts a teacher created for students without email: who may reset their password.
  await db.schema
    .createTable("managed_accounts")
    .addColumn("student_id", "integer", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("managed_accounts_creator_idx").on("managed_accounts").column("created_by").execute();

  // What the class was enrolled in as a class: the columns of its progress matrix.
  await db.schema
    .createTable("class_courses")
    .addColumn("class_id", "integer", (c) => c.notNull().references("classes.id").onDelete("cascade"))
    .addColumn("program_id", "integer", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("added_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("class_courses_pk", ["class_id", "program_id"])
    .execute();
  await db.schema.createIndex("class_courses_program_idx").on("class_courses").column("program_id").execute();

  await db.schema
    .createTable("class_sessions")
    .addColumn("class_id", "integer", (c) => c.notNull().references("classes.id").onDelete("cascade"))
    .addColumn("session_id", "integer", (c) => c.notNull().references("workshop_sessions.id").onDelete("cascade"))
    .addColumn("added_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("class_sessions_pk", ["class_id", "session_id"])
    .execute();
  await db.schema.createIndex("class_sessions_session_idx").on("class_sessions").column("session_id").execute();
}

export async function down(): Promise<void> {}
