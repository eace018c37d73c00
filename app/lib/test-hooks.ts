// Test-only pauses between a check and the write it guards, so that race tests can hold one transaction after
// its reads while a second one runs (tests/concurrency). In production nothing registers a hook: `pauseForTests`
// returns at once. Never put behaviour here: a hook may only wait.

/** The places a capability may be held between its checks and its write. */
export type PausePoint = "workshops.register" | "tours.book" | "courses.enrol";

export const testHooks: { pause?: (point: PausePoint) => Promise<void> } = {};

export async function pauseForTests(point: PausePoint): Promise<void> {
  if (testHooks.pause) await testHooks.pause(point);
}
