// The same numbered migrations build the same schema on SQLite and on PostgreSQL: same tables, columns
// (type, nullability), indexes (unique, columns, partial), check constraints and foreign keys, read back from
// each store's own catalogue.
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, openSqlite } from "~/lib/db.server";
import { migrateToLatest } from "~/lib/migrate.server";
import { createPostgresDatabase } from "../helpers/store";

interface SchemaShape {
  tables: Record<string, { columns: Record<string, string>; indexes: Record<string, string>; checks: string[]; foreignKeys: string[] }>;
}

const TYPE = (t: string) => ({ integer: "integer", int4: "integer", text: "text", real: "real", float4: "real" })[t.toLowerCase()] ?? t;

async function sqliteShape(db: Kysely<any>): Promise<SchemaShape> {
  const shape: SchemaShape = { tables: {} };
  const tables = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(db);
  for (const t of tables.rows) {
    const cols = await sql<{ name: string; type: string; notnull: number; pk: number }>`select * from pragma_table_info(${t.name})`.execute(db);
    const idx = await sql<{ name: string; unique: number; origin: string; partial: number }>`select * from pragma_index_list(${t.name})`.execute(db);
    const fks = await sql<{ from: string; table: string; to: string; on_delete: string }>`select * from pragma_foreign_key_list(${t.name})`.execute(db);
    const indexes: Record<string, string> = {};
    for (const i of idx.rows.filter((r) => r.origin === "c")) {
      // An expression in an index (migration 0026) has no column name: "(expr)" on both stores.
      const c = await sql<{ name: string | null }>`select name from pragma_index_info(${i.name}) order by seqno`.execute(db);
      indexes[i.name] = `${i.unique ? "unique " : ""}(${c.rows.map((r) => r.name ?? "(expr)").join(",")})${i.partial ? " partial" : ""}`;
    }
    // Unique constraints written on a column (e.g. slug text unique) are indexes the store names itself.
    const uniqueColumns = idx.rows.filter((r) => r.origin === "u").length;
    shape.tables[t.name] = {
      columns: Object.fromEntries(cols.rows.map((c) => [c.name, `${TYPE(c.type)}${c.notnull || c.pk ? " not null" : ""}`])),
      indexes: { ...indexes, ...(uniqueColumns ? { "(unique columns)": String(uniqueColumns) } : {}) },
      checks: [...t.sql.matchAll(/constraint\s+"?(\w+)"?\s+check/gi)].map((m) => m[1]).sort(),
      foreignKeys: fks.rows.map((f) => `${f.from}->${f.table}.${f.to} on delete ${f.on_delete.toLowerCase()}`).sort(),
    };
  }
  return shape;
}

async function postgresShape(db: Kysely<any>): Promise<SchemaShape> {
  const shape: SchemaShape = { tables: {} };
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%'`.execute(db);
  for (const t of tables.rows) {
    const cols = await sql<{ name: string; type: string; nullable: string }>`
      select column_name as name, udt_name as type, is_nullable as nullable from information_schema.columns
      where table_schema = 'public' and table_name = ${t.name}`.execute(db);
    const idx = await sql<{ name: string; unique: boolean; partial: boolean; columns: string; constraint_index: boolean }>`
      select i.relname as name, ix.indisunique as unique, ix.indpred is not null as partial,
             (select string_agg(coalesce(a.attname, '(expr)'), ',' order by k.ord) from unnest(ix.indkey) with ordinality as k(attnum, ord)
              left join pg_attribute a on a.attrelid = ix.indrelid and a.attnum = k.attnum) as columns,
             exists (select 1 from pg_constraint c where c.conindid = ix.indexrelid) as constraint_index
      from pg_index ix join pg_class i on i.oid = ix.indexrelid join pg_class tb on tb.oid = ix.indrelid
      where tb.relname = ${t.name}`.execute(db);
    const checks = await sql<{ name: string }>`
      select conname as name from pg_constraint c join pg_class tb on tb.oid = c.conrelid
      where tb.relname = ${t.name} and c.contype = 'c'`.execute(db);
    const fks = await sql<{ fk: string }>`
      select a.attname || '->' || rt.relname || '.' || ra.attname || ' on delete ' ||
             case c.confdeltype when 'a' then 'no action' when 'c' then 'cascade' when 'n' then 'set null' when 'r' then 'restrict' else 'set default' end as fk
      from pg_constraint c join pg_class tb on tb.oid = c.conrelid join pg_class rt on rt.oid = c.confrelid
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      join pg_attribute ra on ra.attrelid = c.confrelid and ra.attnum = c.confkey[1]
      where tb.relname = ${t.name} and c.contype = 'f'`.execute(db);
    const indexes: Record<string, string> = {};
    let uniqueColumns = 0;
    for (const i of idx.rows) {
      if (i.constraint_index) {
        if (i.name.endsWith("_key")) uniqueColumns++;
        continue; // primary keys and column-level unique constraints
      }
      // Trigram indexes for LIKE '%…%' search exist on PostgreSQL only (migration 0008): SQLite has none.
      if (i.name.endsWith("_trgm")) continue;
      indexes[i.name] = `${i.unique ? "unique " : ""}(${i.columns})${i.partial ? " partial" : ""}`;
    }
    shape.tables[t.name] = {
      columns: Object.fromEntries(cols.rows.map((c) => [c.name, `${TYPE(c.type)}${c.nullable === "NO" ? " not null" : ""}`])),
      indexes: { ...indexes, ...(uniqueColumns ? { "(unique columns)": String(uniqueColumns) } : {}) },
      checks: checks.rows.map((c) => c.name).filter((n) => !/_not_null$/.test(n)).sort(),
      foreignKeys: fks.rows.map((f) => f.fk).sort(),
    };
  }
  return shape;
}

let sqliteDb: Kysely<any>;
let pgDb: Kysely<any>;
let dropPg: () => Promise<void>;

beforeAll(async () => {
  sqliteDb = openSqlite(":memory:");
  const created = await createPostgresDatabase();
  dropPg = created.drop;
  pgDb = openPostgres(created.url, 2);
  await migrateToLatest(sqliteDb);
  await migrateToLatest(pgDb);
});

afterAll(async () => {
  await sqliteDb?.destroy();
  await pgDb?.destroy();
  await dropPg?.();
});

describe("both stores", () => {
  it("have the same schema after the same migrations", async () => {
    const [a, b] = await Promise.all([sqliteShape(sqliteDb), postgresShape(pgDb)]);
    expect(Object.keys(a.tables).length).toBeGreaterThan(20);
    expect(Object.keys(b.tables).sort()).toEqual(Object.keys(a.tables).sort());
    for (const name of Object.keys(a.tables)) {
      expect({ table: name, ...b.tables[name] }).toEqual({ table: name, ...a.tables[name] });
    }
  });
});
