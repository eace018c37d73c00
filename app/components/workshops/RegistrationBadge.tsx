// A registration's status as a word plus colour (never colour alone).
import type { RegistrationStatus } from "#db/schema";
import { useT } from "~/i18n/react";

const tone: Record<string, string> = {
  confirmed: "badge-ok",
  attended: "badge-ok",
  waitlisted: "badge-warn",
  absent: "badge-bad",
  cancelled: "badge-neutral",
  removed: "badge-neutral",
};

export function RegistrationBadge({ status, position }: { status: RegistrationStatus | "attended" | "absent"; position?: number | null }) {
  const t = useT();
  return (
    <span className={`badge ${tone[status] ?? "badge-neutral"}`} data-testid="registration-status">
      {status === "waitlisted" ? t("workshops.status.waitlistedN", { position: position ?? 0 }) : t(`workshops.status.${status}`)}
    </span>
  );
}
