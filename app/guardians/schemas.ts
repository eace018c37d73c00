// zod schemas of the guardians forms (safe for client and server); messages are catalogue keys.
import { z } from "zod";
import { emailSchema, fullNameSchema, localeSchema, newPasswordSchema } from "~/auth/schemas";
import { confirmField, mustConfirm } from "~/lib/schemas";

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
