// zod schemas of the lab forms; messages are catalogue keys, shown in the user's language.
import { z } from "zod";
import { dateSchema, idSchema, timeSchema } from "~/lib/schemas";

export { idSchema, dateSchema };

const int = (min: number, max: number) =>
  z.coerce
    .number({ error: "validation.number" })
    .int({ error: "validation.integer" })
    .min(min, { error: "lab.errors.outOfRange" })
    .max(max, { error: "lab.errors.outOfRange" });
const optionalInt = (min: number, max: number) => z.preprocess((v) => (v === "" || v === undefined ? null : v), int(min, max).nullable());
const text = (max: number) => z.string().trim().max(max, { error: "validation.invalid" }).default("");
const requiredText = (max: number) =>
  z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(max, { error: "validation.invalid" });

/** ?week=YYYY-MM-DD (any day: the week is its Monday); anything odd is the current week. */
export const weekParamSchema = dateSchema.nullable().catch(null);

/** An ISO instant of a slot start, as the week view's buttons send it. */
const instantSchema = z
  .string({ error: "validation.required" })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{3})?)?Z$/, { error: "validation.invalid" })
  .refine((v) => !Number.isNaN(Date.parse(v)), { error: "validation.invalid" });

/** Book from a slot button (startsAt) or from the form (date + time), one or more consecutive slots. */
export const bookSchema = z
  .object({
    intent: z.literal("book"),
    startsAt: instantSchema.optional(),
    date: dateSchema.optional(),
    time: timeSchema.optional(),
    slots: int(1, 24).default(1),
  })
  .refine((v) => v.startsAt || (v.date && v.time), { path: ["time"], error: "validation.required" });

export const roomRequestSchema = z
  .object({
    intent: z.literal("request"),
    organisation: requiredText(200),
    date: dateSchema,
    from: timeSchema,
    to: timeSchema,
    purpose: requiredText(1000),
    attendance: int(1, 1000),
  })
  .refine((v) => v.to > v.from, { path: ["to"], error: "lab.errors.timeOrder" });

export const resourcePageSchema = z.discriminatedUnion("intent", [bookSchema, roomRequestSchema]);

export const myBookingsActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("cancel"), bookingId: idSchema }),
  z.object({ intent: z.literal("cancelRequest"), requestId: idSchema }),
]);

const programIds = z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(idSchema).max(20));

export const resourceSchema = z.object({
  intent: z.literal("save"),
  slug: z
    .string({ error: "validation.required" })
    .trim()
    .regex(/^[a-z0-9-]{2,80}$/, { error: "lab.errors.slug" }),
  kind: z.enum(["machine", "room"], { error: "validation.invalid" }),
  nameVi: requiredText(120),
  nameEn: text(120),
  descriptionVi: text(4000),
  descriptionEn: text(4000),
  location: text(200),
  capacity: int(1, 500).default(1),
  slotMinutes: int(15, 480),
  maxSlotsPerBooking: int(1, 24),
  maxHoursPerWeek: optionalInt(1, 168),
  minGrade: optionalInt(1, 12),
  minAge: optionalInt(5, 99),
  noShowPenalty: z.preprocess((v) => v === "on" || v === "true" || v === "1", z.boolean()),
  openingHours: text(2000),
  programIds,
});

export const resourceEditorSchema = z.discriminatedUnion("intent", [
  resourceSchema,
  z.object({ intent: z.literal("addClosed"), date: dateSchema, reason: text(200) }),
  z.object({ intent: z.literal("removeClosed"), closedId: idSchema }),
  z
    .object({
      intent: z.literal("addOutage"),
      fromDate: dateSchema,
      fromTime: timeSchema,
      toDate: dateSchema,
      toTime: timeSchema,
      reason: requiredText(500),
    })
    .refine((v) => `${v.toDate}T${v.toTime}` > `${v.fromDate}T${v.fromTime}`, { path: ["toTime"], error: "lab.errors.timeOrder" }),
]);

export const sheetActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("checkIn"), bookingId: idSchema }),
  z.object({ intent: z.literal("noShow"), bookingId: idSchema }),
  z.object({ intent: z.literal("note"), bookingId: idSchema, note: text(2000) }),
]);

export const requestDecisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), requestId: idSchema, message: text(1000) }),
  z.object({ intent: z.literal("decline"), requestId: idSchema, message: requiredText(1000) }),
]);
