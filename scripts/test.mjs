// `npm test`: build the production bundle, run the unit/integration tests, then the browser tests,
// and print the totals as one line: "N passed, N failed".
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const args = process.argv.slice(2);
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const run = (cmd, cmdArgs) => spawnSync(cmd, cmdArgs, { stdio: "inherit", env: process.env }).status ?? 1;

// Types first: a strict type error is a failure, like a failing test.
if (run(npx, ["tsc", "--noEmit"]) !== 0) {
  console.error("typecheck failed (npx tsc --noEmit)");
  console.log("0 passed, 1 failed");
  process.exit(1);
}

if (!args.includes("--no-build")) {
  const status = run(npx, ["remix", "vite:build"]);
  if (status !== 0) {
    console.error("build failed");
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
}

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "stemhub-test-"));
let passed = 0;
let failed = 0;
let exit = 0;
for (const project of ["unit", "e2e"]) {
  const report = path.join(outDir, `${project}.json`);
  const extra = project === "e2e" ? ["--no-file-parallelism"] : [];
  const status = run(npx, ["vitest", "run", "--project", project, ...extra, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`]);
  if (status !== 0) exit = 1;
  if (fs.existsSync(report)) {
    const r = JSON.parse(fs.readFileSync(report, "utf8"));
    passed += r.numPassedTests ?? 0;
    // A file that failed to load counts as one failure even though no test in it ran.
    const brokenFiles = (r.testResults ?? []).filter((f) => f.status === "failed" && (f.assertionResults ?? []).length === 0).length;
    failed += (r.numFailedTests ?? 0) + brokenFiles;
  } else {
    failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(exit || (failed > 0 ? 1 : 0));
