// zod schemas of the school forms.
import { z } from "zod";
import { idSchema } from "~/lib/schemas";

const text = (max: number) => z.string().trim().max(max, { error: "validation.invalid" }).default("");
const id = idSchema;

export const schoolProfileFields = {
  name: z.string({ error: "validation.required" }).trim().min(3, { error: "schools.errors.name" }).max(200, { error: "schools.errors.name" }),
  address: text(300),
  district: text(120),
  province: text(120),
  phone: z
    .string()
    .trim()
    .max(30, { error: "validation.invalid" })
    .refine((v) => v === "" || /^\+?[0-9 .()-]{8,20}$/.test(v), { error: "tours.errors.phone" })
    .default(""),
  email: z
    .string()
    .trim()
    .max(254)
    .refine((v) => v === "" || z.email().safeParse(v).success, { error: "validation.email" })
    .default(""),
};

export type SchoolProfileInput = { name: string; address: string; district: string; province: string; phone: string; email: string };

export const mySchoolSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("join"), schoolId: id }),
  z.object({ intent: z.literal("propose"), ...schoolProfileFields }),
  z.object({ intent: z.literal("profile"), schoolId: id, ...schoolProfileFields }),
  z.object({ intent: z.literal("decide"), membershipId: id, decision: z.enum(["approve", "reject"]) }),
  z.object({ intent: z.literal("revoke"), membershipId: id }),
]);

export const staffSchoolsSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("school"), schoolId: id, decision: z.enum(["approve", "reject"]) }),
  z.object({ intent: z.literal("membership"), membershipId: id, decision: z.enum(["approve", "reject"]) }),
  z.object({ intent: z.literal("revoke"), membershipId: id }),
]);
