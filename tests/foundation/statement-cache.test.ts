// SQLite statements are prepared once per SQL text and reused (issue 17), with a bounded cache, and the answers
// are the same as without it. (The SQLite handle's own feature: it runs the same under both test projects.)
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { withStatementCache } from "~/lib/db.server";

function open(max?: number) {
  const sqlite = new SQLite(":memory:");
  let prepared = 0;
  const original = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((text: string) => {
    prepared += 1;
    return original(text);
  }) as typeof sqlite.prepare;
  const database = withStatementCache(sqlite, max);
  const db = new Kysely<{ t: { id: number; name: string } }>({ dialect: new SqliteDialect({ database }) });
  return { db, database, prepared: () => prepared };
}

describe("the prepared-statement cache", () => {
  it("prepares a statement once and answers with its current parameters", async () => {
    const { db, prepared } = open();
    await sql`create table t (id integer primary key, name text not null)`.execute(db);
    for (const [id, name] of [[1, "An"], [2, "Bình"], [3, "Chi"]] as const) await db.insertInto("t").values({ id, name }).execute();
    const before = prepared();
    const names: string[] = [];
    for (const id of [1, 2, 3, 2]) names.push((await db.selectFrom("t").select("name").where("id", "=", id).executeTakeFirstOrThrow()).name);
    expect(names).toEqual(["An", "Bình", "Chi", "Bình"]);
    expect(prepared() - before).toBe(1);
    // Writes, reads and transactions keep working on reused statements.
    await db.transaction().execute(async (trx) => {
      await trx.updateTable("t").set({ name: "Dũng" }).where("id", "=", 2).execute();
      await trx.updateTable("t").set({ name: "Em" }).where("id", "=", 3).execute();
    });
    expect((await db.selectFrom("t").select("name").orderBy("id").execute()).map((r) => r.name)).toEqual(["An", "Dũng", "Em"]);
    await db.destroy();
  });

  it("keeps at most `max` statements, dropping the least recently used", async () => {
    const { db, database, prepared } = open(2);
    const q = (n: number) => sql`select ${sql.lit(n)} as n`.execute(db);
    await q(1);
    await q(2);
    await q(1); // 1 is now the most recent
    await q(3); // drops 2
    expect(database.cachedStatements).toBe(2);
    const before = prepared();
    await q(1);
    expect(prepared()).toBe(before);
    await q(2);
    expect(prepared()).toBe(before + 1);
    await db.destroy();
  });

  it("still sees a schema change", async () => {
    const { db } = open();
    await sql`create table t (id integer primary key, name text not null)`.execute(db);
    await db.insertInto("t").values({ id: 1, name: "An" }).execute();
    const read = () => sql<Record<string, unknown>>`select * from t`.execute(db);
    expect(Object.keys((await read()).rows[0])).toEqual(["id", "name"]);
    await sql`alter table t add column grade integer`.execute(db);
    expect(Object.keys((await read()).rows[0])).toEqual(["id", "name", "grade"]);
    await db.destroy();
  });
});
