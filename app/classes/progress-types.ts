// Shapes of the class progress matrix, shared by the server module and the components that draw it.

export type Column =
  | { kind: "course"; id: number; title: string }
  | { kind: "session"; id: number; title: string; startsAt: string }
  | { kind: "tour"; id: number; title: string; startsAt: string };

export type SessionState = "attended" | "absent" | "waitlisted" | "confirmed" | "cancelled" | "none";

export type Cell =
  | { kind: "course"; percent: number; enrolled: boolean; completedAt: string | null; lastActivityAt: string | null }
  | { kind: "session"; state: SessionState; position: number | null; attended: number; meetings: number }
  | { kind: "tour"; done: boolean };

export interface MatrixRow {
  studentId: number;
  fullName: string;
  username: string | null;
  cells: Cell[];
  /** Mean of course percentages and of marked attendance (attended 100, absent 0); null when nothing counts yet. */
  total: number | null;
}
