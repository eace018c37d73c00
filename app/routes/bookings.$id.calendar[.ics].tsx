import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCentre } from "~/centre/centre.server";
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
  const centre = await getCentre(db, user.locale);
  const centreContact = [centre.phone && `${t("centre.phone")}: ${centre.phone}`, centre.zalo && `Zalo: ${centre.zalo}`, centre.email]
    .filter(Boolean)
    .join(" · ");
  const body = buildCalendar([
    {
      uid: `tour-booking-${b.id}@stem-hub`,
      title: `${b.title} (${b.reference})`,
      description: [
        `${t("bookings.school")}: ${b.schoolName}`,
        `${t("bookings.students")}: ${b.students}`,
        `${t("bookings.adults")}: ${b.adults}`,
        `${t("bookings.contact")}: ${b.contactName} ${b.contactPhone}`,
        centreContact ? `${t("centre.contact")}: ${centreContact}` : "",
      ]
        .filter(Boolean)
        .join("\n"),
      // The centre's address, so a calendar app can map it.
      location: centre.address ? `${centre.name || t("app.centre")}, ${centre.address}` : t("app.centre"),
      startIso: b.startsAt,
      endIso: b.endsAt,
      url: new URL(`/bookings/${b.id}`, request.url).toString(),
    },
  ]);
  return icsResponse(`${b.reference}.ics`, body);
}
