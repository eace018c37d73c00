// zod schemas of the guardians forms (safe for client and server); messages are catalogue keys.
import { z } from "zod";
import { emailSchema, fullNameSchema, localeSchema, newPasswordSchema } from "~/auth/schemas";
import { confirmField, mustConfirm } from "~/lib/schemas";
import { normaliseCardCode } from "./card-code";

const id = z.number({ error: "validation.invalid" }).int({ error: "validation.invalid" }).positive({ error: "validation.invalid" });

export const studentGuardiansSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), email: emailSchema }),
  z.object({ intent: z.literal("remove"), guardianId: id, confirm: confirmField }).superRefine(mustConfirm),
]);

export const guardianCodeSchema = z.object({ studentId: id });

export const guardianLinkSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("link") }),
  z.object({ intent: z.literal("signup"), fullName: fullNameSchema, email: emailSchema, password: newPasswordSchema, locale: localeSchema.optional() }),
]);

export const guardianPageSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("cancel"), registrationId: id, confirm: confirmField }).superRefine(mustConfirm),
  z.object({ intent: z.literal("giveConsent"), studentId: id, agree: z.literal("on", { error: "guardians.consent.mustAgree" }) }),
  z.object({ intent: z.literal("withdrawConsent"), studentId: id, confirm: confirmField }).superRefine(mustConfirm),
]);

/** The slip's answer. The signature is the full name as typed (NFC, trimmed): stored and shown back exactly so. */
export const signSlipSchema = z.object({
  answer: z.enum(["yes", "no"], { error: "validation.choice" }),
  emergencyPhone: z
    .string({ error: "slips.errors.phone" })
    .trim()
    .regex(/^\+?[0-9 .-]{8,20}$/, { error: "slips.errors.phone" })
    .refine((p) => (p.match(/\d/g) ?? []).length >= 8 && (p.match(/\d/g) ?? []).length <= 15, { error: "slips.errors.phone" }),
  medicalNote: z
    .string()
    .trim()
    .max(500, { error: "slips.errors.medical" })
    .optional()
    .transform((v) => (v ?? "").normalize("NFC")),
  signedName: z
    .string({ error: "slips.errors.name" })
    .transform((n) => n.normalize("NFC").trim())
    .pipe(z.string().min(2, { error: "slips.errors.name" }).max(120, { error: "slips.errors.name" })),
});

export const bookingSlipsSchema = z.object({ intent: z.enum(["remind", "print", "setCount"], { error: "validation.choice" }) });

/** Check-in: a tap on a student of the list, or a card code (scanned QR text or the code typed from the card). */
export const checkInSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("tap"), studentId: id, present: z.enum(["1", "0"], { error: "validation.choice" }) }),
  z.object({
    intent: z.literal("scan"),
    code: z
      .string({ error: "checkin.refuse.unknownCard" })
      .max(200, { error: "checkin.refuse.unknownCard" })
      .transform((v, ctx) => {
        const code = normaliseCardCode(v);
        if (!code) {
          ctx.addIssue({ code: "custom", message: "checkin.refuse.unknownCard" });
          return z.NEVER;
        }
        return code;
      }),
  }),
]);

/** A teacher replaces the card of a student of the class (a lost card: the old one stops working). */
export const studentCardsSchema = z.object({ intent: z.literal("replace"), studentId: id });

/** The session slips page's one form: print the signing links of unanswered slips. */
export const sessionSlipsSchema = z.object({ intent: z.literal("print", { error: "validation.choice" }) });
