// Frozen once released: Kysely<any>, no imports from app/.
// Issue 17 at 100,000 users: the admin's user list sorted every user by full name for each page (24 ms for the
// first page, 217 ms for the last), and the staff certificate list joined every skipped certificate to its owner
// on its way to a deep page (275 ms for the last of 126,806). Both now pick a page's ids from an index in the
// list's order and join only those: the users' order is their name key (the Vietnamese order of every other list
// of people), by role when one is chosen; certificates newest first, by status when one is chosen.
import { type Kysely, PostgresAdapter, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // The name key compared by code point, as the lists order (app/lib/dialect.server.ts, byCodePoint).
  const nameKey = postgres ? sql`name_key collate "C"` : sql`name_key`;
  // Each index ends with the id, the lists' tie-break, so PostgreSQL reads a page's ids from the index alone too
  // (SQLite's indexes end with the rowid anyway).
  // Replaces (role, full_name), which only the user list used, and (name_key), which the lists of people order by.
  await db.schema.dropIndex("users_role_idx").execute();
  await db.schema.createIndex("users_role_name_idx").on("users").column("role").expression(nameKey).column("id").execute();
  await db.schema.dropIndex("users_name_key_idx").execute();
  await db.schema.createIndex("users_name_order_idx").on("users").expression(nameKey).column("id").execute();
  // Replaces (issued_at).
  await db.schema.dropIndex("certificates_issued_idx").execute();
  await db.schema.createIndex("certificates_newest_idx").on("certificates").columns(["issued_at", "id"]).execute();
  await db.schema.createIndex("certificates_status_newest_idx").on("certificates").columns(["status", "issued_at", "id"]).execute();
  // A member's valid certificates since they joined (the teacher's dashboard: user, status, issued since) must keep
  // reading the owner's index: with (user_id, issued_at) beside the index above, SQLite without statistics read
  // every valid certificate issued since instead (323 ms at 100,000 students). Its status in the owner's index
  // makes that index the better match. Replaces (user_id, issued_at).
  await db.schema.dropIndex("certificates_user_idx").execute();
  await db.schema.createIndex("certificates_user_status_idx").on("certificates").columns(["user_id", "status", "issued_at"]).execute();
}
