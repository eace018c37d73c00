import type { LoaderFunctionArgs } from "@remix-run/node";
import { createTranslator } from "~/i18n";
import { db } from "~/lib/db.server";
import { buildCalendar, icsResponse } from "~/lib/ics.server";
import { parseParamOr404 } from "~/lib/forms.server";
import { requireBookingAccess } from "~/tours/access.server";
import { getBookingDetail } from "~/tours/queries.server";
import { idSchema } from "~/tours/schemas";

// One confirmed booking as an iCalendar file, for the school's calendar.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireBookingAccess(db, request);
  const id = parseParamOr404(idSchema, params.id);
  const b = await getBookingDetail(db, id, access.scope);
  if (!b || b.status !== "confirmed") throw new Response("Not Found", { status: 404 });
  const t = createTranslator(access.user.locale);
  const title = access.user.locale === "en" && b.title_en ? b.title_en : b.title_vi;
  const body = buildCalendar([
    {
      uid: `tour-booking-${b.id}@stem-hub`,
      title: `${title} (${b.reference})`,
      description: [
        `${t("bookings.school")}: ${b.school_name}`,
        `${t("bookings.students")}: ${b.students}`,
        `${t("bookings.adults")}: ${b.adults}`,
        `${t("bookings.contact")}: ${b.contact_name} ${b.contact_phone}`,
      ].join("\n"),
      location: t("app.centre"),
      startIso: b.starts_at,
      endIso: b.ends_at,
      url: new URL(`/bookings/${b.id}`, request.url).toString(),
    },
  ]);
  return icsResponse(`${b.reference}.ics`, body);
}
