// Reading lab resources: the public equipment list, one resource with its rules, opening hours and limits.
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { programPath, requiredProgramsOf } from "./credentials.server";
import type { OpeningRange } from "./rules";

export async function getResourceBySlug(db: DB, slug: string) {
  return (await db.selectFrom("lab_resources").selectAll().where("slug", "=", slug).where("status", "=", "active").executeTakeFirst()) ?? null;
}

export async function getResource(db: DB, id: number) {
  return (await db.selectFrom("lab_resources").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

export type ResourceRow = NonNullable<Awaited<ReturnType<typeof getResource>>>;

export async function openingHoursOf(db: DB, resourceId: number): Promise<OpeningRange[]> {
  const rows = await db
    .selectFrom("lab_opening_hours")
    .select(["weekday", "opens_at", "closes_at"])
    .where("resource_id", "=", resourceId)
    .orderBy("weekday")
    .orderBy("opens_at")
    .execute();
  return rows.map((r) => ({ weekday: r.weekday, opensAt: r.opens_at, closesAt: r.closes_at }));
}

/** The equipment list: every active resource and the trainings that unlock it (public). */
export async function listEquipment(db: DB, locale: Locale) {
  const resources = await db
    .selectFrom("lab_resources")
    .select(["id", "slug", "kind", "name_vi", "name_en", "description_vi", "description_en", "location", "photo_path", "capacity", "min_grade", "min_age"])
    .where("status", "=", "active")
    .orderBy("kind")
    .orderBy("name_vi")
    .execute();
  const required = await requiredProgramsOf(db, resources.map((r) => r.id));
  return resources.map((r) => ({
    id: r.id,
    slug: r.slug,
    kind: r.kind,
    name: localized(r, "name", locale),
    description: localized(r, "description", locale),
    location: r.location,
    photoUrl: r.photo_path ? `/lab/photos/${r.photo_path}` : null,
    capacity: r.capacity,
    minGrade: r.min_grade,
    minAge: r.min_age,
    trainings: required
      .filter((p) => p.resource_id === r.id && p.status === "published")
      .map((p) => ({ title: localized(p, "title", locale), path: programPath(p) })),
  }));
}

/** Machines a program's certificate helps unlock (shown on the course or workshop page). */
export async function resourcesUnlockedBy(db: DB, programId: number, locale: Locale) {
  const rows = await db
    .selectFrom("lab_resource_credentials as rc")
    .innerJoin("lab_resources as r", "r.id", "rc.resource_id")
    .select(["r.slug", "r.name_vi", "r.name_en"])
    .where("rc.program_id", "=", programId)
    .where("r.status", "=", "active")
    .orderBy("r.name_vi")
    .execute();
  return rows.map((r) => ({ slug: r.slug, name: localized(r, "name", locale) }));
}
