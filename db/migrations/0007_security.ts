// Frozen once released: Kysely<any>, no imports from app/. Times are ISO-8601 UTC text.
// Atomic throttling counters (one row per bucket, key and fixed window, bumped with an upsert) and the security
// event log (who did what, when, from where).
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rate_limits")
    .addColumn("bucket", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("window_start", "text", (c) => c.notNull())
    .addColumn("hits", "integer", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("rate_limits_pk", ["bucket", "key", "window_start"])
    .execute();
  await db.schema.createIndex("rate_limits_expiry_idx").on("rate_limits").column("expires_at").execute();

  await db.schema
    .createTable("audit_events")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("actor_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject_type", "text")
    .addColumn("subject_id", "text")
    .addColumn("ip", "text", (c) => c.notNull().defaultTo(""))
    // JSON object: what changed (never secrets).
    .addColumn("details", "text", (c) => c.notNull().defaultTo("{}"))
    .addCheckConstraint("audit_events_action_check", sql`length(action) between 1 and 64`)
    .execute();
  await db.schema.createIndex("audit_events_time_idx").on("audit_events").columns(["occurred_at", "id"]).execute();
  await db.schema.createIndex("audit_events_actor_idx").on("audit_events").columns(["actor_id", "occurred_at"]).execute();
  await db.schema.createIndex("audit_events_action_idx").on("audit_events").columns(["action", "occurred_at"]).execute();
  await db.schema.createIndex("audit_events_subject_idx").on("audit_events").columns(["subject_type", "subject_id", "occurred_at"]).execute();
}
