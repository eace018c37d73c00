// Certificates as keys: which required programs a person lacks, and what a revocation takes away at once.
// A person holds a program's credential while their newest certificate of it is valid or superseded (a
// reissue supersedes the old one and adds a valid one; a revocation ends it until staff issue again).
import type { ProgramKind } from "#db/schema";
import type { Locale } from "~/i18n";
import { bilingual, localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { notifyMany } from "~/notifications/notifications.server";
import { releaseBooking } from "./holds.server";

export interface MissingCredential {
  programId: number;
  title: string;
  slug: string;
  kind: ProgramKind;
}

/** Programs the resources require, per resource (one query for any number of resources). */
export async function requiredProgramsOf(db: DB, resourceIds: number[]) {
  if (resourceIds.length === 0) return [];
  return db
    .selectFrom("lab_resource_credentials as rc")
    .innerJoin("programs as p", "p.id", "rc.program_id")
    .select(["rc.resource_id", "p.id", "p.slug", "p.kind", "p.title_vi", "p.title_en", "p.status"])
    .where("rc.resource_id", "in", resourceIds)
    .orderBy("p.id")
    .execute();
}

/** Of these programs, those whose credential the person holds now. */
export async function heldPrograms(db: DB, userId: number, programIds: number[]): Promise<Set<number>> {
  if (programIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("certificates as c")
    .select(["c.program_id", "c.status"])
    .where("c.user_id", "=", userId)
    .where("c.program_id", "in", programIds)
    .where((eb) =>
      eb(
        "c.id",
        "=",
        eb
          .selectFrom("certificates as n")
          .select((e) => e.fn.max("n.id").as("m"))
          .whereRef("n.user_id", "=", "c.user_id")
          .whereRef("n.program_id", "=", "c.program_id"),
      ),
    )
    .execute();
  return new Set(rows.filter((r) => r.status !== "revoked").map((r) => r.program_id));
}

/** The resource's required programs the person lacks (all of several are needed). */
export async function missingCredentials(db: DB, userId: number | null, resourceId: number, locale: Locale): Promise<MissingCredential[]> {
  const required = await requiredProgramsOf(db, [resourceId]);
  const held = userId === null ? new Set<number>() : await heldPrograms(db, userId, required.map((r) => r.id));
  return required
    .filter((r) => !held.has(r.id))
    .map((r) => ({ programId: r.id, title: localized(r, "title", locale), slug: r.slug, kind: r.kind }));
}

/** Where a program's page is, so a refusal can say where to earn the credential. */
export function programPath(p: { kind: ProgramKind; slug: string }): string {
  return p.kind === "course" ? `/courses/${p.slug}` : p.kind === "workshop" ? `/workshops/${p.slug}` : `/tours/${p.slug}`;
}

/**
 * A certificate was revoked (called inside the revocation's transaction): the person's future bookings of
 * resources that require that program are cancelled, their seats freed, and the person notified.
 */
export async function onCredentialRevoked(db: DB, input: { userId: number; programId: number; now: string }): Promise<number> {
  const held = await heldPrograms(db, input.userId, [input.programId]);
  if (held.has(input.programId)) return 0;
  const bookings = await db
    .selectFrom("lab_bookings as b")
    .innerJoin("lab_resources as r", "r.id", "b.resource_id")
    .innerJoin("lab_resource_credentials as rc", "rc.resource_id", "b.resource_id")
    .select(["b.id", "b.resource_id", "b.user_id", "b.starts_at", "b.ends_at", "b.slots", "b.week_start", "b.status", "r.name_vi", "r.name_en"])
    .where("b.user_id", "=", input.userId)
    .where("rc.program_id", "=", input.programId)
    .where("b.status", "=", "booked")
    .where("b.starts_at", ">", input.now)
    .execute();
  const program = await db.selectFrom("programs").select(["title_vi", "title_en"]).where("id", "=", input.programId).executeTakeFirstOrThrow();
  const cancelled = [];
  for (const b of bookings) {
    if (await releaseBooking(db, b, { reason: "credential", now: input.now })) cancelled.push(b);
  }
  await notifyMany(
    db,
    cancelled.map((b) => ({
      userId: b.user_id,
      messageKey: "lab.notify.cancelledCredential",
      params: { resource: bilingual(b, "name"), when: b.starts_at, program: bilingual(program, "title") },
      link: "/lab/bookings",
    })),
    input.now,
  );
  return cancelled.length;
}
