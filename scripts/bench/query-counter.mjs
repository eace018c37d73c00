// Preloaded into the server for the page timings only (node --import): counts SQL statements executed by
// better-sqlite3 (run/get/all/iterate, so a prepared-statement cache does not hide queries; BEGIN and COMMIT
// count too) and on PostgreSQL pg's Client#query. run.mjs asks for the count over the IPC channel between
// sequential requests, so the difference is exactly what one page cost. Only statements run on behalf of an HTTP
// request count (an AsyncLocalStorage entered where the server emits "request"): the server's background jobs
// (the e-mail sender's polls, started outside any request) would otherwise add to a slow page's count whenever
// one of their timers fired during it.
import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.join(process.cwd(), "package.json"));
let statements = 0;
const inRequest = new AsyncLocalStorage();
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, ...args) {
  return event === "request" ? inRequest.run(true, () => emit.call(this, event, ...args)) : emit.call(this, event, ...args);
};
const count = () => {
  if (inRequest.getStore()) statements++;
};

try {
  const Database = require("better-sqlite3");
  const probe = new Database(":memory:");
  const proto = Object.getPrototypeOf(probe.prepare("select 1"));
  probe.close();
  for (const method of ["run", "get", "all", "iterate"]) {
    const original = proto[method];
    proto[method] = function (...args) {
      count();
      return original.apply(this, args);
    };
  }
} catch {
  /* no SQLite driver */
}

try {
  const pg = require("pg");
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (...args) {
    count();
    return original.apply(this, args);
  };
} catch {
  /* no pg */
}

if (process.send) {
  process.on("message", (m) => {
    if (m?.type === "bench:count") process.send({ type: "bench:count", statements });
  });
  process.channel?.unref();
}
