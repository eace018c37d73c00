// The one query counter of the tests. Two ways to count:
// - `countQueries(fn)`: every query any Kysely handle of this process sends while fn runs (the app's `db`, its
//   transactions, handles a test opened), so route loaders and actions can be measured as they are;
// - `new QueryCounter()` as a plugin: `f(db.withPlugin(counter)); counter.count`, for one handle (it keeps the
//   queries it saw too: `counter.seen`, which ./plans explains).
// Tests that promise "a fixed number of queries" compare a small and a large case (the count must not grow with
// the data) rather than copying the implementation's exact number.
import {
  DefaultQueryExecutor,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";

export class QueryCounter implements KyselyPlugin {
  readonly seen: { node: RootOperationNode; queryId: PluginTransformQueryArgs["queryId"] }[] = [];
  get count(): number {
    return this.seen.length;
  }
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.seen.push({ node: args.node, queryId: args.queryId });
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

let counting = false;

/** Runs fn and counts the queries sent meanwhile (begin/commit of transactions are not queries here). Not nestable. */
export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number }> {
  if (counting) throw new Error("countQueries: already counting");
  counting = true;
  const proto = DefaultQueryExecutor.prototype as unknown as { executeQuery: (...args: unknown[]) => Promise<unknown> };
  const original = proto.executeQuery;
  let queries = 0;
  proto.executeQuery = function (this: unknown, ...args: unknown[]) {
    queries += 1;
    return original.apply(this, args);
  };
  try {
    const result = await fn();
    return { result, queries };
  } finally {
    proto.executeQuery = original;
    counting = false;
  }
}
