// What the foundation seed hands to each capability's seed.
import type { Kysely } from "kysely";
import type { Database } from "../schema";

export interface SeedContext {
  db: Kysely<Database>;
  /** Argon2id hash of the demo password, computed once. */
  passwordHash: string;
  /** Start of today in Vietnam, as ISO UTC: demo dates are relative to it so the data stays "upcoming". */
  today: string;
  users: {
    admin: number;
    staff: number;
    teacher: number;
    coordinator: number;
    student: number;
    student2: number;
  };
  schools: number[];
}

export const DEMO_PASSWORD = "stemhub-demo";
