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

export interface InsightsTables {
  student_served_years: StudentServedYearsTable;
  student_served_dirty: StudentServedDirtyTable;
}
