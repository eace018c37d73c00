// Start-up brings the insights summaries up to date (refreshInsightSummaries in prepareDatabase): the demo data's
// writes marked students, days, meetings and schools; after start-up nothing is left marked and the summaries hold
// the demo's rows. Its own file: the start-up tests of tests/foundation/startup.test.ts need an empty database.
import { afterEach, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { prepareDatabase } from "~/lib/startup.server";

const saved = { ...env };
afterEach(() => Object.assign(env, saved));

describe("the insights summaries at start-up", () => {
  it("are brought up to date: the demo data's marks are cleared and the summaries hold its rows", async () => {
    Object.assign(env, { publicOrigin: "", seedDemoData: true, seedDemoDataExplicit: true });
    await prepareDatabase(() => undefined);
    for (const marks of ["student_served_dirty", "school_served_dirty", "insight_dirty_days", "unmet_dirty", "meeting_marks_dirty"] as const) {
      const left = await db.selectFrom(marks).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
      expect(Number(left.n), marks).toBe(0);
    }
    for (const summary of ["student_served_years", "school_served_years", "insight_days", "insight_funnel_days", "meeting_marks"] as const) {
      const rows = await db.selectFrom(summary).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
      expect(Number(rows.n), summary).toBeGreaterThan(0);
    }
  });
});
