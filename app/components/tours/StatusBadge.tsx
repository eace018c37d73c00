// A booking status as a word plus colour (never colour alone).
import type { TourBookingStatus } from "#db/schema";
import { useT } from "~/i18n/react";
import { bookingStatusBadge } from "~/tours/rules";

export function BookingStatusBadge({ status }: { status: TourBookingStatus }) {
  const t = useT();
  return <span className={`badge ${bookingStatusBadge(status)}`}>{t(`bookings.status.${status}`)}</span>;
}
