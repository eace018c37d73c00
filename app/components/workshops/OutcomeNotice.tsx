// What happened after Register, in the reader's language (refusals are form errors, cancellations a ?notice).
import { Notice } from "~/components/forms";
import { useT } from "~/i18n/react";

export interface RegisteredOutcome {
  status: "confirmed" | "waitlisted";
  position: number | null;
  /** A second click: the registration already existed. */
  already: boolean;
}

export function OutcomeNotice({ outcome }: { outcome: RegisteredOutcome }) {
  const t = useT();
  const when: "already" | "now" = outcome.already ? "already" : "now";
  return <Notice>{t(`workshops.outcome.${when}.${outcome.status}`, { position: outcome.position ?? 0 })}</Notice>;
}
