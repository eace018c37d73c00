// zod schemas of the catalogue: the search query (junk filters are ignored, as in a shared link) and the program form.
import { z } from "zod";
import { dateSchema, pageSchema } from "~/lib/schemas";
import { PROGRAM_KINDS } from "./kinds";

export { PROGRAM_KINDS };

const dateText = dateSchema;

export const catalogQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  kind: z.enum(PROGRAM_KINDS).optional().catch(undefined),
  topic: z.string().trim().toLowerCase().max(50).optional().catch(undefined),
  grade: z.coerce.number().int().min(1).max(12).optional().catch(undefined),
  from: dateText.optional().catch(undefined),
  to: dateText.optional().catch(undefined),
  free: z.literal("1").optional().catch(undefined),
  page: pageSchema,
});
export type CatalogQuery = z.output<typeof catalogQuerySchema>;

/** Reads the query string: empty fields are "not given". */
export function catalogQueryFrom(url: URL): CatalogQuery {
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ""));
  return catalogQuerySchema.parse(raw);
}

const optionalText = (max: number) => z.string().trim().max(max, { error: "validation.tooLong" }).optional();
const optionalInt = (min: number, max: number) =>
  z.coerce
    .number({ error: "validation.number" })
    .int({ error: "validation.integer" })
    .min(min, { error: "validation.min" })
    .max(max, { error: "validation.max" })
    .optional();

export const programFormSchema = z
  .object({
    intent: z.literal("save").default("save"),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .max(80, { error: "validation.tooLong" })
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "catalog.errors.slug" })
      .optional(),
    titleVi: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(200, { error: "validation.tooLong" }),
    titleEn: optionalText(200),
    summaryVi: optionalText(500),
    summaryEn: optionalText(500),
    descriptionVi: optionalText(20_000),
    descriptionEn: optionalText(20_000),
    gradeMin: optionalInt(1, 12),
    gradeMax: optionalInt(1, 12),
    ageMin: optionalInt(3, 99),
    ageMax: optionalInt(3, 99),
    feeVnd: optionalInt(0, 100_000_000),
    coverUrl: z.string().trim().max(500, { error: "validation.tooLong" }).url({ error: "catalog.errors.url" })
      .regex(/^https?:\/\//i, { error: "catalog.errors.url" })
      .optional(),
    topics: optionalText(300),
    // A checkbox: present ("on") when reminders by e-mail are wanted for the program.
    mailReminders: z.literal("on", { error: "validation.choice" }).optional(),
    // A checkbox: present ("on") when a confirmed registration needs a permission slip signed by a guardian.
    requiresSlip: z.literal("on", { error: "validation.choice" }).optional(),
    // English names of the topics, in the same order (issue 19).
    topicsEn: optionalText(300),
  })
  .superRefine((v, ctx) => {
    if (v.gradeMin !== undefined && v.gradeMax !== undefined && v.gradeMin > v.gradeMax) {
      ctx.addIssue({ code: "custom", path: ["gradeMax"], message: "catalog.errors.rangeOrder" });
    }
    if (v.ageMin !== undefined && v.ageMax !== undefined && v.ageMin > v.ageMax) {
      ctx.addIssue({ code: "custom", path: ["ageMax"], message: "catalog.errors.rangeOrder" });
    }
  });
export type ProgramForm = z.output<typeof programFormSchema>;

export const programStatusSchema = z.object({
  intent: z.literal("status"),
  status: z.enum(["draft", "published", "archived"], { error: "validation.choice" }),
});

/** The staff program page: save the form, or change the status (one of the status buttons). */
export const programPageActionSchema = z.discriminatedUnion("intent", [programFormSchema, programStatusSchema]);
