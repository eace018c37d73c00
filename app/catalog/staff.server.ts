// Staff editing of workshop programs: list, read for the form, save from the parsed form.
import type { ProgramKind } from "#db/schema";
import type { DB } from "~/lib/db.server";
import { slugify } from "~/lib/text";
import { createProgram, getProgramTopics, updateProgram, type ProgramInput } from "./programs.server";
import type { ProgramForm } from "./schemas";

export const STAFF_PAGE_SIZE = 30;

export async function listStaffPrograms(db: DB, input: { kind: ProgramKind; page: number }) {
  const base = db.selectFrom("programs").where("kind", "=", input.kind);
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const pages = Math.max(1, Math.ceil(total / STAFF_PAGE_SIZE));
  const page = Math.min(input.page, pages);
  const rows = await base
    .select((eb) => [
      "id",
      "slug",
      "title_vi",
      "status",
      eb.selectFrom("workshop_sessions as s").select(eb.fn.countAll<number>().as("n")).whereRef("s.program_id", "=", "programs.id").as("sessions"),
    ])
    .orderBy("status")
    .orderBy("title_vi")
    .limit(STAFF_PAGE_SIZE)
    .offset((page - 1) * STAFF_PAGE_SIZE)
    .execute();
  return { rows, total, page, pages };
}

export function programInputFromForm(
  kind: ProgramKind,
  form: Pick<ProgramForm, "titleVi"> & Partial<Omit<ProgramForm, "intent">>,
  status?: ProgramInput["status"],
): ProgramInput {
  return {
    kind,
    slug: form.slug || slugify(form.titleVi) || `program-${Date.now()}`,
    titleVi: form.titleVi,
    titleEn: form.titleEn || null,
    summaryVi: form.summaryVi ?? "",
    summaryEn: form.summaryEn || null,
    descriptionVi: form.descriptionVi ?? "",
    descriptionEn: form.descriptionEn || null,
    gradeMin: form.gradeMin ?? null,
    gradeMax: form.gradeMax ?? null,
    ageMin: form.ageMin ?? null,
    ageMax: form.ageMax ?? null,
    feeVnd: form.feeVnd ?? 0,
    coverUrl: form.coverUrl || null,
    status,
    topics: (form.topics ?? "").split(",").map((t) => t.trim()).filter(Boolean).slice(0, 10),
  };
}

/** Saves a program from the form: null when the slug is taken. */
export async function saveProgramForm(db: DB, kind: ProgramKind, form: ProgramForm, programId?: number): Promise<number | null> {
  if (programId === undefined) return createProgram(db, programInputFromForm(kind, form, "draft"));
  const current = await db.selectFrom("programs").select("status").where("id", "=", programId).executeTakeFirstOrThrow();
  const ok = await updateProgram(db, programId, programInputFromForm(kind, form, current.status));
  return ok ? programId : null;
}

export async function getProgramForEdit(db: DB, programId: number, kind: ProgramKind) {
  const p = await db.selectFrom("programs").selectAll().where("id", "=", programId).where("kind", "=", kind).executeTakeFirst();
  if (!p) return null;
  return { ...p, topics: (await getProgramTopics(db, programId)).join(", ") };
}
