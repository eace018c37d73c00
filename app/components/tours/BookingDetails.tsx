// The facts of one booking, shown to the school and to staff.
import { useFormat, useT } from "~/i18n/react";
import type { BookingView } from "~/tours/views";
import { BookingStatusBadge } from "./StatusBadge";

export function BookingDetails({ booking: b }: { booking: BookingView }) {
  const t = useT();
  const f = useFormat();
  const rows: [string, React.ReactNode][] = [
    [t("common.status"), <BookingStatusBadge key="s" status={b.status} />],
    [t("bookings.tour"), b.title],
    [t("bookings.when"), `${f.longDate(b.startsAt)} ${f.time(b.startsAt)}–${f.time(b.endsAt)}`],
    [t("bookings.school"), b.schoolName],
    [t("bookings.class"), b.className ?? t("common.none")],
    [t("bookings.students"), b.students],
    [t("bookings.grades"), b.gradeMin === b.gradeMax ? t("tours.grade", { grade: b.gradeMin }) : t("tours.grades", { min: b.gradeMin, max: b.gradeMax })],
    [t("bookings.adults"), b.adults],
    [t("bookings.contact"), `${b.contactName} · ${b.contactPhone}`],
    [t("bookings.bookedBy"), b.bookerName ?? t("common.none")],
    [t("bookings.fee"), b.feeVnd === 0 ? t("common.free") : f.money(b.feeVnd * b.students)],
  ];
  if (b.accessibilityNeeds) rows.push([t("bookings.accessibility"), b.accessibilityNeeds]);
  if (b.notes) rows.push([t("bookings.notes"), b.notes]);
  if (b.staffMessage) rows.push([t("bookings.staffMessage"), b.staffMessage]);
  if (b.cancelReason) rows.push([t("bookings.cancelReason"), b.cancelReason]);
  if (b.actualStudents !== null) rows.push([t("bookings.actualStudents"), b.actualStudents]);
  return (
    <dl className="card grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-semibold">{k}</dt>
          <dd className="whitespace-pre-line">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
