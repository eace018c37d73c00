// Production entry: prepare the database (migrate, demo data on first run), then serve.
// WEB_CONCURRENCY=N (PostgreSQL only) runs N worker processes behind one port with Node's cluster module: the
// primary prepares the database once, the workers serve; sessions and throttles live in the database, so any
// worker can answer any request, and a worker that dies is replaced.
import cluster from "node:cluster";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createApp } from "./app.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildDir = path.resolve(root, process.env.STEMHUB_BUILD_DIR || "build");
process.env.NODE_ENV ??= "production";

const requested = Math.max(1, Number(process.env.WEB_CONCURRENCY) || 1);
const onPostgres = Boolean(process.env.DATABASE_URL);
if (requested > 1 && !onPostgres) {
  console.warn("WEB_CONCURRENCY > 1 needs PostgreSQL (DATABASE_URL): one SQLite file is served by one process; starting 1");
}
const workers = onPostgres ? requested : 1;

const build = await import(pathToFileURL(path.join(buildDir, "server", "index.js")).href);

if (workers > 1 && cluster.isPrimary) {
  await build.entry.module.prepareDatabase();
  for (let i = 0; i < workers; i++) cluster.fork({ STEMHUB_WORKER: "1" });
  let stopping = false;
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.warn(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    cluster.fork({ STEMHUB_WORKER: "1" });
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
      setTimeout(() => process.exit(0), 5000).unref();
      cluster.on("exit", () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    });
  }
} else {
  if (!process.env.STEMHUB_WORKER) await build.entry.module.prepareDatabase();
  const port = Number(process.env.PORT || 3000);
  const host = process.env.HOST || "0.0.0.0";
  const app = createApp({ build, buildDir, publicOrigin: (process.env.PUBLIC_ORIGIN || "").replace(/\/+$/, "") });
  // Every serving process runs the e-mail sender loop; claims keep several of them from sending a row twice.
  const stopBackgroundJobs = build.entry.module.startBackgroundJobs?.() ?? (() => undefined);
  const server = app.listen(port, host, () => {
    const address = server.address();
    const actual = typeof address === "object" && address ? address.port : port;
    if (!process.env.STEMHUB_WORKER) console.log(`stem-hub listening on http://localhost:${actual}`);
    else if (cluster.worker?.id === 1) console.log(`stem-hub listening on http://localhost:${actual} with ${workers} workers`);
  });
  server.on("connection", app.locals.noteConnection);
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      stopBackgroundJobs();
      server.close(() => process.exit(0));
    });
  }
}
