// Starting and stopping the servers under test (the production build, the bare baselines), waiting for
// /healthz, and sampling their memory from /proc.
import { spawn } from "node:child_process";
import { serverNodeFlags } from "../../server/node-flags.mjs";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "..", "..");

/** Every process this run started, so a crash or Ctrl-C still stops them (by pid, never by name). */
const running = new Set();
export function stopAllServers() {
  for (const child of running) {
    try {
      child.kill("SIGKILL");
    } catch {
      /* already gone */
    }
  }
  running.clear();
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function getStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", () => resolve(0));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(0);
    });
  });
}

/** GET a page and return its status and body (used for page sizes and for checks). */
export function fetchText(url, headers = {}) {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", (e) => resolve({ status: 0, body: Buffer.alloc(0), error: e.message }));
  });
}

/**
 * Spawns `node <args>` and resolves once GET /healthz answers 200, with the time it took (cold start).
 * The server's output goes to logFile (the request log would otherwise fill a pipe).
 */
export async function startServer({ name, args, env, logFile, ipc = false, timeoutMs = 60_000 }) {
  const port = await freePort();
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, "a");
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), SEED_DEMO_DATA: "false", ...env },
    stdio: ipc ? ["ignore", log, log, "ipc"] : ["ignore", log, log],
  });
  fs.closeSync(log);
  running.add(child);
  let exited = null;
  child.on("exit", (code, signal) => {
    exited = { code, signal };
    running.delete(child);
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited) {
      const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-25).join("\n");
      throw new Error(`${name} exited during start (${exited.signal ?? exited.code}); log ${logFile}:\n${tail}`);
    }
    if (performance.now() - t0 > timeoutMs) {
      child.kill("SIGKILL");
      throw new Error(`${name} did not answer /healthz within ${timeoutMs / 1000} s (log ${logFile})`);
    }
    if ((await getStatus(`${base}/healthz`)) === 200) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const coldStartMs = performance.now() - t0;
  return {
    name,
    child,
    pid: child.pid,
    base,
    port,
    coldStartMs,
    /** Statements executed so far (only with the query-counter preload and ipc). */
    statements() {
      return new Promise((resolve) => {
        const onMsg = (m) => {
          if (m?.type === "bench:count") {
            child.off("message", onMsg);
            resolve(m.statements);
          }
        };
        child.on("message", onMsg);
        child.send({ type: "bench:count" });
        setTimeout(() => resolve(null), 2000).unref();
      });
    },
    async stop() {
      if (exited) return;
      const done = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 8000);
      await done;
      clearTimeout(timer);
    },
  };
}

export function startApp({ dbFile, databaseUrl, workers = 1, preload, logFile, ipc = false, poolSize }) {
  // BENCH_APP_NODE_ARGS: node flags for the app server only (e.g. "--cpu-prof --cpu-prof-dir=/tmp/p" to profile it
  // under load, or a heap limit to compare); NODE_OPTIONS would reach the load generator and the baselines too.
  // The flags `npm start` runs the server with come first (server/node-flags.mjs); BENCH_APP_NODE_ARGS may add or override.
  const args = [...serverNodeFlags(), ...(process.env.BENCH_APP_NODE_ARGS || "").split(/\s+/).filter(Boolean)];
  if (preload) args.push("--import", pathToUrl(preload));
  args.push(path.join(root, "server", "index.mjs"));
  const env = databaseUrl
    ? { DATABASE_URL: databaseUrl, WEB_CONCURRENCY: String(workers), ...(poolSize ? { DATABASE_POOL_SIZE: String(poolSize) } : {}) }
    : { DATABASE_PATH: dbFile, DATABASE_URL: "", WEB_CONCURRENCY: "1" };
  return startServer({ name: databaseUrl ? `stem-hub on PostgreSQL ×${workers}` : "stem-hub on SQLite", args, env, logFile, ipc });
}

export function startBare({ kind, dbFile, databaseUrl, sizes, logFile }) {
  const script = path.join(here, kind === "postgres" ? "bare-pg.mjs" : "bare-sqlite.mjs");
  return startServer({
    name: `bare ${kind}`,
    args: [script],
    env: {
      BENCH_DB: dbFile ?? "",
      BENCH_DATABASE_URL: databaseUrl ?? "",
      BENCH_CATALOG_BYTES: String(sizes?.catalog ?? 0),
      BENCH_PROGRAM_BYTES: String(sizes?.program ?? 0),
    },
    logFile,
  });
}

function pathToUrl(p) {
  return new URL(`file://${path.resolve(p)}`).href;
}

// ------------------------------------------------------------------------------------------------------------
// Memory: VmRSS of a process and all its descendants (cluster workers), from /proc.
// ------------------------------------------------------------------------------------------------------------
function descendants(pid) {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    let tasks = [];
    try {
      tasks = fs.readdirSync(`/proc/${out[i]}/task`);
    } catch {
      continue;
    }
    for (const t of tasks) {
      try {
        const kids = fs.readFileSync(`/proc/${out[i]}/task/${t}/children`, "utf8").trim();
        if (kids) out.push(...kids.split(/\s+/).map(Number));
      } catch {
        /* gone */
      }
    }
  }
  return out;
}

export function rssMb(pid) {
  let kb = 0;
  for (const p of descendants(pid)) {
    try {
      const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"));
      if (m) kb += Number(m[1]);
    } catch {
      /* gone */
    }
  }
  return kb / 1024;
}

/** Samples RSS every 100 ms until stopped; peak is the highest sample. */
export function rssSampler(pid) {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 100);
  return {
    now: () => rssMb(pid),
    peak: () => peak,
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, rssMb(pid));
      return peak;
    },
  };
}
