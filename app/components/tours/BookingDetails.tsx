// The facts of one booking, shown to the school and to staff.
import type { TourBookingStatus } from "#db/schema";
import { useFormat, useLocale, useT } from "~/i18n/react";
import { BookingStatusBadge } from "./StatusBadge";

export interface BookingDetailsData {
  reference: string;
  status: TourBookingStatus;
  title_vi: string;
  title_en: string | null;
  starts_at: string;
  ends_at: string;
  school_name: string;
  class_name: string | null;
  booker_name: string | null;
  students: number;
  grade_min: number;
  grade_max: number;
  adults: number;
  contact_name: string;
  contact_phone: string;
  accessibility_needs: string;
  notes: string;
  staff_message: string | null;
  cancel_reason: string | null;
  actual_students: number | null;
  fee_vnd: number;
}

export function BookingDetails({ b }: { b: BookingDetailsData }) {
  const t = useT();
  const f = useFormat();
  const locale = useLocale();
  const rows: [string, React.ReactNode][] = [
    [t("common.status"), <BookingStatusBadge key="s" status={b.status} />],
    [t("bookings.tour"), locale === "en" && b.title_en ? b.title_en : b.title_vi],
    [t("bookings.when"), `${f.longDate(b.starts_at)} ${f.time(b.starts_at)}–${f.time(b.ends_at)}`],
    [t("bookings.school"), b.school_name],
    [t("bookings.class"), b.class_name ?? t("common.none")],
    [t("bookings.students"), b.students],
    [t("bookings.grades"), b.grade_min === b.grade_max ? t("tours.grade", { grade: b.grade_min }) : t("tours.grades", { min: b.grade_min, max: b.grade_max })],
    [t("bookings.adults"), b.adults],
    [t("bookings.contact"), `${b.contact_name} · ${b.contact_phone}`],
    [t("bookings.bookedBy"), b.booker_name ?? t("common.none")],
    [t("bookings.fee"), b.fee_vnd === 0 ? t("common.free") : f.money(b.fee_vnd * b.students)],
  ];
  if (b.accessibility_needs) rows.push([t("bookings.accessibility"), b.accessibility_needs]);
  if (b.notes) rows.push([t("bookings.notes"), b.notes]);
  if (b.staff_message) rows.push([t("bookings.staffMessage"), b.staff_message]);
  if (b.cancel_reason) rows.push([t("bookings.cancelReason"), b.cancel_reason]);
  if (b.actual_students !== null) rows.push([t("bookings.actualStudents"), b.actual_students]);
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
