// The one form pattern: parse FormData with a zod schema (conform), answer 400 with field errors.
import type { Submission as ConformSubmission } from "@conform-to/dom";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { z } from "zod";
import { badRequest, notFound, payloadTooLarge } from "./http.server";
import type { RefusalMap } from "./refusals";
import type { Params, Refusal } from "./result";

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

/** More fields than any form of ours has: a request with more is refused (413) rather than parsed further. */
export const MAX_FORM_FIELDS = 1000;

/**
 * The request's form data; a body that is not a form (or is cut off) reads as an empty form, never a 500.
 * The body's size is bounded by the server before it gets here (server/limits.mjs).
 */
export async function readFormData(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return new FormData();
  }
  let fields = 0;
  for (const _ of form.keys()) {
    if (++fields > MAX_FORM_FIELDS) throw payloadTooLarge();
  }
  return form;
}

export async function parseForm<S extends z.ZodType>(request: Request, schema: S): Promise<ParsedForm<z.output<S>>> {
  return parseFormData(await readFormData(request), schema);
}

function hiddenFields(submission: Submission): string[] {
  return Object.keys(submission.payload ?? {}).filter((name) => /password/i.test(name));
}

/**
 * The one form reply: the field errors (catalogue keys) and what the user typed, passwords excepted, with the
 * message parameters (e.g. { needed: 3 } for "at least {needed} adults"). 400 unless told otherwise.
 * `fieldErrors` / `formErrors` add errors found after parsing.
 */
export function formFailure(
  submission: Submission,
  extra: { fieldErrors?: Record<string, string[]>; formErrors?: string[]; status?: number; params?: Params } = {},
) {
  const reply = submission.reply({
    fieldErrors: extra.fieldErrors,
    formErrors: extra.formErrors,
    hideFields: hiddenFields(submission),
  });
  return data({ submission: reply, params: extra.params ?? {} }, { status: extra.status ?? 400 });
}

/** A capability's refusal as the form reply: its table gives the status, the message and the field it belongs to. */
export function refusalReply<R extends string>(submission: Submission, refusal: Refusal<R>, table: RefusalMap<R>) {
  const rule = table[refusal.reason];
  const field = refusal.field ?? rule.field;
  return formFailure(submission, {
    status: rule.status,
    params: refusal.params,
    ...(field ? { fieldErrors: { [field]: [rule.key] } } : { formErrors: [rule.key] }),
  });
}

/** Parses a route or query parameter, answering 400 (not 500) when it is malformed. */
export function parseParam<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw badRequest();
  return r.data;
}

/** Like parseParam, but a malformed value is a page that does not exist. */
export function parseParamOr404<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw notFound();
  return r.data;
}

/**
 * A form sent back to be filled in further (e.g. "use this class", "add a meeting"): 200, no errors, what the user
 * typed with `values` written over it, and `extra` beside it. The page must remount its (uncontrolled) fields on
 * each such reply — `refill` changes every time, use it as their `key`.
 */
export function formRefill<E extends Record<string, unknown>>(submission: Submission, values: Record<string, string | string[]>, extra: E) {
  const reply = submission.reply({ hideFields: hiddenFields(submission) });
  const initialValue = { ...(reply.initialValue ?? {}), ...values };
  return data({ submission: { ...reply, status: "success" as const, error: undefined, initialValue }, params: {}, refill: crypto.randomUUID(), ...extra });
}
