// Frozen once released: Kysely<any>, no imports from app/. Times are ISO-8601 UTC text.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    // Lower-cased and trimmed; NULL for class accounts that log in with a username.
    .addColumn("email", "text")
    .addColumn("username", "text")
    .addColumn("full_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().defaultTo("student"))
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("vi"))
    .addColumn("birth_year", "integer")
    .addColumn("grade", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("users_role_check", sql`role in ('student','teacher','coordinator','staff','admin')`)
    .addCheckConstraint("users_locale_check", sql`locale in ('vi','en')`)
    .addCheckConstraint("users_login_check", sql`email is not null or username is not null`)
    .execute();
  await db.schema.createIndex("users_email_unique").on("users").column("email").unique().execute();
  await db.schema.createIndex("users_username_unique").on("users").column("username").unique().execute();
  await db.schema.createIndex("users_role_idx").on("users").columns(["role", "full_name"]).execute();

  await db.schema
    .createTable("user_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("user_sessions_user_idx").on("user_sessions").column("user_id").execute();

  // Sliding-window counters: login throttling, join-code guessing, verification look-ups.
  await db.schema
    .createTable("rate_limit_events")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("bucket", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("rate_limit_events_lookup_idx")
    .on("rate_limit_events")
    .columns(["bucket", "key", "created_at"])
    .execute();

  await db.schema
    .createTable("schools")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("district", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("province", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("phone", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("email", "text", (c) => c.notNull().defaultTo(""))
    // A teacher may propose a new school; staff approve it.
    .addColumn("status", "text", (c) => c.notNull().defaultTo("approved"))
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint("schools_status_check", sql`status in ('pending','approved','rejected')`)
    .execute();
  await db.schema.createIndex("schools_status_name_idx").on("schools").columns(["status", "name"]).execute();

  await db.schema
    .createTable("school_memberships")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("school_id", "integer", (c) => c.notNull().references("schools.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("decided_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .addCheckConstraint("school_memberships_role_check", sql`role in ('teacher','coordinator')`)
    .addCheckConstraint("school_memberships_status_check", sql`status in ('pending','approved','rejected')`)
    .execute();
  await db.schema
    .createIndex("school_memberships_unique")
    .on("school_memberships")
    .columns(["school_id", "user_id"])
    .unique()
    .execute();
  await db.schema
    .createIndex("school_memberships_user_idx")
    .on("school_memberships")
    .columns(["user_id", "status"])
    .execute();

  // In-app notifications: the message is a catalogue key plus parameters, shown in the reader's language.
  await db.schema
    .createTable("notifications")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("message_key", "text", (c) => c.notNull())
    .addColumn("params", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("link", "text")
    .addColumn("read_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("notifications_user_idx")
    .on("notifications")
    .columns(["user_id", "read_at", "created_at"])
    .execute();

  // Programs of every kind share one catalogue (course, workshop, tour).
  await db.schema
    .createTable("programs")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title_vi", "text", (c) => c.notNull())
    .addColumn("title_en", "text")
    .addColumn("summary_vi", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("summary_en", "text")
    .addColumn("description_vi", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description_en", "text")
    .addColumn("grade_min", "integer")
    .addColumn("grade_max", "integer")
    .addColumn("age_min", "integer")
    .addColumn("age_max", "integer")
    .addColumn("fee_vnd", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("cover_url", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    // Lower-case, diacritics folded (đ → d): what free-text search matches against.
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("programs_kind_check", sql`kind in ('course','workshop','tour')`)
    .addCheckConstraint("programs_status_check", sql`status in ('draft','published','archived')`)
    .addCheckConstraint("programs_fee_check", sql`fee_vnd >= 0`)
    .execute();
  await db.schema.createIndex("programs_status_kind_idx").on("programs").columns(["status", "kind", "title_vi"]).execute();

  await db.schema
    .createTable("program_topics")
    .addColumn("program_id", "integer", (c) => c.notNull().references("programs.id").onDelete("cascade"))
    .addColumn("topic", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("program_topics_pk", ["program_id", "topic"])
    .execute();
  await db.schema.createIndex("program_topics_topic_idx").on("program_topics").columns(["topic", "program_id"]).execute();
}

export async function down(): Promise<void> {
  // Forward-only: migrations are never rolled back.
}
