// The one form pattern: parse FormData with a zod schema (conform), answer 400 with field errors.
import type { Submission as ConformSubmission } from "@conform-to/dom";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { z } from "zod";

type Submission = ConformSubmission<Record<string, unknown>, string[], unknown>;

export type FormReply = ReturnType<Submission["reply"]>;

export type ParsedForm<T> =
  | { ok: true; value: T; submission: Submission }
  | { ok: false; submission: Submission };

export function parseFormData<S extends z.ZodType>(formData: FormData | URLSearchParams, schema: S): ParsedForm<z.output<S>> {
  const submission = parseWithZod(formData, { schema }) as Submission;
  if (submission.status === "success") return { ok: true, value: submission.value as z.output<S>, submission };
  return { ok: false, submission };
}

/** The request's form data; a body that is not a form (or is cut off) reads as an empty form, never a 500. */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    return new FormData();
  }
}

export async function parseForm<S extends z.ZodType>(request: Request, schema: S): Promise<ParsedForm<z.output<S>>> {
  return parseFormData(await readFormData(request), schema);
}

function hiddenFields(submission: Submission): string[] {
  return Object.keys(submission.payload ?? {}).filter((name) => /password/i.test(name));
}

/**
 * 400 with the field errors (catalogue keys) and what the user typed, passwords excepted.
 * `fieldErrors` / `formErrors` add errors found after parsing (e.g. "email taken").
 */
export function formFailure(
  submission: Submission,
  extra: { fieldErrors?: Record<string, string[]>; formErrors?: string[]; status?: number } = {},
) {
  const reply = submission.reply({
    fieldErrors: extra.fieldErrors,
    formErrors: extra.formErrors,
    hideFields: hiddenFields(submission),
  });
  return data({ submission: reply }, { status: extra.status ?? 400 });
}

/** Parses a route or query parameter, answering 400 (not 500) when it is malformed. */
export function parseParam<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new Response("Bad Request", { status: 400 });
  return r.data;
}

/** Like parseParam, but a malformed value is a page that does not exist. */
export function parseParamOr404<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new Response("Not Found", { status: 404 });
  return r.data;
}
