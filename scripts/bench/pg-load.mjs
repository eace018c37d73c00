// Bulk copy of a (large) SQLite data set into a migrated, empty PostgreSQL database, for the benchmark only:
// `npm run db:copy` pages with OFFSET and checks every table by checksum, which takes too long for a million
// rows. Same ids; identity sequences moved past them; row counts checked.
//   node scripts/bench/pg-load.mjs <sqlite file> <postgres url>
import Database from "better-sqlite3";
import pg from "pg";
import { FILLED_BY_MIGRATIONS, KEPT_BY_TRIGGERS, SUMMARY_MARKS } from "../../db/tools/table-roles.mjs";

/** The insights summaries' marks tables (migrations 0027, 0030–0033). */
const MARKS = [...SUMMARY_MARKS];

const [file, url] = process.argv.slice(2);
const source = new Database(file, { readonly: true });
const target = new pg.Client({ connectionString: url });
await target.connect();
const started = Date.now();

const tables = source
  .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name")
  .all()
  .map((r) => r.name)
  // The summaries' marks are the target's own (its triggers mark every copied row's student, day, school or
  // meeting); the summaries are copied, but for the counts its triggers build row by row as the rows are copied.
  .filter((name) => !MARKS.includes(name) && !KEPT_BY_TRIGGERS.has(name));
const deps = new Map(
  tables.map((t) => [t, new Set(source.prepare("select \"table\" from pragma_foreign_key_list(?)").all(t).map((r) => r.table).filter((p) => p !== t))]),
);
const ordered = [];
while (ordered.length < tables.length) {
  const ready = tables.filter((t) => !ordered.includes(t) && [...deps.get(t)].every((d) => ordered.includes(d)));
  if (!ready.length) throw new Error("circular foreign keys");
  ordered.push(...ready);
}

const MAX_PARAMS = 60_000;
await target.query("begin");
// Rows the migrations write (as in db:copy): the source's rows replace them.
for (const table of FILLED_BY_MIGRATIONS) if (tables.includes(table)) await target.query(`delete from "${table}"`);
for (const table of ordered) {
  const info = source.prepare("select name, lower(type) as type from pragma_table_info(?) order by cid").all(table);
  const columns = info.map((r) => r.name);
  const pk = source.prepare("select name from pragma_table_info(?) where pk > 0 order by pk").all(table).map((r) => r.name);
  const perBatch = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const quoted = columns.map((c) => `"${c}"`).join(", ");
  const order = (pk.length ? pk : columns).map((c) => `"${c}"`).join(", ");
  let batch = [];
  let rows = 0;
  const flush = async () => {
    if (!batch.length) return;
    const values = [];
    const tuples = batch.map((row, i) => `(${columns.map((_, j) => `$${i * columns.length + j + 1}`).join(", ")})`);
    for (const row of batch) for (const c of columns) values.push(row[c]);
    await target.query(`insert into "${table}" (${quoted}) values ${tuples.join(", ")}`, values);
    rows += batch.length;
    batch = [];
  };
  for (const row of source.prepare(`select * from "${table}" order by ${order}`).iterate()) {
    batch.push(row);
    if (batch.length >= perBatch) await flush();
  }
  await flush();
  if (info.some((c) => c.name === "id" && c.type === "integer") && pk.length === 1 && pk[0] === "id") {
    await target.query(`select setval(pg_get_serial_sequence('"${table}"', 'id'), coalesce((select max(id) from "${table}"), 0) + 1, false)`);
  }
  const copied = Number((await target.query(`select count(*) as n from "${table}"`)).rows[0].n);
  if (copied !== rows) throw new Error(`${table}: ${copied} rows in PostgreSQL, ${rows} read`);
}
// The insights summaries: the target's triggers marked what every copied row touches; a copied summary is already
// exact when the source had no marks left, so the marks are cleared then.
for (const marks of MARKS) {
  const marksLeft = source.prepare(`select count(*) as n from "${marks}"`).get().n;
  if (marksLeft === 0) await target.query(`delete from "${marks}"`);
}
await target.query("commit");
await target.end();
console.log(`  pg-load: ${ordered.length} tables in ${((Date.now() - started) / 1000).toFixed(1)} s`);
