import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FormErrors, FormScope, SelectField, TextAreaField, TextField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { BookingDetails } from "~/components/tours/BookingDetails";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParamOr404, refusalReply } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { ensureFound, notFound } from "~/lib/http.server";
import { isoToVnLocal, nowIso } from "~/lib/time";
import { changeBooking, staffChange } from "~/tours/lifecycle.server";
import { participantChoicesForBooking } from "~/tours/participants.server";
import { loadStaffBookingPage } from "~/tours/queries.server";
import { changeRefusals } from "~/tours/refusals";
import { idSchema, staffBookingSchema } from "~/tours/schemas";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const bookingId = parseParamOr404(idSchema, params.id);
  const page = ensureFound(await loadStaffBookingPage(db, { bookingId, now: nowIso(), locale: staff.locale }));
  return { ...page, participants: await participantChoicesForBooking(db, bookingId) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const bookingId = parseParamOr404(idSchema, params.id);
  const form = await parseForm(request, staffBookingSchema);
  if (!form.ok) return formFailure(form.submission);
  const result = await changeBooking(db, { bookingId, actor: { userId: staff.id, kind: "staff" }, change: staffChange(form.value, context?.clientIp), now: nowIso() });
  if (!result.ok) {
    if (result.reason === "notFound") throw notFound();
    return refusalReply(form.submission, result, changeRefusals);
  }
  return redirect(`/staff/bookings/${bookingId}?notice=notice.bookings.updated`);
}

export default function StaffBooking() {
  const t = useT();
  const f = useFormat();
  const { booking: b, slots, started, participants } = useLoaderData<typeof loader>();
  const active = b.status === "requested" || b.status === "confirmed";
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeading>{t("bookings.detailTitle", { reference: b.reference })}</PageHeading>
      <p className="flex flex-wrap gap-4">
        <Link to="/staff/bookings">← {t("bookings.staff.title")}</Link>
        <Link to={`/staff/bookings/day?date=${isoToVnLocal(b.startsAt).date}`}>{t("bookings.staff.openDaySheet")}</Link>
      </p>
      <FormErrors />
      <BookingDetails booking={b} />
      {b.status === "requested" ? (
        <section className="card space-y-4" aria-labelledby="decide">
          <h2 id="decide">
            {t("bookings.staff.confirm")} / {t("bookings.staff.decline")}
          </h2>
          {/* Confirm and decline both have a "message" field: each form shows only its own errors. */}
          <FormScope match={{ intent: "confirm" }}>
            <Form method="post">
              <input type="hidden" name="intent" value="confirm" />
              <TextField name="message" label={`${t("bookings.staff.message")} ${t("common.optional")}`} />
              <button type="submit" className="btn">
                {t("bookings.staff.confirm")}
              </button>
            </Form>
          </FormScope>
          <FormScope match={{ intent: "decline" }}>
            <Form method="post">
              <input type="hidden" name="intent" value="decline" />
              <TextAreaField name="message" rows={2} label={t("bookings.staff.declineMessage")} required />
              <button type="submit" className="btn-danger">
                {t("bookings.staff.decline")}
              </button>
            </Form>
          </FormScope>
        </section>
      ) : null}
      {active && slots.length ? (
        <section className="card" aria-labelledby="move">
          <h2 id="move">{t("bookings.staff.move")}</h2>
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="move" />
            <SelectField
              name="slotId"
              label={t("tours.book.slot")}
              options={slots.map((s) => ({ value: String(s.id), label: t("tours.book.slotOption", { when: f.dateTime(s.startsAt), count: s.left }) }))}
            />
            <button type="submit" className="btn-secondary">
              {t("bookings.staff.moveSubmit")}
            </button>
          </Form>
        </section>
      ) : null}
      {b.status === "confirmed" && started ? (
        <section className="card" aria-labelledby="complete">
          <h2 id="complete">{t("bookings.staff.complete")}</h2>
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="complete" />
            <TextField name="actualStudents" type="number" inputMode="numeric" min={0} defaultValue={String(participants?.checkedIn ?? b.students)} label={t("bookings.actualStudents")} />
            {participants ? (
              <fieldset className="mb-4">
                <legend className="font-semibold">{t("bookings.staff.participants")}</legend>
                <p className="text-sm text-slate-700">{t("bookings.staff.participantsLead")}</p>
                {participants.checkedIn !== null ? <p className="text-sm text-slate-700">{t("bookings.staff.checkedInLead", { count: participants.checkedIn })}</p> : null}
                <input type="hidden" name="participants" value="1" />
                <ul className="mt-2 grid gap-1 sm:grid-cols-2">
                  {participants.students.map((p) => (
                    <li key={p.id}>
                      <label className="inline-flex items-center gap-2">
                        <input type="checkbox" name="studentIds" value={p.id} defaultChecked={p.listed} />
                        {p.fullName}
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
            ) : null}
            <button type="submit" className="btn">
              {t("bookings.staff.completeSubmit")}
            </button>
          </Form>
        </section>
      ) : null}
      {active ? (
        <section className="card" aria-labelledby="staff-cancel">
          <h2 id="staff-cancel">{t("bookings.staff.cancel")}</h2>
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="cancel" />
            <TextAreaField name="reason" rows={2} label={t("bookings.staff.cancelReason")} required />
            <button type="submit" className="btn-danger">
              {t("bookings.staff.cancelSubmit")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
