// Each capability has one table that maps every reason it can refuse with to an HTTP status, a message key and
// (optionally) the form field the message belongs next to. `satisfies RefusalMap<MyReason>` makes TypeScript
// prove that every reason has a message. Safe for client and server (no HTTP objects here).
import type { MessageKey } from "~/i18n";

export type RefusalStatus = 400 | 403 | 404 | 409 | 410 | 413 | 422 | 429;

export interface RefusalRule {
  status: RefusalStatus;
  key: MessageKey;
  field?: string;
}

export type RefusalMap<R extends string> = { readonly [K in R]: RefusalRule };
