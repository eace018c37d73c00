import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { pageSchema } from "~/lib/schemas";
import { requireStaff } from "~/lib/guards.server";
import { FormErrors } from "~/components/forms";
import { PageHeading, Pagination } from "~/components/layout";
import { BookingStatusBadge } from "~/components/tours/StatusBadge";
import { useFormat, useLocale, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParam } from "~/lib/forms.server";
import { isoToVnLocal, nowIso } from "~/lib/time";
import { changeBooking } from "~/tours/lifecycle.server";
import { listBookingsByStatus } from "~/tours/queries.server";
import { queueActionSchema } from "~/tours/schemas";

const STATUSES = ["requested", "confirmed", "declined", "cancelled", "completed"] as const;
const querySchema = z.object({
  status: z.enum(STATUSES).catch("requested"),
  page: pageSchema,
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const sp = new URL(request.url).searchParams;
  const query = parseParam(querySchema, { status: sp.get("status") ?? "requested", page: sp.get("page") ?? 1 });
  const list = await listBookingsByStatus(db, query.status, query.page);
  return { ...list, ...query, today: isoToVnLocal(nowIso()).date };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const form = await parseForm(request, queueActionSchema);
  if (!form.ok) return formFailure(form.submission);
  const v = form.value;
  const r = await changeBooking(db, v.bookingId, { userId: staff.id, kind: "staff" }, { action: v.intent, message: v.message });
  if (!r.ok) return formFailure(form.submission, { formErrors: [r.error], status: r.status });
  return redirect("/staff/bookings?notice=notice.bookings.updated");
}

export default function StaffBookings() {
  const t = useT();
  const f = useFormat();
  const locale = useLocale();
  const { rows, page, pages, status, total, today } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading lead={status === "requested" ? t("bookings.staff.queueLead") : undefined}>{t("bookings.staff.title")}</PageHeading>
      <div className="mb-6 flex flex-wrap items-end gap-6">
        <Form key={status} method="get" className="flex items-end gap-2">
          <div className="field !mb-0">
            <label htmlFor="status">{t("bookings.staff.filter")}</label>
            <select id="status" name="status" defaultValue={status}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`bookings.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn-secondary">
            {t("common.filter")}
          </button>
        </Form>
        <Form method="get" action="/staff/bookings/day" className="flex items-end gap-2">
          <div className="field !mb-0">
            <label htmlFor="day">{t("bookings.staff.daySheet")}</label>
            <input id="day" type="date" name="date" defaultValue={today} required />
          </div>
          <button type="submit" className="btn-secondary">
            {t("bookings.staff.show")}
          </button>
        </Form>
        <Form method="get" action="/staff/bookings/export.csv" reloadDocument className="flex flex-wrap items-end gap-2" aria-label={t("bookings.staff.export")}>
          <div className="field !mb-0">
            <label htmlFor="from">{t("bookings.staff.from")}</label>
            <input id="from" type="date" name="from" defaultValue={today} required />
          </div>
          <div className="field !mb-0">
            <label htmlFor="to">{t("bookings.staff.to")}</label>
            <input id="to" type="date" name="to" defaultValue={today} required />
          </div>
          <button type="submit" className="btn-secondary">
            {t("common.exportCsv")}
          </button>
        </Form>
      </div>
      <h2 className="mb-3">
        {t(`bookings.status.${status}`)} ({total})
      </h2>
      <FormErrors />
      {rows.length === 0 ? (
        <p>{t("bookings.staff.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {rows.map((b) => (
            <li key={b.id} className="card">
              <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
                <Link to={`/staff/bookings/${b.id}`} className="font-semibold">
                  {b.reference}
                </Link>
                <BookingStatusBadge status={b.status} />
                <span>{locale === "en" && b.title_en ? b.title_en : b.title_vi}</span>
                <time dateTime={b.starts_at}>{f.dateTime(b.starts_at)}</time>
              </div>
              <p className="mt-1 text-sm">
                {b.school_name} · {t("bookings.students")}: {b.students} · {t("bookings.adults")}: {b.adults} ·{" "}
                {b.grade_min === b.grade_max ? t("tours.grade", { grade: b.grade_min }) : t("tours.grades", { min: b.grade_min, max: b.grade_max })} · {b.contact_name} {b.contact_phone}
              </p>
              {b.status === "requested" ? (
                <div className="mt-3 flex flex-wrap items-end gap-4">
                  <Form method="post">
                    <input type="hidden" name="intent" value="confirm" />
                    <input type="hidden" name="bookingId" value={b.id} />
                    <button type="submit" className="btn" aria-label={`${t("bookings.staff.confirm")} ${b.reference}`}>
                      {t("bookings.staff.confirm")}
                    </button>
                  </Form>
                  <Form method="post" className="flex flex-wrap items-end gap-2">
                    <input type="hidden" name="intent" value="decline" />
                    <input type="hidden" name="bookingId" value={b.id} />
                    <div className="field !mb-0">
                      <label htmlFor={`decline-${b.id}`}>{t("bookings.staff.declineMessage")}</label>
                      <input id={`decline-${b.id}`} name="message" required maxLength={1000} />
                    </div>
                    <button type="submit" className="btn-danger" aria-label={`${t("bookings.staff.decline")} ${b.reference}`}>
                      {t("bookings.staff.decline")}
                    </button>
                  </Form>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  );
}
