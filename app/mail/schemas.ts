// zod schemas of the mail capability's forms and queries (safe in the browser).
import { z } from "zod";
import { newPasswordSchema } from "~/auth/schemas";
import { pageSchema } from "~/lib/schemas";

export const OUTBOX_STATUSES = ["pending", "sending", "sent", "stored", "failed"] as const;

export const outboxQuerySchema = z.object({
  page: pageSchema,
  status: z.enum(OUTBOX_STATUSES).optional().catch(undefined),
});

export const forgotPasswordSchema = z.object({
  email: z
    .string({ error: "validation.required" })
    .trim()
    .max(254, { error: "validation.email" })
    .email({ error: "validation.email" })
    .transform((e) => e.toLowerCase()),
});

export const resetPasswordSchema = z.object({
  password: newPasswordSchema,
});

export const mailSettingsSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("resend") }),
  z.object({
    intent: z.literal("change"),
    newEmail: forgotPasswordSchema.shape.email,
    currentPassword: z.string({ error: "validation.required" }).min(1, { error: "validation.required" }).max(200),
  }),
  z.object({ intent: z.literal("preferences"), optional: z.literal("on").optional(), digest: z.literal("on").optional() }),
]);
