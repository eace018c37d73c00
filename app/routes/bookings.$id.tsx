import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FormErrors, TextAreaField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { BookingDetails } from "~/components/tours/BookingDetails";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParamOr404 } from "~/lib/forms.server";
import { nowIso } from "~/lib/time";
import { requireBookingAccess } from "~/tours/access.server";
import { changeBooking } from "~/tours/lifecycle.server";
import { getBookingDetail } from "~/tours/queries.server";
import { canSchoolCancelAt, holdsSeats, schoolCancelDeadline } from "~/tours/rules";
import { idSchema, schoolCancelSchema } from "~/tours/schemas";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireBookingAccess(db, request);
  const id = parseParamOr404(idSchema, params.id);
  // Scoped by the user's schools: another school's booking is not found (404), not forbidden.
  const booking = await getBookingDetail(db, id, access.scope);
  if (!booking) throw new Response("Not Found", { status: 404 });
  if (access.scope.staff) throw redirect(`/staff/bookings/${id}`);
  const mayCancel =
    holdsSeats(booking.status) && (booking.booked_by === access.user.id || !!access.actor.coordinatorOf?.includes(booking.school_id));
  const deadline = schoolCancelDeadline(booking.starts_at, booking.cancel_days_before);
  return { booking, mayCancel, deadline, beforeDeadline: canSchoolCancelAt(booking.starts_at, booking.cancel_days_before, nowIso()) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireBookingAccess(db, request);
  const id = parseParamOr404(idSchema, params.id);
  const form = await parseForm(request, schoolCancelSchema);
  if (!form.ok) return formFailure(form.submission);
  const actor = access.scope.staff ? access.actor : { ...access.actor, kind: "school" as const };
  const result = await changeBooking(db, id, actor, access.scope.staff ? { action: "cancelByStaff", reason: form.value.reason || "—" } : { action: "cancelBySchool", reason: form.value.reason });
  if (!result.ok) {
    if (result.status === 404) throw new Response("Not Found", { status: 404 });
    return formFailure(form.submission, { formErrors: [result.error], status: result.status });
  }
  return redirect(`/bookings/${id}?notice=notice.bookings.cancelled`);
}

export default function BookingPage() {
  const t = useT();
  const f = useFormat();
  const { booking, mayCancel, deadline, beforeDeadline } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeading>{t("bookings.detailTitle", { reference: booking.reference })}</PageHeading>
      <p className="no-print">
        <Link to="/bookings">← {t("bookings.title")}</Link>
      </p>
      <BookingDetails b={booking} />
      {booking.status === "confirmed" ? (
        <p>
          <a href={`/bookings/${booking.id}/calendar.ics`} className="btn-secondary" download>
            {t("bookings.ics")}
          </a>
        </p>
      ) : null}
      {mayCancel ? (
        <section aria-labelledby="cancel" className="card">
          <h2 id="cancel">{t("bookings.cancel.heading")}</h2>
          {beforeDeadline ? (
            <Form method="post" className="mt-3">
              <FormErrors />
              <p className="mb-3">{t("bookings.cancel.until", { date: f.dateTime(deadline) })}</p>
              <input type="hidden" name="intent" value="cancel" />
              <TextAreaField name="reason" rows={2} label={t("bookings.cancel.reason")} />
              <button type="submit" className="btn-danger">
                {t("bookings.cancel.submit")}
              </button>
            </Form>
          ) : (
            <p className="mt-3">{t("bookings.cancel.tooLate", { date: f.dateTime(deadline) })}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
