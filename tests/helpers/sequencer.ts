// The order in which test files start. Vitest's own order, without the results cache a clean clone lacks, is
// "larger files first": the accessibility files are short but among the slowest, so they started last and one of
// the two browser workers ran alone for minutes. Browser files start heaviest first (seconds measured in a
// `npm test` run on the 2-core CI machine; a file not listed counts as light), which keeps both workers busy to
// the end. Unit files keep their random order (--sequence.shuffle), from the run's seed, except that the few
// long ones start first (in random order among themselves): started last, one of them kept a worker busy alone
// for a minute after the others had finished (the PostgreSQL half's longest file takes ≈ 65 s on CI).
import { BaseSequencer, type TestSpecification } from "vitest/node";

const BROWSER_FILE_SECONDS: Record<string, number> = {
  // The two accessibility files are among the heaviest and slow each other down most (both run axe in
  // Chromium): they do not start side by side.
  "fuzz.test.ts": 101,
  "accessibility-staff.test.ts": 85,
  "courses.test.ts": 80,
  "accessibility.test.ts": 79,
  "insights.test.ts": 46,
  "journeys.test.ts": 43,
  "workshops.test.ts": 36,
  "tours.test.ts": 36,
  "lab.test.ts": 34,
  "postgres-cluster.test.ts": 34,
  "guardians.test.ts": 31,
  "classes.test.ts": 23,
  "mail.test.ts": 20,
  "certificates.test.ts": 20,
  "foundation.test.ts": 13,
  "checkin-scan.test.ts": 13,
};

/** Unit files that take ≈ 15 s or more on PostgreSQL in a `npm test` run on the 2-core CI machine. */
const LONG_UNIT_FILES = new Set([
  "tests/insights/served-summary.test.ts",
  "tests/classes/bulk-login-latency.test.ts",
  "tests/classes/join-and-accounts.test.ts",
  "tests/insights/daily-summary.test.ts",
  "tests/courses/report.test.ts",
]);

const fileName = (spec: TestSpecification) => spec.moduleId.split(/[\\/]/).pop() ?? spec.moduleId;

/** A seeded shuffle (mulberry32 + Fisher–Yates): the same seed gives the same order. */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export default class SuiteSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    if (files.length > 0 && files.every((f) => f.project.name === "e2e")) {
      const weight = (f: TestSpecification) => BROWSER_FILE_SECONDS[fileName(f)] ?? 0;
      return [...files].sort((a, b) => weight(b) - weight(a) || fileName(a).localeCompare(fileName(b)));
    }
    const { shuffle, seed } = this.ctx.config.sequence;
    if (!shuffle) return super.sort(files);
    // As vitest says it of its own random order: the seed reproduces the order (--sequence.seed=<n>).
    console.log(`      Running tests with seed "${seed}"`);
    const order = shuffled(files, seed);
    const isLong = (f: TestSpecification) => [...LONG_UNIT_FILES].some((name) => f.moduleId.replace(/\\/g, "/").endsWith(name));
    return [...order.filter(isLong), ...order.filter((f) => !isLong(f))];
  }
}
