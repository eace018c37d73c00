import type { LoaderFunctionArgs } from "@remix-run/node";
import { createTranslator } from "~/i18n";
import { formatDateTime } from "~/i18n/format";
import { csvResponse, toCsv } from "~/lib/csv.server";
import { db } from "~/lib/db.server";
import { parseParam } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { listBookingsForExport } from "~/tours/queries.server";
import { rangeQuerySchema } from "~/tours/schemas";

// Bookings whose visit falls within [from, to], as CSV in the staff member's language.
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const sp = new URL(request.url).searchParams;
  const { from, to } = parseParam(rangeQuerySchema, { from: sp.get("from"), to: sp.get("to") });
  const t = createTranslator(staff.locale);
  const rows = await listBookingsForExport(db, { from, to, locale: staff.locale });
  const csv = toCsv(
    [
      t("bookings.reference"),
      t("common.status"),
      t("bookings.when"),
      t("bookings.tour"),
      t("bookings.school"),
      t("bookings.students"),
      t("bookings.actualStudents"),
      t("bookings.grades"),
      t("bookings.adults"),
      t("tours.book.contactName"),
      t("tours.book.contactPhone"),
      t("bookings.accessibility"),
      t("bookings.notes"),
      t("bookings.bookedBy"),
    ],
    rows.map((r) => [
      r.reference,
      t(`bookings.status.${r.status}`),
      formatDateTime(staff.locale, r.startsAt),
      r.title,
      r.schoolName,
      r.students,
      r.actualStudents,
      `${r.gradeMin}-${r.gradeMax}`,
      r.adults,
      r.contactName,
      r.contactPhone,
      r.accessibilityNeeds,
      r.notes,
      r.bookerName,
    ]),
  );
  return csvResponse(`tour-bookings-${from}-${to}.csv`, csv);
}
