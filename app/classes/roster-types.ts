// Shapes of a checked list of names (the bulk account page), shared by the server modules and the report component.

export interface ImportRow {
  line: number;
  fullName: string;
  birthYear: number | null;
}

/** Why one line of the list was refused (the other lines may still be created). */
export type RosterLineReason = "tooManyColumns" | "invalidName" | "invalidBirthYear" | "duplicate" | "alreadyInClass";

export interface RefusedRow {
  line: number;
  text: string;
  reason: RosterLineReason;
  /** For duplicates: the line it repeats. */
  otherLine?: number;
}

/** Why the list as a whole cannot be read. */
export type ImportFailure = "notUtf8" | "tooManyRows" | "noRows" | "wrongColumns" | "unreadable" | "fileTooLarge";

/** What was found in the list: shown with the cards, or with the refusal when nothing was created. */
export interface BulkReport {
  accepted: ImportRow[];
  refused: RefusedRow[];
  emptyLines: number[];
  headerLine: number | null;
  /** Lines with the same name (and birth year) as an earlier line: both are created, with distinct usernames. */
  sameName?: { line: number; otherLine: number; text: string }[];
}
