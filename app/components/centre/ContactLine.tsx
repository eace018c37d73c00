// One line under a "please contact the centre" message: how to reach it (phone, Zalo, e-mail), from the root loader.
import { useT } from "~/i18n/react";
import { useCentre } from "./useCentre";

/** Refusal messages that end in "contact the centre": FormErrors adds the contact line under them. */
export const CONTACT_MESSAGE_KEYS = new Set<string>([
  "workshops.refuse.removedByStaff",
  "workshops.cancelRefused.deadlinePassed",
  "bookings.errors.cancelDeadline",
]);

export function ContactLine() {
  const t = useT();
  const centre = useCentre();
  if (!centre || !(centre.phone || centre.zalo || centre.email)) return null;
  const parts = [
    centre.phone ? (
      <a key="phone" className="underline" href={`tel:${centre.phone.replace(/[^0-9+]/g, "")}`}>
        {centre.phone}
      </a>
    ) : null,
    centre.zalo ? (
      <a key="zalo" className="underline" href={`https://zalo.me/${centre.zalo.replace(/[^0-9]/g, "")}`} rel="noopener noreferrer">
        Zalo {centre.zalo}
      </a>
    ) : null,
    centre.email ? (
      <a key="email" className="underline" href={`mailto:${centre.email}`}>
        {centre.email}
      </a>
    ) : null,
  ].filter(Boolean);
  return (
    <p className="mt-1 text-sm" data-testid="contact-line">
      {t("centre.contact")}:{" "}
      {parts.map((p, i) => (
        <span key={i}>
          {i > 0 ? " · " : null}
          {p}
        </span>
      ))}
    </p>
  );
}
