// zod building blocks shared by every capability's schemas (safe for client and server).
import { z } from "zod";

/** A database id: digits only ("0x10", "1e3", "1.0" are not ids), within SQLite's integer range for our tables. */
export const idSchema = z
  .union([z.number(), z.string()], { error: "validation.invalid" })
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(/^[1-9]\d{0,9}$/, { error: "validation.invalid" }))
  .transform(Number)
  .pipe(z.number().max(2 ** 31, { error: "validation.invalid" }));

/** A program slug in a URL (anything else is a page that does not exist). */
export const slugParamSchema = z.string().regex(/^[a-z0-9-]{1,120}$/);

/** 24-hour HH:MM (an <input type="time"> value). */
export const timeSchema = z.string({ error: "validation.required" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "validation.time" });

/** ?page=… for lists: anything odd is page 1, never an error. */
export const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

/** A calendar date that exists: "2026-02-31" is refused instead of rolling over to March. */
export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return false;
  const d = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value.slice(0, 10);
}

/** YYYY-MM-DD (an <input type="date"> value) that exists. */
export const dateSchema = z
  .string({ error: "validation.required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "validation.date", abort: true })
  .refine(isRealDate, { error: "validation.date" });

/**
 * The final POST of a destructive action (cancel a registration, leave a class, remove from a roster) carries
 * confirm=yes, which only its confirm step sends. A POST without it (a replayed or forged first click) is refused
 * with a form-level message, and nothing changes.
 */
export const confirmField = z.string().max(10).optional();
export function mustConfirm(v: { confirm?: string }, ctx: z.RefinementCtx) {
  if (v.confirm !== "yes") ctx.addIssue({ code: "custom", path: [], message: "confirm.required" });
}
