// Staff editing of workshop programs: list, read for the form, save from the parsed form.
import type { ProgramKind } from "#db/schema";
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import { createSlipsForProgram } from "~/guardians/session-slips.server";
import { inTransaction, type DB } from "~/lib/db.server";
import { ok, refuse, type Result } from "~/lib/result";
import { slugify } from "~/lib/text";
import { createProgram, getProgramTopics, getProgramTopicsEn, topicsFromForm, updateProgram, type ProgramInput } from "./programs.server";
import type { ProgramForm } from "./schemas";
import type { ProgramFormValues, StaffProgramRow } from "./views";

export const STAFF_PAGE_SIZE = 30;

export async function listStaffPrograms(
  db: DB,
  input: { kind: ProgramKind; page: number },
): Promise<{ rows: StaffProgramRow[]; total: number; page: number; pages: number }> {
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
  return {
    rows: rows.map((r) => ({ id: r.id, slug: r.slug, titleVi: r.title_vi, status: r.status, sessions: Number(r.sessions ?? 0) })),
    total,
    page,
    pages,
  };
}

export function programInputFromForm(
  kind: ProgramKind,
  form: Pick<ProgramForm, "titleVi"> & Partial<Omit<ProgramForm, "intent" | "mailReminders" | "requiresSlip">>,
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
    ...topicsFromForm(form.topics, form.topicsEn),
  };
}

export type ProgramRefusal = "slugTaken";

/** Saves a program from the form (a new one starts as a draft; an edit keeps its status); returns its id. */
export async function saveProgramForm(
  db: DB,
  input: { kind: ProgramKind; form: ProgramForm; programId?: number; now: string },
): Promise<Result<number, ProgramRefusal>> {
  const { kind, form, programId, now } = input;
  // The staff form always shows the reminder switch: an unticked box is "off".
  const mailReminders = form.mailReminders === "on";
  // Workshops only (tours always have slips): an unticked box is "off".
  const requiresSlip = kind === "workshop" ? form.requiresSlip === "on" : undefined;
  if (programId === undefined) {
    const id = await createProgram(db, { ...programInputFromForm(kind, form, "draft"), mailReminders, requiresSlip }, now);
    return id === null ? refuse("slugTaken") : ok(id);
  }
  const current = await db.selectFrom("programs").select("status").where("id", "=", programId).executeTakeFirstOrThrow();
  return inTransaction(db, async (trx) => {
    const before = await trx.selectFrom("programs").select("requires_slip").where("id", "=", programId).executeTakeFirstOrThrow();
    const saved = await updateProgram(trx, programId, { ...programInputFromForm(kind, form, current.status), mailReminders, requiresSlip }, now);
    if (!saved) return refuse("slugTaken");
    // Switched on: confirmed registrations of upcoming sessions get their slips now (issue 16).
    if (requiresSlip && before.requires_slip !== 1) await createSlipsForProgram(trx, { programId, now });
    return ok(programId);
  });
}

const text = (v: string | number | null) => (v === null ? undefined : String(v));

/** A program of this kind for its staff page: heading in the reader's language and the form filled in; or null. */
export async function getProgramForEdit(db: DB, programId: number, kind: ProgramKind, locale: Locale) {
  const p = await db.selectFrom("programs").selectAll().where("id", "=", programId).where("kind", "=", kind).executeTakeFirst();
  if (!p) return null;
  const values: ProgramFormValues = {
    slug: p.slug,
    titleVi: p.title_vi,
    titleEn: text(p.title_en),
    summaryVi: p.summary_vi,
    summaryEn: text(p.summary_en),
    descriptionVi: p.description_vi,
    descriptionEn: text(p.description_en),
    gradeMin: text(p.grade_min),
    gradeMax: text(p.grade_max),
    ageMin: text(p.age_min),
    ageMax: text(p.age_max),
    feeVnd: String(p.fee_vnd),
    coverUrl: text(p.cover_url),
    topics: (await getProgramTopics(db, programId)).join(", "),
    mailReminders: p.mail_reminders === 1,
    requiresSlip: p.requires_slip === 1,
    topicsEn: await getProgramTopicsEn(db, programId),
  };
  return { id: p.id, slug: p.slug, status: p.status, title: localized(p, "title", locale), values };
}
