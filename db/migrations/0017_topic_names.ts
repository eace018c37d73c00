// Issue 19 point 9: topics have an English name. A topic is the (lower-case Vietnamese) text stored in
// program_topics; `topics` names it in English (nullable: pages fall back to the Vietnamese text).
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("topics")
    .addColumn("topic", "text", (c) => c.primaryKey())
    .addColumn("name_en", "text")
    .execute();
  // Every topic already used, without an English name yet.
  await sql`insert into topics (topic) select distinct topic from program_topics`.execute(db);
}
