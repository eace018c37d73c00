// Runs `fn` in the caller's transaction when there is one, otherwise in a new one, so domain functions compose.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "#db/schema";
import type { DB } from "~/lib/db.server";

export function inTransaction<T>(db: DB, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<Database>);
  return (db as Kysely<Database>).transaction().execute(fn);
}
