// What the staff resource form shows and sends: shared by the form component and the capability that saves it.
import type { LabResourceKind } from "#db/schema";

export interface ResourceFormValues {
  slug: string;
  kind: LabResourceKind;
  nameVi: string;
  nameEn: string;
  descriptionVi: string;
  descriptionEn: string;
  location: string;
  capacity: number;
  slotMinutes: number;
  maxSlotsPerBooking: number;
  maxHoursPerWeek: number | null;
  minGrade: number | null;
  minAge: number | null;
  noShowPenalty: boolean;
  openingHours: string;
  programIds: number[];
}
