// What happened after Register / Cancel, in the reader's language.
import { Notice } from "~/components/forms";
import { useT } from "~/i18n/react";

export type Outcome =
  | { kind: "registered"; status: "confirmed" | "waitlisted"; position: number | null; already: boolean }
  | { kind: "refused"; reason: string; otherTitle: string | null }
  | { kind: "cancelRefused"; reason: string }
  | { kind: "cancelled" };

export function OutcomeNotice({ outcome }: { outcome: Outcome }) {
  const t = useT();
  switch (outcome.kind) {
    case "registered": {
      const key = `workshops.outcome.${outcome.already ? "already" : "now"}.${outcome.status}`;
      return <Notice>{t(key, { position: outcome.position ?? 0 })}</Notice>;
    }
    case "refused":
      return <Notice kind="error">{t(`workshops.refuse.${outcome.reason}`, { title: outcome.otherTitle ?? "" })}</Notice>;
    case "cancelRefused":
      return <Notice kind="error">{t(`workshops.cancelRefused.${outcome.reason}`)}</Notice>;
    case "cancelled":
      return <Notice>{t("workshops.outcome.cancelled")}</Notice>;
  }
}
