// Shapes the guardians capability hands to its pages (safe in the browser: types only).

/** One student's row on a booking's or a session's slips list. */
export interface SlipRow {
  id: number | null;
  studentId: number;
  studentName: string;
  status: "pending" | "yes" | "no" | "void" | "noConsent";
  emergencyPhone: string | null;
  /** Only for the class's teachers and staff (staff: on the day). */
  medicalNote: string | null;
  signedName: string | null;
  signedAt: string | null;
  guardians: number;
}
