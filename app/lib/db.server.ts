// The one database handle of the process. Capability functions take it (or a transaction) as their first argument.
// SQLite (a file at DATABASE_PATH) by default; PostgreSQL when DATABASE_URL is set. Where the two differ, see
// dialect.server.ts.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "#db/schema";
import { openPostgres, openSqlite } from "./db-open.server";
import { isRetryableConflict, isUniqueViolation, type StoreKind } from "./dialect.server";
import { env } from "./env.server";

export type DB = Kysely<Database> | Transaction<Database>;
export { isUniqueViolation };
export { dataVersion, openPostgres, openSqlite, withStatementCache } from "./db-open.server";

const MAX_CONFLICT_RETRIES = 5;

/**
 * Runs fn in the caller's transaction when there is one, otherwise in a new one, so domain functions compose.
 * On PostgreSQL a new transaction that loses a serialization conflict or a deadlock is run again (bounded, with
 * jitter): fn must only touch the database (never send mail or call the network from inside it).
 */
export async function inTransaction<T>(database: DB, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (database.isTransaction) return fn(database as Transaction<Database>);
  for (let attempt = 1; ; attempt++) {
    try {
      return await (database as Kysely<Database>).transaction().execute(fn);
    } catch (e) {
      if (attempt >= MAX_CONFLICT_RETRIES || !isRetryableConflict(e)) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}

/** The store this process runs on. */
export const storeKind: StoreKind = env.databaseUrl ? "postgres" : "sqlite";

function openConfigured(): Kysely<Database> {
  return env.databaseUrl ? openPostgres(env.databaseUrl) : openSqlite(env.databasePath);
}

declare global {
  // Survives dev-server module reloads so there is still exactly one handle.
  // eslint-disable-next-line no-var
  var __stemHubDb: Kysely<Database> | undefined;
}

export const db: Kysely<Database> = (globalThis.__stemHubDb ??= openConfigured());

export async function isDatabaseHealthy(): Promise<boolean> {
  try {
    await db.selectFrom("users").select((eb) => eb.lit(1).as("one")).limit(1).execute();
    return true;
  } catch {
    return false;
  }
}
