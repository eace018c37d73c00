// Who may register for a workshop: grade within the program's grade range, or age (from birth year) within its age
// range. A student with neither recorded may register (staff can check at the door); the page shows a notice.
export interface EligibilityLimits {
  grade_min: number | null;
  grade_max: number | null;
  age_min: number | null;
  age_max: number | null;
}

export type Eligibility = "eligible" | "notEligible" | "unknown";

const within = (v: number, min: number | null, max: number | null) => (min === null || v >= min) && (max === null || v <= max);

export function checkEligibility(
  limits: EligibilityLimits,
  student: { grade: number | null; birthYear: number | null },
  year: number,
): Eligibility {
  const hasGrade = limits.grade_min !== null || limits.grade_max !== null;
  const hasAge = limits.age_min !== null || limits.age_max !== null;
  if (!hasGrade && !hasAge) return "eligible";
  const checks: boolean[] = [];
  if (hasGrade && student.grade !== null) checks.push(within(student.grade, limits.grade_min, limits.grade_max));
  if (hasAge && student.birthYear !== null) checks.push(within(year - student.birthYear, limits.age_min, limits.age_max));
  if (checks.length === 0) return "unknown";
  return checks.some(Boolean) ? "eligible" : "notEligible";
}
