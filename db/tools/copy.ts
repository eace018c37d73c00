// Moving a centre: copy every table of a SQLite database into an empty PostgreSQL one (same ids), then set the
// identity sequences past the copied ids and verify each table by row count and a checksum of its rows.
import crypto from "node:crypto";
import { sql, type Kysely } from "kysely";
// Derived tables are not copied and not compared; rows migrations write are replaced by the source's.
import { DERIVED, FILLED_BY_MIGRATIONS } from "./table-roles.mjs";

export interface TableReport {
  table: string;
  rows: number;
  checksum: string;
  verified: boolean;
}

const BATCH = 500;

/** Data tables in an order where every row's references already exist (parents first). */
async function tablesInDependencyOrder(source: Kysely<any>): Promise<string[]> {
  const tables = (
    await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(source)
  ).rows.map((r) => r.name);
  const deps = new Map<string, Set<string>>();
  for (const t of tables) {
    const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${t})`.execute(source);
    deps.set(t, new Set(fks.rows.map((f) => f.table).filter((p) => p !== t)));
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !placed.has(t) && [...deps.get(t)!].every((d) => placed.has(d)));
    if (ready.length === 0) throw new Error("db:copy: circular foreign keys between tables");
    for (const t of ready) {
      ordered.push(t);
      placed.add(t);
    }
  }
  return ordered;
}

async function primaryKeyOf(source: Kysely<any>, table: string): Promise<string[]> {
  const cols = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table})`.execute(source);
  const pk = cols.rows.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  return pk.length ? pk : cols.rows.map((c) => c.name);
}

/** A checksum of a table's rows in primary-key order; values normalised so both stores give the same text. */
export async function tableChecksum(db: Kysely<any>, table: string, orderBy: string[]): Promise<{ rows: number; checksum: string }> {
  const hash = crypto.createHash("sha256");
  let rows = 0;
  for (let offset = 0; ; offset += BATCH) {
    let q = db.selectFrom(table).selectAll();
    for (const c of orderBy) q = q.orderBy(c);
    const batch = await q.limit(BATCH).offset(offset).execute();
    for (const row of batch) {
      const keys = Object.keys(row).sort();
      hash.update(JSON.stringify(keys.map((k) => (row[k] === null || row[k] === undefined ? null : typeof row[k] === "number" ? Number(row[k]) : String(row[k])))));
      hash.update("\n");
    }
    rows += batch.length;
    if (batch.length < BATCH) break;
  }
  return { rows, checksum: hash.digest("hex") };
}


/**
 * Copies `source` (SQLite, migrated) into `target` (PostgreSQL, migrated and empty). Refuses a target that
 * already has data (other than the rows migrations write). Returns one report per table.
 */
export async function copySqliteToPostgres(source: Kysely<any>, target: Kysely<any>): Promise<TableReport[]> {
  const tables = (await tablesInDependencyOrder(source)).filter((t) => !DERIVED.has(t));
  for (const t of tables) {
    if (FILLED_BY_MIGRATIONS.has(t)) continue;
    const any = await target.selectFrom(t).select(sql`1`.as("x")).limit(1).executeTakeFirst();
    if (any) throw new Error(`db:copy: the target database is not empty (table ${t} has rows)`);
  }
  for (const t of tables) if (FILLED_BY_MIGRATIONS.has(t)) await target.deleteFrom(t).execute();
  await target.transaction().execute(async (trx) => {
    for (const t of tables) {
      const order = await primaryKeyOf(source, t);
      for (let offset = 0; ; offset += BATCH) {
        let q = source.selectFrom(t).selectAll();
        for (const c of order) q = q.orderBy(c);
        const batch = await q.limit(BATCH).offset(offset).execute();
        if (batch.length) await trx.insertInto(t).values(batch).execute();
        if (batch.length < BATCH) break;
      }
      const hasId = (await sql<{ name: string }>`select name from pragma_table_info(${t}) where name = 'id' and lower(type) = 'integer'`.execute(source)).rows.length > 0;
      if (hasId) {
        // Identity columns continue after the highest copied id.
        await sql`select setval(pg_get_serial_sequence(${t}, 'id'), coalesce((select max(id) from ${sql.table(t)}), 0) + 1, false)`.execute(trx);
      }
    }
  });
  const reports: TableReport[] = [];
  for (const t of tables) {
    const order = await primaryKeyOf(source, t);
    const [a, b] = await Promise.all([tableChecksum(source, t, order), tableChecksum(target, t, order)]);
    reports.push({ table: t, rows: a.rows, checksum: a.checksum, verified: a.rows === b.rows && a.checksum === b.checksum });
  }
  return reports;
}
