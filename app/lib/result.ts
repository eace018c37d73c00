// The one shape of an answer from a capability function that can refuse. A refusal carries a reason code of the
// capability's own union type; each capability maps its reasons to a status, a message key and a field in a
// RefusalMap (see refusals.ts), and routes turn a refusal into a reply with `refusalReply` (forms.server.ts).
export type Params = Record<string, string | number>;

export type Ok<T> = { ok: true; value: T };
export type Refusal<R extends string> = { ok: false; reason: R; field?: string; params?: Params };
export type Result<T, R extends string> = Ok<T> | Refusal<R>;

export function ok(): Ok<undefined>;
export function ok<T>(value: T): Ok<T>;
export function ok<T>(value?: T): Ok<T | undefined> {
  return { ok: true, value };
}

/** A refusal; `field` overrides the table's field (e.g. the row of a list), `params` fill the message. */
export function refuse<R extends string>(reason: R, extra: { field?: string; params?: Params } = {}): Refusal<R> {
  return { ok: false, reason, ...(extra.field ? { field: extra.field } : {}), ...(extra.params ? { params: extra.params } : {}) };
}
