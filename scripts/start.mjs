// `npm start`: build when the build is missing or older than the sources, then run the server.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = process.cwd();
const marker = path.join(root, process.env.STEMHUB_BUILD_DIR || "build", "server", "index.js");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const sources = ["app", "db", "public"].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d));
const stale = !fs.existsSync(marker) || Math.max(...sources.map(newestMtime)) > fs.statSync(marker).mtimeMs;
if (stale) {
  console.log("building stem-hub…");
  const r = spawnSync("npx", ["remix", "vite:build"], { stdio: "inherit", shell: process.platform === "win32" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await import("../server/index.mjs");
