// What catalogue pages receive: camelCase views built by the catalogue's read functions, already in the reader's
// language. Types only, safe for components.
import type { ProgramKind, ProgramStatus } from "#db/schema";

/** Who a program is for: grades and/or ages (null = no limit on that side). */
export interface Audience {
  gradeMin: number | null;
  gradeMax: number | null;
  ageMin: number | null;
  ageMax: number | null;
}

/** One program in the catalogue list. */
export interface CatalogItem extends Audience {
  id: number;
  kind: ProgramKind;
  slug: string;
  title: string;
  summary: string;
  feeVnd: number;
  coverUrl: string | null;
  /** In the reader's language; `lang` says when a topic falls back to Vietnamese. */
  topics: { topic: string; label: string; lang: "vi" | "en" }[];
  /** The next scheduled workshop session, if any. */
  nextStart: string | null;
  href: string;
}

/** One row of the staff list of programs (the list shows the Vietnamese title, as its column says). */
export interface StaffProgramRow {
  id: number;
  slug: string;
  titleVi: string;
  status: ProgramStatus;
  sessions: number;
}

/** The program form's fields as the form shows them (text inputs), named like the form's inputs. */
export interface ProgramFormValues {
  slug?: string;
  titleVi?: string;
  titleEn?: string;
  summaryVi?: string;
  summaryEn?: string;
  descriptionVi?: string;
  descriptionEn?: string;
  gradeMin?: string;
  gradeMax?: string;
  ageMin?: string;
  ageMax?: string;
  feeVnd?: string;
  coverUrl?: string;
  topics?: string;
  /** The reminder switch (ticked for a new program). */
  mailReminders?: boolean;
  /** The permission-slip switch (workshops; off for a new program). */
  requiresSlip?: boolean;
  topicsEn?: string;
}
