// The Node flags the server runs with, read from `npm start`'s command in package.json (the one place they are
// written), so the browser tests and `npm run bench` start the server exactly as production does.
// Why these (issue 17): under the benchmark's load at 100,000 students the default heap grew to 519 MB RSS;
// a 192 MB old space and 8 MB semi-spaces kept the peak at 239 MB with the same throughput.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function serverNodeFlags() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const match = /^node((?:\s+--\S+)*)\s+scripts\/start\.mjs$/.exec(pkg.scripts?.start ?? "");
  return match ? match[1].trim().split(/\s+/).filter(Boolean) : [];
}
