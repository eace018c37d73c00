// Free-text search on PostgreSQL can use the trigram index on the folded text (migration 0008); SQLite has no
// such index and scans. Both answer the same folded query.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db, storeKind } from "~/lib/db.server";

describe("catalogue search index", () => {
  it("serves LIKE '%word%' on the folded text from the trigram index on PostgreSQL", async () => {
    const plan = await db.transaction().execute(async (trx) => {
      if (storeKind === "postgres") await sql`set local enable_seqscan = off`.execute(trx);
      const explain = storeKind === "postgres" ? sql`explain` : sql`explain query plan`;
      const rows = await sql<Record<string, unknown>>`${explain} select id from programs where search_text like ${"%robot co ban%"}`.execute(trx);
      return rows.rows.map((r) => Object.values(r).join(" ")).join("\n");
    });
    if (storeKind === "postgres") expect(plan).toMatch(/programs_search_trgm/);
    else expect(plan).toMatch(/SCAN programs/);
  });
});
