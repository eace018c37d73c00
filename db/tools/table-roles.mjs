// Tables a copy of a centre's database treats specially, for `npm run db:copy` (db/tools/copy.ts) and the
// benchmark's bulk loader (scripts/bench/pg-load.mjs). Plain JavaScript so both can import it.

/** Tables whose one row a migration writes (settings): the source's row replaces the target's default. */
export const FILLED_BY_MIGRATIONS = new Set(["centre_settings", "credential_status_counter"]);

/**
 * Summaries the target's own triggers rebuild (migration 0027): copying a registration or an enrolment marks its
 * student there, and the first count recomputes the marked students.
 */
export const DERIVED = new Set(["student_served_years", "student_served_dirty"]);
