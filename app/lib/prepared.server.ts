// Queries a registration storm runs hundreds of times a second, built and compiled by Kysely once per store and then
// run with new values: building and compiling a statement (immutable nodes, a visitor) was ≈ 13 % of the server's
// CPU during the storm, ≈ 70 µs for the overlap check alone, against 7 µs for SQLite to run it (issue 17).
//
// `preparedQuery((db, v) => db.selectFrom(…).where("id", "=", v.id))` builds the query once with a marker in place
// of each value of `v`, keeps the SQL and where each marker landed, and later runs that SQL with the values given.
// Only plain values may come from `v` (no identifiers, no `sql.lit`, nothing that changes the query's shape):
// a shape that depends on a value must stay an ordinary Kysely query. A plugin's `transformQuery` sees the query once,
// when it is built (with the markers); count prepared queries with the tests' `countQueries`, which counts executions.
import { CompiledQuery, type Compilable, type QueryResult } from "kysely";
import type { DB } from "./db.server";

class Marker {
  constructor(readonly name: string) {}
}

interface Prepared {
  sql: string;
  /** A marker (the name of a value) or a constant written in the query. */
  parameters: readonly unknown[];
}

export function preparedQuery<V extends Record<string, unknown>, R>(
  build: (db: DB, values: V) => Compilable<R>,
): (db: DB, values: V) => Promise<QueryResult<R>> {
  // Per store (SQLite and PostgreSQL write different SQL): keyed by the handle's adapter.
  const byAdapter = new WeakMap<object, Prepared>();
  return async (db, values) => {
    const adapter = db.getExecutor().adapter;
    let prepared = byAdapter.get(adapter);
    if (!prepared) {
      const markers = Object.fromEntries(Object.keys(values).map((name) => [name, new Marker(name)])) as unknown as V;
      const compiled = build(db, markers).compile();
      prepared = { sql: compiled.sql, parameters: compiled.parameters };
      byAdapter.set(adapter, prepared);
    }
    const parameters = prepared.parameters.map((p) => {
      if (!(p instanceof Marker)) return p;
      if (!(p.name in values)) throw new Error(`preparedQuery: no value for ${p.name}`);
      return values[p.name];
    });
    return db.executeQuery<R>(CompiledQuery.raw(prepared.sql, parameters));
  };
}
