// zod schemas of the workshop forms; messages are catalogue keys.
import { z } from "zod";
import { confirmField, idSchema, isRealDate, mustConfirm, timeSchema } from "~/lib/schemas";

export { idSchema } from "~/lib/schemas";
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/;
const localDateTime = z.string().regex(DATETIME, { error: "validation.date" }).refine(isRealDate, { error: "validation.date" }).optional();

export const MAX_MEETINGS = 8;

export const registerSchema = z.object({ intent: z.literal("register"), sessionId: idSchema });
/** Cancelling needs its confirm step (confirm=yes, sent by /registrations/:id/cancel). */
export const cancelSchema = z.object({ intent: z.literal("cancel"), registrationId: idSchema, confirm: confirmField }).superRefine(mustConfirm);
export const workshopPageActionSchema = z.discriminatedUnion("intent", [registerSchema, cancelSchema]);

export const scheduleActionSchema = z.discriminatedUnion("intent", [
  cancelSchema,
  z.object({ intent: z.literal("createFeed") }),
  z.object({ intent: z.literal("revokeFeed") }),
]);

const meetingRow = z
  .object({
    date: z.string().regex(DATE, { error: "validation.date" }).refine(isRealDate, { error: "validation.date" }).optional(),
    start: timeSchema.optional(),
    end: timeSchema.optional(),
  })
  .optional();

export const sessionFormSchema = z
  .object({
    intent: z.literal("save").default("save"),
    room: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(100, { error: "validation.tooLong" }),
    capacity: z.coerce
      .number({ error: "validation.number" })
      .int({ error: "validation.integer" })
      .min(1, { error: "validation.min" })
      .max(1000, { error: "validation.max" }),
    instructorId: idSchema.optional(),
    opensAt: localDateTime,
    closesAt: localDateTime,
    cancellationDeadline: localDateTime,
    minAttendancePercent: z.coerce
      .number({ error: "validation.number" })
      .int({ error: "validation.integer" })
      .min(1, { error: "validation.min" })
      .max(100, { error: "validation.max" })
      .default(100),
    meetings: z.array(meetingRow).max(MAX_MEETINGS, { error: "validation.invalid" }).default([]),
  })
  .superRefine((v, ctx) => {
    let filled = 0;
    v.meetings.forEach((m, i) => {
      if (!m || (!m.date && !m.start && !m.end)) return;
      filled += 1;
      for (const k of ["date", "start", "end"] as const) {
        if (!m[k]) ctx.addIssue({ code: "custom", path: ["meetings", i, k], message: "validation.required" });
      }
      if (m.start && m.end && m.end <= m.start) {
        ctx.addIssue({ code: "custom", path: ["meetings", i, "end"], message: "workshops.errors.endBeforeStart" });
      }
    });
    if (filled === 0) ctx.addIssue({ code: "custom", path: ["meetings", 0, "date"], message: "workshops.errors.noMeetings" });
    if (v.opensAt && v.closesAt && v.closesAt <= v.opensAt) {
      ctx.addIssue({ code: "custom", path: ["closesAt"], message: "workshops.errors.closesBeforeOpens" });
    }
  });
export type SessionForm = z.output<typeof sessionFormSchema>;

/** The session form filled in (Vietnam local times), as the edit page's loader hands it to the form. */
export interface SessionFormDefaults {
  room?: string;
  capacity?: number;
  instructorId?: number | null;
  opensAt?: string;
  closesAt?: string;
  cancellationDeadline?: string;
  minAttendancePercent?: number;
  meetings?: { date: string; start: string; end: string }[];
}

export const rosterActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("attendance"),
    registrationId: idSchema,
    meetingId: idSchema,
    status: z.enum(["attended", "absent"], { error: "validation.choice" }),
  }),
  // Removing needs the confirm step shown in the row (confirm=yes).
  z.object({ intent: z.literal("remove"), registrationId: idSchema, confirm: confirmField }).superRefine(mustConfirm),
]);

export const sessionStatusSchema = z.object({
  intent: z.literal("status"),
  status: z.enum(["scheduled", "cancelled"], { error: "validation.choice" }),
});

/** The session edit page: save the form, or cancel / restore the session. */
/** "Add a meeting" without JavaScript: the form comes back with one more meeting row and what was typed. */
export const addMeetingSchema = z.object({
  intent: z.literal("addMeeting"),
  meetingRows: z.coerce.number({ error: "validation.number" }).int({ error: "validation.integer" }).min(1, { error: "validation.min" }).max(MAX_MEETINGS, { error: "validation.max" }),
});
/** The new-session page: save, or add a meeting row. */
export const sessionNewActionSchema = z.discriminatedUnion("intent", [sessionFormSchema, addMeetingSchema]);
export const sessionPageActionSchema = z.discriminatedUnion("intent", [sessionFormSchema, sessionStatusSchema, addMeetingSchema]);
