import type { LoaderFunctionArgs } from "@remix-run/node";
import { createTranslator } from "~/i18n";
import { db } from "~/lib/db.server";
import { parseParamOr404 } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { forbidden, notFound } from "~/lib/http.server";
import { buildCalendar, icsResponse } from "~/lib/ics.server";
import { bookingAccessFor } from "~/tours/access.server";
import { getBookingView } from "~/tours/queries.server";
import { idSchema } from "~/tours/schemas";

// One confirmed booking as an iCalendar file, for the school's calendar.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await bookingAccessFor(db, user);
  if (!access) throw forbidden();
  const id = parseParamOr404(idSchema, params.id);
  const b = await getBookingView(db, id, access.scope, user.locale);
  if (!b || b.status !== "confirmed") throw notFound();
  const t = createTranslator(user.locale);
  const body = buildCalendar([
    {
      uid: `tour-booking-${b.id}@stem-hub`,
      title: `${b.title} (${b.reference})`,
      description: [
        `${t("bookings.school")}: ${b.schoolName}`,
        `${t("bookings.students")}: ${b.students}`,
        `${t("bookings.adults")}: ${b.adults}`,
        `${t("bookings.contact")}: ${b.contactName} ${b.contactPhone}`,
      ].join("\n"),
      location: t("app.centre"),
      startIso: b.startsAt,
      endIso: b.endsAt,
      url: new URL(`/bookings/${b.id}`, request.url).toString(),
    },
  ]);
  return icsResponse(`${b.reference}.ics`, body);
}
