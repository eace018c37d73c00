// zod schemas of the account forms; messages are catalogue keys, shown in the user's language.
import { z } from "zod";
import { idSchema } from "~/lib/schemas";
import { isCommonPassword } from "./common-passwords";

export const ROLES = ["student", "teacher", "coordinator", "staff", "admin", "guardian"] as const;
export const SIGNUP_ROLES = ["student", "teacher"] as const;

export const emailSchema = z
  .string({ error: "validation.required" })
  .trim()
  .max(254, { error: "validation.email" })
  .email({ error: "validation.email" })
  .transform((e) => e.toLowerCase());

export const newPasswordSchema = z
  .string({ error: "validation.required" })
  .min(10, { error: "validation.passwordTooShort" })
  .max(200, { error: "validation.passwordTooLong" })
  .refine((p) => !isCommonPassword(p), { error: "validation.passwordCommon" });

export const fullNameSchema = z
  .string({ error: "validation.required" })
  .trim()
  .min(2, { error: "validation.fullName" })
  .max(120, { error: "validation.fullName" })
  .transform((n) => n.normalize("NFC").replace(/\s+/g, " "));

export const localeSchema = z.enum(["vi", "en"], { error: "validation.choice" });

/** A student's grade (1–12); empty means not given. */
export const gradeSchema = z.coerce.number({ error: "profile.errors.grade" }).int({ error: "profile.errors.grade" }).min(1, { error: "profile.errors.grade" }).max(12, { error: "profile.errors.grade" }).optional();

/** A student's birth year: between 1940 and three years ago; empty means not given. */
export const birthYearSchema = z.coerce
  .number({ error: "profile.errors.birthYear" })
  .int({ error: "profile.errors.birthYear" })
  .min(1940, { error: "profile.errors.birthYear" })
  .refine((y) => y <= new Date().getUTCFullYear() - 3, { error: "profile.errors.birthYear" })
  .optional();

export const signupSchema = z.object({
  fullName: fullNameSchema,
  email: emailSchema,
  password: newPasswordSchema,
  role: z.enum(SIGNUP_ROLES, { error: "validation.choice" }),
  locale: localeSchema.default("vi"),
  // A teacher may ask to join a school right away (a coordinator or staff approves it).
  schoolId: idSchema.optional(),
  // A student's grade and birth year decide which workshops they may join (ignored for teachers).
  grade: gradeSchema,
  birthYear: birthYearSchema,
  /** Where to land after signing up (a path on this site; checked by safeRedirectPath). */
  redirectTo: z.string().max(500).optional(),
});

export const loginSchema = z.object({
  identifier: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(254, {
    error: "validation.invalid",
  }),
  password: z.string({ error: "validation.required" }).min(1, { error: "validation.required" }).max(200, {
    error: "validation.invalid",
  }),
  redirectTo: z.string().max(500).optional(),
});

export const profileSchema = z.object({
  intent: z.literal("profile"),
  fullName: fullNameSchema,
  locale: localeSchema,
  grade: gradeSchema,
  birthYear: birthYearSchema,
});

export const passwordChangeSchema = z.object({
  intent: z.literal("password"),
  currentPassword: z.string({ error: "validation.required" }).min(1, { error: "validation.required" }).max(200),
  newPassword: newPasswordSchema,
});

export const setRoleSchema = z.object({
  userId: idSchema,
  role: z.enum(ROLES, { error: "validation.choice" }),
});
