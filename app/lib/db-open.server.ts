// Opening a database: SQLite (a file, in memory, or from an image) or PostgreSQL. No handle is opened here: the
// process's one handle is `db` in db.server.ts (the unit tests' setup opens it here first, from a migrated image).
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import {
  Kysely,
  LimitNode,
  OffsetNode,
  OperationNodeTransformer,
  SqliteDialect,
  ValueNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RawNode,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";
import type { Database } from "#db/schema";
import { postgresDialect } from "./dialect.server";
import { env } from "./env.server";

/** A whole number that can be written into the SQL text as it is (never anything a user could shape into SQL). */
function inlinableCount(node: OperationNode): ValueNode | null {
  if (!ValueNode.is(node) || node.immediate) return null;
  const v = node.value;
  const whole = (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) || (typeof v === "bigint" && v >= 0n);
  return whole ? ValueNode.createImmediate(v) : null;
}

class InlineLimitsTransformer extends OperationNodeTransformer {
  // Raw `sql` queries: a value right after "limit" or "offset".
  protected override transformRaw(node: RawNode): RawNode {
    const parameters = node.parameters.map((p, i) => (/\b(limit|offset)\s*$/i.test(node.sqlFragments[i] ?? "") ? (inlinableCount(p) ?? p) : p));
    return super.transformRaw({ ...node, parameters });
  }
}

/**
 * Writes LIMIT and OFFSET counts into the SQL text instead of binding them. SQLite (3.53, built with STAT4) marks a
 * bound LIMIT as a value that may change the plan, so binding it again expires the statement and every run
 * prepared it anew: a 6-way join with `limit ?` took 35 µs a run instead of 4 µs (issue 17, the registration's
 * overlap check). Only non-negative whole numbers are inlined; a page number becomes its own cached statement. A
 * subquery's LIMIT stays bound (slower, never wrong).
 */
export class InlineLimitsPlugin implements KyselyPlugin {
  readonly #transformer = new InlineLimitsTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const { node } = args;
    // Only what can carry a count: a select with a LIMIT or OFFSET, or a raw query (a full tree walk for every
    // statement cost more than it saved).
    if (node.kind === "RawNode") return this.#transformer.transformNode(node);
    if (node.kind !== "SelectQueryNode" || (!node.limit && !node.offset)) return node;
    const limit = node.limit && inlinableCount(node.limit.limit);
    const offset = node.offset && inlinableCount(node.offset.offset);
    if (!limit && !offset) return node;
    return { ...node, ...(limit ? { limit: LimitNode.create(limit) } : {}), ...(offset ? { offset: OffsetNode.create(offset) } : {}) };
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
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

/**
 * A SQLite database: a file, ":memory:", or a serialized database image opened in memory (the unit tests open each
 * file's database from a migrated image: tests/helpers/setup.ts).
 */
export function openSqlite(file: string | Buffer): Kysely<Database> {
  if (typeof file === "string" && file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // NORMAL in WAL mode: a power loss may drop the last transactions, never corrupt the file (README).
  sqlite.pragma("synchronous = NORMAL");
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins: [new InlineLimitsPlugin()] });
  const committedElsewhere = sqlite.prepare("PRAGMA data_version").pluck();
  const changedHere = sqlite.prepare("SELECT total_changes()").pluck();
  dataVersionReaders.set(kysely, () => `${committedElsewhere.get()}:${changedHere.get()}`);
  return kysely;
}

export function openPostgres(url: string, poolSize = env.databasePoolSize): Kysely<Database> {
  // The same SQL text on both stores.
  return new Kysely<Database>({ dialect: postgresDialect(url, poolSize), plugins: [new InlineLimitsPlugin()] });
}
