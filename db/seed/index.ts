// Deterministic Vietnamese demo data, loaded only into an empty database.
import type { Kysely } from "kysely";
import type { Database } from "../schema";
import { seedFoundation } from "./foundation";
import { seedWorkshops } from "./workshops";
import { seedCourses } from "./courses";
import { seedClasses } from "./classes";
import { seedTours } from "./tours";
import { seedCertificates } from "./certificates";
import { seedLab } from "./lab";
import { seedCentre } from "./centre";
import { seedTopicNames } from "./topics";
import { seedGuardians } from "./guardians";

/** The demo accounts everyone can log into (password in the README): the server warns while they exist. */
export const DEMO_ACCOUNT_EMAILS = [
  "admin@example.com",
  "staff@example.com",
  "teacher@example.com",
  "coordinator@example.com",
  "student@example.com",
  "student2@example.com",
  "guardian@example.com",
];

export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  return !row;
}

export async function seedDemoData(db: Kysely<Database>): Promise<void> {
  const ctx = await seedFoundation(db);
  // Order matters: classes enrol in courses and workshops; certificates come from completions.
  await seedWorkshops(ctx);
  await seedCourses(ctx);
  await seedClasses(ctx);
  await seedTours(ctx);
  await seedCertificates(ctx);
  await seedLab(ctx);
  await seedGuardians(ctx);
  await seedCentre(db);
  await seedTopicNames(db);
}

export async function seedDemoDataIfEmpty(db: Kysely<Database>): Promise<boolean> {
  if (!(await isDatabaseEmpty(db))) return false;
  await seedDemoData(db);
  return true;
}
