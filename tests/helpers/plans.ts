// Query plans of what a function sends to the database, on either store: the function runs against a handle that
// records every query, then each is explained. PostgreSQL plans with the given planner methods disabled
// (enable_seqscan, enable_sort…), so a plan that still uses one has no index to do without it.
import { CompiledQuery, sql } from "kysely";
import { db, storeKind, type DB } from "~/lib/db.server";
import { QueryCounter } from "./query-count";

export interface ExplainedQuery {
  sql: string;
  plan: string;
}

/** Runs `work` with a recording handle, then explains every query it sent (SQLite: EXPLAIN QUERY PLAN). */
export async function explainQueriesOf(
  work: (recording: DB) => Promise<unknown>,
  opts: { postgresOff?: ("enable_seqscan" | "enable_sort")[]; skip?: RegExp } = {},
): Promise<ExplainedQuery[]> {
  const recorder = new QueryCounter();
  await work(db.withPlugin(recorder));
  const off = storeKind === "postgres" ? (opts.postgresOff ?? ["enable_seqscan"]) : [];
  return db.connection().execute(async (conn) => {
    for (const setting of off) await sql`set ${sql.raw(setting)} = off`.execute(conn);
    const out: ExplainedQuery[] = [];
    try {
      for (const { node, queryId } of recorder.seen) {
        const compiled = conn.getExecutor().compileQuery(node, queryId);
        if (opts.skip?.test(compiled.sql.trim())) continue;
        const explain = storeKind === "postgres" ? "explain " : "explain query plan ";
        const r = await conn.executeQuery(CompiledQuery.raw(explain + compiled.sql, [...compiled.parameters]));
        out.push({ sql: compiled.sql, plan: (r.rows as Record<string, unknown>[]).map((row) => Object.values(row).join(" ")).join("\n") });
      }
    } finally {
      for (const setting of off) await sql`reset ${sql.raw(setting)}`.execute(conn);
    }
    return out;
  });
}
