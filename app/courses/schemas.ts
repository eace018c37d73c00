// zod schemas of the course forms (learner and staff). Messages are catalogue keys.
import { z } from "zod";
import type { QuestionKind } from "#db/schema";
import type { MessageKey } from "~/i18n";
import { dateSchema, idSchema, pageSchema, slugParamSchema } from "~/lib/schemas";

const id = z.number({ error: "validation.invalid" }).int({ error: "validation.invalid" }).positive({ error: "validation.invalid" });
const requiredText = (max: number) =>
  z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(max, { error: "validation.tooLong" });
const optionalText = (max: number) => z.string().trim().max(max, { error: "validation.tooLong" }).optional();
const optionalInt = (min: number, max: number) =>
  z
    .number({ error: "validation.number" })
    .int({ error: "validation.integer" })
    .min(min, { error: "validation.min" })
    .max(max, { error: "validation.max" })
    .optional();
const date = dateSchema.optional();
const direction = z.enum(["up", "down"], { error: "validation.choice" });

export const ENROLMENT_MODES = ["open", "key", "class_only"] as const;

/** Route params: numeric ids (anything else is a page that does not exist). */
export const idParam = idSchema;
export { slugParamSchema as slugParam };

export const enrolSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("enrol"), key: z.string().trim().max(100, { error: "validation.tooLong" }).optional() }),
  z.object({ intent: z.literal("leave") }),
]);

const courseFields = {
  slug: z
      .string({ error: "validation.required" })
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "courses.errors.slug" })
      .max(80, { error: "validation.tooLong" }),
    titleVi: requiredText(200),
    titleEn: optionalText(200),
    summaryVi: optionalText(500),
    summaryEn: optionalText(500),
    descriptionVi: optionalText(20_000),
    descriptionEn: optionalText(20_000),
    gradeMin: optionalInt(1, 12),
    gradeMax: optionalInt(1, 12),
    topics: optionalText(300),
    // English names of the topics, in the same order (issue 19).
    topicsEn: optionalText(300),
    enrolmentMode: z.enum(ENROLMENT_MODES, { error: "validation.choice" }),
    enrolmentKey: optionalText(100),
    capacity: optionalInt(1, 100_000),
    opensOn: date,
    closesOn: date,
    prerequisiteProgramId: id.optional(),
    estimatedHours: z.number({ error: "validation.number" }).min(0, { error: "validation.min" }).max(1000, { error: "validation.max" }).optional(),
};

type CourseFields = { enrolmentMode: string; enrolmentKey?: string; gradeMin?: number; gradeMax?: number; opensOn?: string; closesOn?: string };

function refineCourse(v: CourseFields, ctx: z.RefinementCtx) {
  if (v.enrolmentMode === "key" && !v.enrolmentKey) ctx.addIssue({ code: "custom", path: ["enrolmentKey"], message: "courses.errors.keyNeeded" });
  // Kept in step with ENROL_KEY_MIN_LENGTH (enrolment.server.ts; schemas stay free of server modules).
  else if (v.enrolmentMode === "key" && v.enrolmentKey && v.enrolmentKey.trim().length < 6) {
    ctx.addIssue({ code: "custom", path: ["enrolmentKey"], message: "courses.errors.keyTooShort" });
  }
  if (v.gradeMin && v.gradeMax && v.gradeMin > v.gradeMax) ctx.addIssue({ code: "custom", path: ["gradeMax"], message: "courses.errors.gradeRange" });
  if (v.opensOn && v.closesOn && v.opensOn > v.closesOn) ctx.addIssue({ code: "custom", path: ["closesOn"], message: "courses.errors.window" });
}

/** Creating a course (/staff/courses). */
export const courseSchema = z.object(courseFields).superRefine(refineCourse);
export type CourseForm = z.output<typeof courseSchema>;

/** Every form of the course builder (/staff/courses/:id), by intent: the settings form is the course form. */
export const builderSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("settings"), ...courseFields }).superRefine(refineCourse),
  z.object({ intent: z.literal("status"), status: z.enum(["draft", "published", "archived"], { error: "validation.choice" }) }),
  z.object({ intent: z.literal("addModule"), titleVi: requiredText(200), titleEn: optionalText(200) }),
  z.object({ intent: z.literal("updateModule"), moduleId: id, titleVi: requiredText(200), titleEn: optionalText(200) }),
  z.object({ intent: z.literal("deleteModule"), moduleId: id }),
  z.object({ intent: z.literal("moveModule"), moduleId: id, direction }),
  z.object({ intent: z.literal("addLesson"), moduleId: id, titleVi: requiredText(200), titleEn: optionalText(200) }),
  z.object({ intent: z.literal("moveLesson"), lessonId: id, direction }),
  z.object({ intent: z.literal("deleteLesson"), lessonId: id }),
]);

/** "label | https://…" per line. */
const resourcesText = z
  .string()
  .max(5000, { error: "validation.tooLong" })
  .optional()
  .transform((text, ctx) => {
    const out: { label: string; url: string }[] = [];
    for (const line of (text ?? "").split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
      const [label, url] = line.includes("|") ? line.split("|").map((s) => s.trim()) : [line, line];
      if (!/^https?:\/\/\S+$/i.test(url ?? "") || !label) {
        ctx.addIssue({ code: "custom", message: "courses.errors.resource" });
        return z.NEVER;
      }
      out.push({ label, url });
    }
    return out;
  });

