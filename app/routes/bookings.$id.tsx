import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FormErrors, TextAreaField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { BookingDetails } from "~/components/tours/BookingDetails";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParamOr404, refusalReply } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { ensureFound, forbidden, notFound } from "~/lib/http.server";
import { nowIso } from "~/lib/time";
import { bookingAccessFor } from "~/tours/access.server";
import { cancelBooking } from "~/tours/lifecycle.server";
import { loadSchoolBookingPage } from "~/tours/queries.server";
import { changeRefusals } from "~/tours/refusals";
import { idSchema, schoolCancelSchema } from "~/tours/schemas";
import { ContactLine } from "~/components/centre/ContactLine";

async function requireAccess(request: Request) {
  const access = await bookingAccessFor(db, await requireUser(request));
  if (!access) throw forbidden();
  return access;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAccess(request);
  const bookingId = parseParamOr404(idSchema, params.id);
  // Scoped by the user's schools: another school's booking is not found (404), not forbidden.
  const page = ensureFound(await loadSchoolBookingPage(db, { bookingId, scope: access.scope, actor: access.actor, now: nowIso(), locale: access.user.locale }));
  if (access.scope.staff) throw redirect(`/staff/bookings/${bookingId}`);
  return page;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireAccess(request);
  const bookingId = parseParamOr404(idSchema, params.id);
  const form = await parseForm(request, schoolCancelSchema);
  if (!form.ok) return formFailure(form.submission);
  const result = await cancelBooking(db, { bookingId, actor: access.actor, reason: form.value.reason, now: nowIso() });
  if (!result.ok) {
    if (result.reason === "notFound") throw notFound();
    return refusalReply(form.submission, result, changeRefusals);
  }
  return redirect(`/bookings/${bookingId}?notice=notice.bookings.cancelled`);
}

export default function BookingPage() {
  const t = useT();
  const f = useFormat();
  const { booking, mayCancel, deadline, beforeDeadline } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeading>{t("bookings.detailTitle", { reference: booking.reference })}</PageHeading>
      <p className="mb-4">
        <Link to={`/bookings/${booking.id}/slips`}>{t("slips.teacher.link")}</Link>
      </p>
      <p className="no-print">
        <Link to="/bookings">← {t("bookings.title")}</Link>
      </p>
      <BookingDetails booking={booking} />
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
            <>
              <p className="mt-3">{t("bookings.cancel.tooLate", { date: f.dateTime(deadline) })}</p>
              <ContactLine />
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
