// zod schema of the centre settings form (admin); messages are catalogue keys.
import { z } from "zod";

const line = (max: number) => z.string().trim().max(max, { error: "validation.tooLong" }).default("");

export const centreSettingsSchema = z.object({
  nameVi: line(120),
  nameEn: line(120),
  phone: z
    .string()
    .trim()
    .max(40, { error: "validation.tooLong" })
    .regex(/^[0-9 +().-]*$/, { error: "centre.errors.phone" })
    .default(""),
  zalo: z
    .string()
    .trim()
    .max(40, { error: "validation.tooLong" })
    .regex(/^[0-9 +().-]*$/, { error: "centre.errors.phone" })
    .default(""),
  email: z.union([z.literal(""), z.string().trim().max(254).email({ error: "validation.email" })]).default(""),
  addressVi: line(300),
  addressEn: line(300),
  hoursVi: line(300),
  hoursEn: line(300),
  mapUrl: z.union([z.literal(""), z.string().trim().max(500, { error: "validation.tooLong" }).url({ error: "centre.errors.url" }).refine((u) => /^https:\/\//.test(u), { error: "centre.errors.url" })]).default(""),
  bringVi: line(1000),
  bringEn: line(1000),
  bankName: line(120),
  bankAccount: line(60),
  bankHolder: line(120),
  /** Days after a visit that medical notes on permission slips are kept (issue 16). */
  medicalRetentionDays: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce
      .number({ error: "validation.number" })
      .int({ error: "validation.integer" })
      .min(1, { error: "centre.errors.retention" })
      .max(365, { error: "centre.errors.retention" })
      .default(30),
  ),
});
export type CentreSettingsInput = z.output<typeof centreSettingsSchema>;
