// Frozen once released: Kysely<any>, no imports from app/.
// Catalogue and certificate search match folded text with LIKE '%word%' (diacritics and case removed when the
// row is saved, "đ" included). A b-tree index cannot serve a pattern with a leading wildcard; on PostgreSQL a
// trigram GIN index (pg_trgm) can, so large catalogues and certificate lists stay fast. SQLite scans (its
// tables here are small, and it has no trigram index); the same queries run on both.
import { type Kysely, PostgresAdapter, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index programs_search_trgm on programs using gin (search_text gin_trgm_ops)`.execute(db);
  await sql`create index certificates_search_trgm on certificates using gin (search_text gin_trgm_ops)`.execute(db);
}
