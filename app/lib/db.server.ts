// The one database handle of the process. Capability functions take it (or a transaction) as their first argument.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, type Transaction } from "kysely";
import type { Database } from "#db/schema";
import { env } from "./env.server";

export type DB = Kysely<Database> | Transaction<Database>;

/** A unique index refused the write (SQLite's and PostgreSQL's wording). */
export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Error && /UNIQUE constraint failed|duplicate key value/i.test(e.message);
}

/** Runs fn in the caller's transaction when there is one, otherwise in a new one, so domain functions compose. */
export function inTransaction<T>(database: DB, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (database.isTransaction) return fn(database as Transaction<Database>);
  return (database as Kysely<Database>).transaction().execute(fn);
}

export function openDatabase(file: string): Kysely<Database> {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // NORMAL in WAL mode: a power loss may drop the last transactions, never corrupt the file (README).
  sqlite.pragma("synchronous = NORMAL");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

declare global {
  // Survives dev-server module reloads so there is still exactly one handle.
  // eslint-disable-next-line no-var
  var __stemHubDb: Kysely<Database> | undefined;
}

export const db: Kysely<Database> = (globalThis.__stemHubDb ??= openDatabase(env.databasePath));

export async function isDatabaseHealthy(): Promise<boolean> {
  try {
    await db.selectFrom("users").select((eb) => eb.lit(1).as("one")).limit(1).execute();
    return true;
  } catch {
    return false;
  }
}
