// Fixed instants for tests, defined once. Vietnam is UTC+7 all year: the awkward moments are those where the
// Vietnamese date differs from the UTC one.

/** An ordinary instant the courses and certificates tests act at (any works: they compare times with each other). */
export const NOW = "2026-11-20T03:00:00.000Z";

/** 23:30 on 31 December 2026 in Vietnam (still 2026 there and in UTC). */
export const NEW_YEARS_EVE_2330_VN = "2026-12-31T16:30:00.000Z";
/** 00:30 on 1 January 2027 in Vietnam: already 2027 there, still 31 December 2026 in UTC. */
export const NEW_YEAR_0030_VN = "2026-12-31T17:30:00.000Z";

/** Sunday 31 January 2027, the last day of a month and a Sunday: 23:30 in Vietnam. */
export const LAST_SUNDAY_2330_VN = "2027-01-31T16:30:00.000Z";
/** 23:59 that Sunday night in Vietnam. */
export const LAST_SUNDAY_2359_VN = "2027-01-31T16:59:00.000Z";
/** Midnight starting Monday 1 February 2027 in Vietnam (still Sunday 31 January in UTC). */
export const FEB_1_0000_VN = "2027-01-31T17:00:00.000Z";
/** 00:30 on 1 February 2027 in Vietnam. */
export const FEB_1_0030_VN = "2027-01-31T17:30:00.000Z";

/**
 * Waits, if needed, until the current fixed window of `windowMs` (throttle windows are aligned to the clock) has
 * at least `needMs` left, so a test that fills a window at the real time does not see it roll over midway.
 * It looks at Date again after each wait: in the half of the suite whose clock is shifted, Date is a fake that
 * advances in steps driven by a timer, and on a busy machine it falls behind the real time a timeout measures,
 * so a single wait of the window's remaining time can end just short of the edge.
 */
export async function awayFromWindowEdge(windowMs: number, needMs: number): Promise<void> {
  for (;;) {
    const left = windowMs - (Date.now() % windowMs);
    if (left >= needMs) return;
    await new Promise((resolve) => setTimeout(resolve, Math.min(left + 50, 250)));
  }
}
