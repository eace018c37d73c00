// zod schemas of the tours forms; messages are catalogue keys, shown in the user's language.
import { z } from "zod";
import { dateSchema, idSchema, slugParamSchema, timeSchema } from "~/lib/schemas";

const int = (min: number, max: number) =>
  z.coerce
    .number({ error: "validation.number" })
    .int({ error: "validation.integer" })
    .min(min, { error: "tours.errors.outOfRange" })
    .max(max, { error: "tours.errors.outOfRange" });

const text = (max: number) => z.string().trim().max(max, { error: "validation.invalid" });
const requiredText = (max: number) =>
  z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(max, { error: "validation.invalid" });
const optionalId = z.preprocess((v) => (v === "" || v === undefined ? undefined : v), idSchema.optional());

export { idSchema };
export { slugParamSchema as slugSchema };
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export { dateSchema };
export { timeSchema };
const phoneSchema = z
  .string({ error: "validation.required" })
  .trim()
  .regex(/^\+?[0-9 .()-]{8,20}$/, { error: "tours.errors.phone" });

export const bookingSchema = z
  .object({
    slotId: idSchema,
    schoolId: optionalId,
    classId: optionalId,
    // Empty with a class linked: the class size is used.
    students: z.preprocess((v) => (v === "" ? undefined : v), int(1, 500).optional()),
    gradeMin: int(1, 12),
    gradeMax: int(1, 12),
    adults: int(0, 100),
    contactName: requiredText(120),
    contactPhone: phoneSchema,
    accessibilityNeeds: text(1000).default(""),
    notes: text(2000).default(""),
  })
  .refine((v) => v.gradeMax >= v.gradeMin, { path: ["gradeMax"], error: "tours.errors.gradeRange" });

export type BookingInput = z.output<typeof bookingSchema>;

export const schoolCancelSchema = z.object({
  intent: z.literal("cancel"),
  reason: text(500).default(""),
});

export const staffBookingSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("confirm"), message: text(1000).default("") }),
  z.object({ intent: z.literal("decline"), message: requiredText(1000) }),
  z.object({ intent: z.literal("cancel"), reason: requiredText(1000) }),
  z.object({
    intent: z.literal("complete"),
    actualStudents: int(0, 500),
    // Present when the form listed the class's students: the ticked ones took part.
    participants: z.literal("1").optional(),
    studentIds: z.array(idSchema).max(2000).optional(),
  }),
  z.object({ intent: z.literal("move"), slotId: idSchema }),
]);

/** The staff queue's per-row forms name the booking. */
export const queueActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("confirm"), bookingId: idSchema, message: text(1000).default("") }),
  z.object({ intent: z.literal("decline"), bookingId: idSchema, message: requiredText(1000) }),
]);

export const tourSchema = z
  .object({
    intent: z.literal("save"),
    slug: z
      .string({ error: "validation.required" })
      .trim()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "tours.errors.slug" })
      .max(80, { error: "tours.errors.slug" }),
    titleVi: requiredText(200),
    titleEn: text(200).default(""),
    summaryVi: text(500).default(""),
    summaryEn: text(500).default(""),
    descriptionVi: text(10_000).default(""),
    descriptionEn: text(10_000).default(""),
    activitiesVi: text(10_000).default(""),
    activitiesEn: text(10_000).default(""),
    gradeMin: int(1, 12),
    gradeMax: int(1, 12),
    feeVnd: int(0, 100_000_000),
    durationMinutes: int(15, 600),
    groupMin: int(1, 500),
    groupMax: int(1, 500),
    cancelDaysBefore: int(0, 60),
    participationCertificates: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
    // Reminders to the booker 3 days before (a checkbox: unticked = off).
    mailReminders: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
    status: z.enum(["draft", "published", "archived"], { error: "validation.choice" }),
    ratioRules: text(2000).default(""),
  })
  .refine((v) => v.gradeMax >= v.gradeMin, { path: ["gradeMax"], error: "tours.errors.gradeRange" })
  .refine((v) => v.groupMax >= v.groupMin, { path: ["groupMax"], error: "tours.errors.groupRange" });

export type TourInput = z.output<typeof tourSchema>;
/** What the staff tour form shows: the input without its intent. */
export type TourFormValues = Omit<TourInput, "intent">;

const timesList = z
  .string({ error: "validation.required" })
  .transform((s) => s.split(/[\s,;]+/).filter(Boolean))
  .pipe(z.array(timeSchema).min(1, { error: "validation.required" }).max(12, { error: "validation.invalid" }));

const datesList = z
  .string()
  .default("")
  .transform((s) => s.split(/[\s,;]+/).filter(Boolean))
  .pipe(z.array(dateSchema).max(200, { error: "validation.invalid" }));

export const slotFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("slot"), date: dateSchema, time: timeSchema, capacity: int(1, 1000) }),
  z.object({
    intent: z.enum(["preview", "generate"]),
    startDate: dateSchema,
    weeks: int(1, 26),
    weekdays: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.coerce.number().int().min(1).max(7)).min(1, { error: "tours.errors.weekdays" }),
    ),
    times: timesList,
    blackoutDates: datesList,
    capacity: int(1, 1000),
  }),
  z.object({ intent: z.literal("cancelSlot"), slotId: idSchema }),
  z.object({ intent: z.literal("slotCapacity"), slotId: idSchema, capacity: int(1, 1000) }),
]);

export const dayQuerySchema = z.object({ date: dateSchema });
/** A range of local dates, the last not before the first. */
export const rangeQuerySchema = z.object({ from: dateSchema, to: dateSchema }).refine((v) => v.to >= v.from, { path: ["to"], error: "validation.invalid" });

/** Every form of the staff page of one tour: the tour itself and its slots. */
export const staffTourPageSchema = z.discriminatedUnion("intent", [tourSchema, ...slotFormSchema.options]);