/** Options, one per line; a leading "*" marks a correct one; "nhãn | label" gives the English label. */
const optionsText = z
  .string({ error: "validation.required" })
  .max(3000, { error: "validation.tooLong" })
  .transform((text, ctx) => {
    const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    const options = lines.map((line) => {
      const correct = line.startsWith("*");
      const [vi, en] = line.replace(/^\*\s*/, "").split("|").map((s) => s.trim());
      return { labelVi: vi ?? "", labelEn: en || null, correct };
    });
    if (options.length < 2 || options.length > 8 || options.some((o) => !o.labelVi)) {
      ctx.addIssue({ code: "custom", message: "courses.errors.optionsCount" });
      return z.NEVER;
    }
    if (!options.some((o) => o.correct)) {
      ctx.addIssue({ code: "custom", message: "courses.errors.noCorrect" });
      return z.NEVER;
    }
    return options;
  });

const questionFields = {
  promptVi: requiredText(1000),
  promptEn: optionalText(1000),
  kind: z.enum(["single", "multiple"], { error: "validation.choice" }),
  options: optionsText,
};

/** A single-choice question with several correct options could never be answered right. */
function refineQuestion(v: { kind: QuestionKind; options: { correct: boolean }[] }, ctx: z.RefinementCtx) {
  if (v.kind === "single" && v.options.filter((o) => o.correct).length !== 1) {
    ctx.addIssue({ code: "custom", path: ["options"], message: "courses.errors.singleOneCorrect" });
  }
}

export const lessonEditorSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("lesson"),
    titleVi: requiredText(200),
    titleEn: optionalText(200),
    contentVi: optionalText(50_000),
    contentEn: optionalText(50_000),
    estimatedMinutes: z.number({ error: "validation.number" }).int({ error: "validation.integer" }).min(1, { error: "validation.min" }).max(600, { error: "validation.max" }),
    required: z.boolean().optional(),
    resources: resourcesText,
  }),
  z.object({
    intent: z.literal("quiz"),
    passPercent: z.number({ error: "validation.number" }).int({ error: "validation.integer" }).min(1, { error: "validation.min" }).max(100, { error: "validation.max" }),
    maxAttempts: optionalInt(1, 100),
  }),
  z.object({ intent: z.literal("deleteQuiz") }),
  z.object({ intent: z.literal("addQuestion"), ...questionFields }).superRefine(refineQuestion),
  z.object({ intent: z.literal("updateQuestion"), questionId: id, ...questionFields }).superRefine(refineQuestion),
  z.object({ intent: z.literal("deleteQuestion"), questionId: id }),
  z.object({ intent: z.literal("moveQuestion"), questionId: id, direction }),
]);

export const reportQuerySchema = z.object({
  sort: z.enum(["name", "progress", "activity", "completed"]).catch("name"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  page: pageSchema,
});

/** A quiz question as a submission is checked against it: its kind and its options' ids (never the answers). */
export interface AnswerableQuestion {
  id: number;
  kind: QuestionKind;
  options: { id: number }[];
}

/** What is wrong with a submission: a message next to a question (`q<id>`), or about the form as a whole (null). */
export interface AnswerProblem {
  field: string | null;
  key: MessageKey;
}

/**
 * Checks submitted answers (`q<questionId>` → option ids as typed) against the quiz: every question answered,
 * options only of that question, no duplicates, one option for single-choice questions. Empty when all is well.
 */
export function answerProblems(questions: AnswerableQuestion[], raw: Record<string, string[]>): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const known = new Set(questions.map((q) => `q${q.id}`));
  if (Object.keys(raw).some((k) => !known.has(k))) problems.push({ field: null, key: "courses.quiz.errors.unknownQuestion" });
  if (Object.values(raw).every((v) => v.length === 0)) problems.push({ field: null, key: "courses.quiz.errors.empty" });
  for (const q of questions) {
    const field = `q${q.id}`;
    const values = raw[field] ?? [];
    const ids = values.map(optionId);
    const own = new Set(q.options.map((o) => o.id));
    if (values.length === 0) problems.push({ field, key: "courses.quiz.errors.unanswered" });
    else if (ids.some((id) => !own.has(id))) problems.push({ field, key: "courses.quiz.errors.foreignOption" });
    else if (new Set(ids).size !== ids.length) problems.push({ field, key: "courses.quiz.errors.duplicate" });
    else if (q.kind === "single" && ids.length > 1) problems.push({ field, key: "courses.quiz.errors.oneOnly" });
  }
  return problems;
}

function optionId(typed: string): number {
  return /^\d{1,12}$/.test(typed) ? Number(typed) : NaN;
}

/** The options chosen for each question, from answers without problems. */
export function chosenOptions(questions: AnswerableQuestion[], raw: Record<string, string[]>): Map<number, number[]> {
  return new Map(questions.map((q) => [q.id, (raw[`q${q.id}`] ?? []).map(optionId)]));
}

const answerValue = z.union([z.string(), z.array(z.string())]);

/**
 * The forms of a lesson page, by intent: mark complete, or submit the quiz. A quiz submission is checked against
 * the lesson's questions (`q<id>` fields) like any other field, so its errors show next to each question.
 * Without questions nothing is checked here: the quiz capability answers "no quiz".
 */
export function lessonActionSchema(questions: AnswerableQuestion[]) {
  return z.discriminatedUnion("intent", [
    z.object({ intent: z.literal("complete") }),
    z
      .object({ intent: z.literal("quiz") })
      .catchall(answerValue)
      .transform(({ intent, ...fields }) => ({
        intent,
        answers: Object.fromEntries(Object.entries(fields).map(([name, v]) => [name, Array.isArray(v) ? v : [v]])),
      }))
      .superRefine((v, ctx) => {
        if (!questions.length) return;
        for (const p of answerProblems(questions, v.answers)) ctx.addIssue({ code: "custom", path: p.field ? [p.field] : [], message: p.key });
      }),
  ]);
}
