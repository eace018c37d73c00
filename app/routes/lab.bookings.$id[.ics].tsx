import type { LoaderFunctionArgs } from "@remix-run/node";
import { createTranslator } from "~/i18n";
import { getMyBooking } from "~/lab/bookings.server";
import { idSchema } from "~/lab/schemas";
import { db } from "~/lib/db.server";
import { parseParamOr404 } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { notFound } from "~/lib/http.server";
import { buildCalendar, icsResponse } from "~/lib/ics.server";

// One of the person's own lab bookings as an iCalendar file (another person's is not found).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = parseParamOr404(idSchema, params.id);
  const b = await getMyBooking(db, { bookingId: id, userId: user.id, locale: user.locale });
  if (!b || b.status === "cancelled") throw notFound();
  const t = createTranslator(user.locale);
  const body = buildCalendar([
    {
      uid: `lab-booking-${b.id}@stem-hub`,
      title: `${b.resourceName} · ${t("lab.title")}`,
      location: [b.location, t("app.centre")].filter(Boolean).join(", "),
      startIso: b.startsAt,
      endIso: b.endsAt,
      url: new URL(`/lab/${b.resourceSlug}`, request.url).toString(),
    },
  ]);
  return icsResponse(`lab-booking-${b.id}.ics`, body);
}
