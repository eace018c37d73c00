// One HTTP request's scope, shared by every loader that answers it. Remix hands each loader its own copy of the
// Request (it strips `index` / `_routes` into a new Request), so a cache keyed by the Request object cannot see
// that the root loader and the page loader serve the same page view; this scope can. The HTTP server
// (server/app.mjs) opens it around Remix's handler through `runInRequestScope` (exported by entry.server.tsx).
import { AsyncLocalStorage } from "node:async_hooks";

export type RequestScope = Map<string, unknown>;

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(fn: () => T): T {
  return storage.run(new Map(), fn);
}

/** The current request's scope, or undefined outside the HTTP server (tests, scripts). */
export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}
