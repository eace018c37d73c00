import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/lib/guards.server";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { BookingDetails } from "~/components/tours/BookingDetails";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParamOr404 } from "~/lib/forms.server";
import { isoToVnLocal, nowIso } from "~/lib/time";
import { changeBooking, type ChangeInput } from "~/tours/lifecycle.server";
import { getBookingDetail } from "~/tours/queries.server";
import { idSchema, staffBookingSchema } from "~/tours/schemas";
import { listBookableSlots } from "~/tours/tours.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const id = parseParamOr404(idSchema, params.id);
  const booking = await getBookingDetail(db, id, { staff: true });
  if (!booking) throw new Response("Not Found", { status: 404 });
  const now = nowIso();
  const slots = (await listBookableSlots(db, booking.program_id, now)).filter((s) => s.id !== booking.slot_id);
  return { booking, slots, started: booking.starts_at <= now };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = parseParamOr404(idSchema, params.id);
  const form = await parseForm(request, staffBookingSchema);
  if (!form.ok) return formFailure(form.submission);
  const v = form.value;
  const input: ChangeInput =
    v.intent === "confirm" || v.intent === "decline"
      ? { action: v.intent, message: v.message }
      : v.intent === "cancel"
        ? { action: "cancelByStaff", reason: v.reason }
        : v.intent === "complete"
          ? { action: "complete", actualStudents: v.actualStudents }
          : { action: "move", slotId: v.slotId };
  const r = await changeBooking(db, id, { userId: staff.id, kind: "staff" }, input);
  if (!r.ok) {
    if (r.status === 404) throw new Response("Not Found", { status: 404 });
    return formFailure(form.submission, r.field ? { fieldErrors: { [r.field]: [r.error] }, status: r.status } : { formErrors: [r.error], status: r.status });
  }
  return redirect(`/staff/bookings/${id}?notice=notice.bookings.updated`);
}

export default function StaffBooking() {
  const t = useT();
  const f = useFormat();
  const { booking: b, slots, started } = useLoaderData<typeof loader>();
  const active = b.status === "requested" || b.status === "confirmed";
  // Confirm and decline both have a "message" field: each form shows only its own errors.
  const last = (useActionData() as { submission?: { initialValue?: Record<string, unknown> | null } } | undefined)?.submission;
  const replyFor = (intent: string) => (last?.initialValue?.intent === intent ? last : {});
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeading>{t("bookings.detailTitle", { reference: b.reference })}</PageHeading>
      <p className="flex flex-wrap gap-4">
        <Link to="/staff/bookings">← {t("bookings.staff.title")}</Link>
        <Link to={`/staff/bookings/day?date=${isoToVnLocal(b.starts_at).date}`}>{t("bookings.staff.openDaySheet")}</Link>
      </p>
      <FormErrors />
      <BookingDetails b={b} />
      {b.status === "requested" ? (
        <section className="card space-y-4" aria-labelledby="decide">
          <h2 id="decide">
            {t("bookings.staff.confirm")} / {t("bookings.staff.decline")}
          </h2>
          <Form method="post">
            <input type="hidden" name="intent" value="confirm" />
            <TextField reply={replyFor("confirm")} name="message" label={`${t("bookings.staff.message")} ${t("common.optional")}`} />
            <button type="submit" className="btn">
              {t("bookings.staff.confirm")}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="decline" />
            <TextAreaField reply={replyFor("decline")} name="message" rows={2} label={t("bookings.staff.declineMessage")} required />
            <button type="submit" className="btn-danger">
              {t("bookings.staff.decline")}
            </button>
          </Form>
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
              options={slots.map((s) => ({ value: String(s.id), label: t("tours.book.slotOption", { when: f.dateTime(s.starts_at), count: s.capacity_students - s.held_students }) }))}
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
            <TextField name="actualStudents" type="number" inputMode="numeric" min={0} defaultValue={String(b.students)} label={t("bookings.actualStudents")} />
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
