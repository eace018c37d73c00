// Tables a copy of a centre's database treats specially, for `npm run db:copy` (db/tools/copy.ts) and the
// benchmark's bulk loader (scripts/bench/pg-load.mjs). Plain JavaScript so both can import it.

/** Tables whose one row a migration writes (settings): the source's row replaces the target's default. */
export const FILLED_BY_MIGRATIONS = new Set(["centre_settings", "credential_status_counter"]);

/**
 * Summaries the target's own triggers rebuild (migrations 0027, 0030–0035): copying a registration, an enrolment,
 * a certificate, a class member or an attendance mark marks its student, its days, its school or its meeting
 * there, and the first count recomputes what is marked.
 */
export const DERIVED = new Set([
  "student_served_years",
  "student_served_dirty",
  "student_served_topic_years",
  "student_served_counts",
  "school_served_years",
  "school_served_dirty",
  "insight_days",
  "insight_funnel_days",
  "insight_dirty_days",
  "unmet_years",
  "unmet_topic_years",
  "unmet_program_counts",
  "unmet_topic_counts",
  "unmet_dirty",
  "meeting_marks",
  "meeting_marks_dirty",
  "course_progress_counts",
]);

/**
 * Counts the target's triggers keep exact row by row (migration 0035): copying the rows they count builds them,
 * so they are never copied themselves (a copy would count twice).
 */
export const KEPT_BY_TRIGGERS = new Set(["course_progress_counts"]);

/** The summaries' marks tables (what the target's triggers fill when rows are copied). */
export const SUMMARY_MARKS = new Set(["student_served_dirty", "school_served_dirty", "insight_dirty_days", "unmet_dirty", "meeting_marks_dirty"]);
