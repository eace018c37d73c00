// Frozen once released: Kysely<any>, no imports from app/.
// Issue 17: the staff course report sorted by progress, last activity or completion breaks ties by the learner's
// name. The name key lived only on `users`, so the rows of a tie (every learner at 100 %, say: thousands in a big
// course) were joined and sorted by name before a page could be cut from them: 34 ms for page 3 of a 21,000-learner
// course by progress, against 0.6 ms at 210 learners. The enrolment now carries a copy of its learner's name key,
// and each order has an index that holds it whole (the course, the status, the sort column, the name key, the
// learner), so a page is picked from one index alone in every order and direction, then only its learners are
// joined to their accounts (the name order read the users' name index and looked up each one's enrolment: the
// last page of that course looked up every learner).
//
// Kept equal by the database itself, whatever code path writes (the app, bulk imports, the benchmark's generator):
// a new enrolment takes its learner's key, and a changed name key is copied to the learner's enrolments.
import { type Kysely, PostgresAdapter, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable("enrolments").addColumn("name_key", "text", (c) => c.notNull().defaultTo("")).execute();
  await sql`update enrolments set name_key = coalesce((select u.name_key from users u where u.id = enrolments.user_id), '')`.execute(db);

  if (postgres) {
    await sql`
      create function enrolments_take_name_key() returns trigger language plpgsql as $$
      begin
        new.name_key := coalesce((select u.name_key from users u where u.id = new.user_id), '');
        return new;
      end $$`.execute(db);
    await sql`create trigger enrolments_name_key before insert or update of user_id on enrolments
                for each row execute function enrolments_take_name_key()`.execute(db);
    await sql`
      create function users_share_name_key() returns trigger language plpgsql as $$
      begin
        update enrolments set name_key = new.name_key where user_id = new.id;
        return null;
      end $$`.execute(db);
    await sql`create trigger users_name_key_to_enrolments after update of name_key on users
                for each row when (old.name_key is distinct from new.name_key) execute function users_share_name_key()`.execute(db);
  } else {
    const take = sql.raw(`update enrolments set name_key = coalesce((select u.name_key from users u where u.id = new.user_id), '') where id = new.id;`);
    await sql`create trigger enrolments_name_key_insert after insert on enrolments begin ${take} end`.execute(db);
    await sql`create trigger enrolments_name_key_user after update of user_id on enrolments begin ${take} end`.execute(db);
    await sql`create trigger users_name_key_to_enrolments after update of name_key on users when old.name_key is not new.name_key
                begin update enrolments set name_key = new.name_key where user_id = new.id; end`.execute(db);
  }

  // The name key compared by code point, as the report orders (app/lib/dialect.server.ts, byCodePoint).
  const nameKey = postgres ? sql`name_key collate "C"` : sql`name_key`;
  await db.schema.createIndex("enrolments_report_name_idx").on("enrolments").columns(["program_id", "status"]).expression(nameKey).column("user_id").execute();
  await db.schema.createIndex("enrolments_report_progress_idx").on("enrolments").columns(["program_id", "status", "required_done"]).expression(nameKey).column("user_id").execute();
  for (const [name, column] of [
    ["enrolments_report_activity_idx", "last_activity_at"],
    ["enrolments_report_completed_idx", "completed_at"],
  ] as const) {
    await db.schema.dropIndex(name).execute();
    await db.schema
      .createIndex(name)
      .on("enrolments")
      .columns(["program_id", "status"])
      .expression(sql`(case when ${sql.ref(column)} is null then 1 else 0 end)`)
      .column(column)
      .expression(nameKey)
      .column("user_id")
      .execute();
  }
}
