// Inputs of the certificates capability (zod 4; messages are catalogue keys).
import { z } from "zod";
import { pageSchema } from "~/lib/schemas";

export const certificateIdSchema = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31);

export { pageSchema };

export const staffFilterSchema = z.object({
  q: z.string().max(200).catch(""),
  status: z.enum(["valid", "revoked", "superseded"]).optional().catch(undefined),
  page: pageSchema,
});

const required = { error: "validation.required" };

export const issueSchema = z.object({
  intent: z.literal("issue"),
  identifier: z.string(required).trim().min(1, required).max(200, { error: "certificates.errors.identifier" }),
  programId: z.coerce.number(required).int(required).positive(required),
  hours: z.coerce
    .number({ error: "certificates.errors.hours" })
    .min(0, { error: "certificates.errors.hours" })
    .max(1000, { error: "certificates.errors.hours" })
    .optional(),
});

export const revokeSchema = z.object({
  intent: z.literal("revoke"),
  certificateId: certificateIdSchema,
  reason: z.string(required).trim().min(3, { error: "certificates.errors.reason" }).max(500, { error: "certificates.errors.reason" }),
});

export const reissueSchema = z.object({
  intent: z.literal("reissue"),
  certificateId: certificateIdSchema,
  recipientName: z.string().trim().max(120, { error: "certificates.errors.name" }).optional(),
});

export const staffActionSchema = z.discriminatedUnion("intent", [issueSchema, revokeSchema, reissueSchema]);

export const classDownloadSchema = z.object({
  classId: certificateIdSchema,
  program: certificateIdSchema,
});
