// Issue 14: the summary behind "students served" (migration 0027; kept by triggers, rebuilt per marked student).
export interface StudentServedYearsTable {
  /** The school year by its first calendar year (2026 = 1 September 2026 – 31 August 2027, Vietnam time). */
  school_year: number;
  user_id: number;
  /** One bit per month with activity, bit 0 = September … bit 11 = August; per kind of program. */
  course_months: number;
  workshop_months: number;
  other_months: number;
}

export interface StudentServedDirtyTable {
  user_id: number;
}

/** Issue 17: the students' rows per topic: the months served at programs of that topic (migration 0031). */
export interface StudentServedTopicYearsTable {
  school_year: number;
  topic: string;
  user_id: number;
  course_months: number;
  workshop_months: number;
  other_months: number;
}

/** Issue 17: students per school year, topic ('' = any), kind ("any", "course", "workshop", "other") and mask (0031). */
export interface StudentServedCountsTable {
  school_year: number;
  topic: string;
  kind: string;
  mask: number;
  students: number;
}

/** Issue 17: the union of a school's members' months served, per school year (migration 0031). */
export interface SchoolServedYearsTable {
  school_id: number;
  school_year: number;
  /** '' = programs of any topic. */
  topic: string;
  course_months: number;
  workshop_months: number;
  other_months: number;
}

export interface SchoolServedDirtyTable {
  school_id: number;
}

/** Issue 17: sums per Vietnam day ("2026-10-05") and program (migration 0030; kept by triggers, rebuilt per marked day). */
export interface InsightDaysTable {
  day: string;
  program_id: number;
  /** Enrolments begun and completed that day. */
  enrolled: number;
  completed: number;
  /** Certificates issued that day: still valid, and since revoked. */
  certificates: number;
  revoked: number;
  /** Workshop registrations made that day (whatever became of them). */
  registrations: number;
}

/** Enrolments begun per day and program, by required lessons done and completed (0/1): the course funnel. */
export interface InsightFunnelDaysTable {
  day: string;
  program_id: number;
  required_done: number;
  completed: number;
  enrolments: number;
}

export interface InsightDirtyDaysTable {
  day: string;
}

/** Issue 17: per school year, program and student without a seat there, the months of the sessions waited for (0032). */
export interface UnmetYearsTable {
  school_year: number;
  program_id: number;
  user_id: number;
  months: number;
}

/** The same per topic: the union of the student's months at the topic's programs. */
export interface UnmetTopicYearsTable {
  school_year: number;
  /** "any" (programs of every kind) or a program kind. */
  kind: string;
  topic: string;
  user_id: number;
  months: number;
}

/** Issue 17: students per school year, program and months mask of `unmet_years` (migration 0034). */
export interface UnmetProgramCountsTable {
  school_year: number;
  program_id: number;
  months: number;
  students: number;
}

/** The same per kind and topic, of `unmet_topic_years`. */
export interface UnmetTopicCountsTable {
  school_year: number;
  kind: string;
  topic: string;
  months: number;
  students: number;
}

export interface UnmetDirtyTable {
  user_id: number;
}

/** Issue 17: per meeting, the attendance marks of confirmed registrations (migration 0033). */
export interface MeetingMarksTable {
  meeting_id: number;
  attended: number;
  absent: number;
}

export interface MeetingMarksDirtyTable {
  meeting_id: number;
}

export interface InsightsTables {
  student_served_years: StudentServedYearsTable;
  student_served_dirty: StudentServedDirtyTable;
  student_served_topic_years: StudentServedTopicYearsTable;
  student_served_counts: StudentServedCountsTable;
  school_served_years: SchoolServedYearsTable;
  school_served_dirty: SchoolServedDirtyTable;
  insight_days: InsightDaysTable;
  insight_funnel_days: InsightFunnelDaysTable;
  insight_dirty_days: InsightDirtyDaysTable;
  unmet_years: UnmetYearsTable;
  unmet_topic_years: UnmetTopicYearsTable;
  unmet_program_counts: UnmetProgramCountsTable;
  unmet_topic_counts: UnmetTopicCountsTable;
  unmet_dirty: UnmetDirtyTable;
  meeting_marks: MeetingMarksTable;
  meeting_marks_dirty: MeetingMarksDirtyTable;
}
