// The one database handle of the process. Capability functions take it (or a transaction) as their first argument.
// SQLite (a file at DATABASE_PATH) by default; PostgreSQL when DATABASE_URL is set. Where the two differ, see
// dialect.server.ts.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, type Transaction } from "kysely";
import type { Database } from "#db/schema";
import { isRetryableConflict, isUniqueViolation, postgresDialect, type StoreKind } from "./dialect.server";
import { env } from "./env.server";

export type DB = Kysely<Database> | Transaction<Database>;
export { isUniqueViolation };

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

/**
 * better-sqlite3 with a cache of prepared statements, keyed by SQL text (least recently used dropped beyond `max`).
 * Kysely's SQLite driver prepares every statement afresh; preparing showed in the CPU profile of /catalog and
 * the program page (issue 17). A statement is never run twice at once: the driver has one connection behind
 * a mutex, and the app does not stream; SQLite re-prepares a cached statement itself after a schema change.
 */
export function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string): SQLite.Statement {
      let stmt = cache.get(sqlText);
      if (stmt) {
        cache.delete(sqlText);
      } else {
        stmt = sqlite.prepare(sqlText);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sqlText, stmt);
      return stmt;
    },
    get cachedStatements() {
      return cache.size;
    },
  };
}

/** How each open SQLite handle tells its data version (see dataVersion). */
const dataVersionReaders = new WeakMap<Kysely<Database>, () => string>();

/**
 * A value that changes whenever the data may have changed, read without waiting for a transaction (the anonymous
 * page cache, server/page-cache.mjs). SQLite: `PRAGMA data_version` moves when another connection commits,
 * `total_changes()` when this one writes (counted before commit and after a rollback too: both only make the
 * cache miss once more). PostgreSQL: null, since it has no cheap counter of committed changes across processes;
 * the cache is then off.
 */
export function dataVersion(database: Kysely<Database>): string | null {
  return dataVersionReaders.get(database)?.() ?? null;
}

export function openSqlite(file: string): Kysely<Database> {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // NORMAL in WAL mode: a power loss may drop the last transactions, never corrupt the file (README).
  sqlite.pragma("synchronous = NORMAL");
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const committedElsewhere = sqlite.prepare("PRAGMA data_version").pluck();
  const changedHere = sqlite.prepare("SELECT total_changes()").pluck();
  dataVersionReaders.set(kysely, () => `${committedElsewhere.get()}:${changedHere.get()}`);
  return kysely;
}

export function openPostgres(url: string, poolSize = env.databasePoolSize): Kysely<Database> {
  return new Kysely<Database>({ dialect: postgresDialect(url, poolSize) });
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
