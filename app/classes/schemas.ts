// zod schemas of the classes forms (safe for client and server); messages are catalogue keys.
import { z } from "zod";
import { emailSchema } from "~/auth/schemas";
import { confirmField, mustConfirm } from "~/lib/schemas";

const id = z.number({ error: "validation.invalid" }).int({ error: "validation.invalid" }).positive({ error: "validation.invalid" });

export const classNameSchema = z
  .string({ error: "validation.required" })
  .trim()
  .min(2, { error: "classes.errors.name" })
  .max(80, { error: "classes.errors.name" })
  .transform((n) => n.normalize("NFC").replace(/\s+/g, " "));

export const gradeSchema = z
  .number({ error: "validation.integer" })
  .int({ error: "validation.integer" })
  .min(1, { error: "classes.errors.grade" })
  .max(12, { error: "classes.errors.grade" })
  .optional();

/** "2026-2027": two consecutive years. */
export const schoolYearSchema = z
  .string({ error: "validation.required" })
  .trim()
  .regex(/^\d{4}\s*[-–]\s*\d{4}$/, { error: "classes.errors.schoolYear" })
  .transform((s) => s.replace(/\s/g, "").replace("–", "-"))
  .refine((s) => Number(s.slice(5)) === Number(s.slice(0, 4)) + 1 && Number(s.slice(0, 4)) >= 2000 && Number(s.slice(0, 4)) <= 2100, {
    error: "classes.errors.schoolYear",
  });

export const createClassSchema = z.object({
  name: classNameSchema,
  schoolId: id,
  grade: gradeSchema,
  schoolYear: schoolYearSchema,
});

export const classPageSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("update"), name: classNameSchema, grade: gradeSchema, schoolYear: schoolYearSchema }),
  z.object({ intent: z.literal("archive") }),
  z.object({ intent: z.literal("restore") }),
  z.object({ intent: z.literal("regenerateCode") }),
  z.object({ intent: z.literal("disableCode") }),
  z.object({ intent: z.literal("addCoTeacher"), email: emailSchema }),
  z.object({ intent: z.literal("removeCoTeacher"), teacherId: id }),
]);

export type ClassPageIntent = z.infer<typeof classPageSchema>["intent"];

/** The :classId (or :studentId) of a URL: anything else is a page that does not exist. */
export const classIdParamSchema = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

export const membersPageSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("addByEmail"), email: emailSchema }),
  z.object({ intent: z.literal("remove"), studentId: id }),
  z.object({ intent: z.literal("resetPassword"), studentId: id }),
]);

export const MAX_PASTE_CHARS = 200_000;

export const bulkAccountsSchema = z.object({
  names: z.string().max(MAX_PASTE_CHARS, { error: "classes.bulk.errors.tooLong" }).optional(),
  skipInvalid: z.boolean().optional(),
  cardLocale: z.enum(["vi", "en"], { error: "validation.choice" }).default("vi"),
});

export const joinSchema = z.object({
  code: z.string({ error: "join.errors.required" }).trim().min(1, { error: "join.errors.required" }).max(40, { error: "join.errors.invalid" }),
});

/** /classes/joined: leave a class, or answer a teacher's invitation. */
export const joinedPageSchema = z.discriminatedUnion("intent", [
  // Leaving needs the confirm step shown in the class's card (confirm=yes).
  z.object({ intent: z.literal("leave"), classId: id, confirm: confirmField }).superRefine(mustConfirm),
  z.object({ intent: z.literal("accept"), invitationId: id }),
  z.object({ intent: z.literal("decline"), invitationId: id }),
]);

export const GROUP_MODES = ["all-or-nothing", "fill-then-waitlist"] as const;

/** Why staff override a rule: said in words, kept in the security log. */
export const overrideReasonSchema = z
  .string({ error: "validation.required" })
  .trim()
  .min(10, { error: "classes.override.errors.reason" })
  .max(500, { error: "classes.override.errors.reason" })
  .transform((r) => r.normalize("NFC"));

export const enrolSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("enrolCourse"),
    programId: id,
    // Empty: the whole class.
    studentIds: z.array(id).max(5000).optional(),
  }),
  z.object({
    intent: z.literal("registerSession"),
    sessionId: id,
    mode: z.enum(GROUP_MODES, { error: "validation.choice" }).default("all-or-nothing"),
    studentIds: z.array(id).max(5000).optional(),
  }),
  // Staff only: register past the workshop rules, with the reason. Without confirm=yes the page shows the confirm
  // step (what the rules would refuse); with it the registration is made and recorded.
  z.object({
    intent: z.literal("overrideSession"),
    sessionId: id,
    mode: z.enum(GROUP_MODES, { error: "validation.choice" }).default("fill-then-waitlist"),
    studentIds: z.array(id).max(5000).optional(),
    reason: overrideReasonSchema,
    confirm: confirmField,
  }),
]);

export const PROGRESS_SORTS = ["name", "progress"] as const;
export const progressQuerySchema = z.object({
  sort: z.enum(PROGRESS_SORTS).catch("name"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
});
