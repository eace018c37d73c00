import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormErrors } from "~/components/forms";
import { PageHeading, Pagination } from "~/components/layout";
import { BookingStatusBadge } from "~/components/tours/StatusBadge";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParam, refusalReply } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { pageSchema } from "~/lib/schemas";
import { isoToVnLocal, nowIso } from "~/lib/time";
import { changeBooking, staffChange } from "~/tours/lifecycle.server";
import { listBookingsByStatus } from "~/tours/queries.server";
import { changeRefusals } from "~/tours/refusals";
import { QUEUE_SORTS, queueActionSchema, queueSortSchema } from "~/tours/schemas";

const STATUSES = ["requested", "confirmed", "declined", "cancelled", "completed"] as const;
const querySchema = z.object({
  status: z.enum(STATUSES).catch("requested"),
  // An unknown order is a bad request (400), not a silent default.
  sort: queueSortSchema,
  page: pageSchema,
});

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const sp = new URL(request.url).searchParams;
  const query = parseParam(querySchema, { status: sp.get("status") ?? "requested", sort: sp.get("sort") ?? undefined, page: sp.get("page") ?? 1 });
  const list = await listBookingsByStatus(db, { ...query, locale: staff.locale });
  return { ...list, ...query, today: isoToVnLocal(nowIso()).date };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const form = await parseForm(request, queueActionSchema);
  if (!form.ok) return formFailure(form.submission);
  const { bookingId, ...change } = form.value;
  const result = await changeBooking(db, { bookingId, actor: { userId: staff.id, kind: "staff" }, change: staffChange(change), now: nowIso() });
  if (!result.ok) return refusalReply(form.submission, result, changeRefusals);
  return redirect("/staff/bookings?notice=notice.bookings.updated");
}

export default function StaffBookings() {
  const t = useT();
  const f = useFormat();
  const { rows, page, pages, status, sort, total, today } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading lead={status === "requested" ? t("bookings.staff.queueLead") : undefined}>{t("bookings.staff.title")}</PageHeading>
      <div className="mb-6 flex flex-wrap items-end gap-6">
        <Form key={`${status}-${sort}`} method="get" className="flex flex-wrap items-end gap-2">
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
          <div className="field !mb-0">
            <label htmlFor="sort">{t("bookings.staff.sort")}</label>
            <select id="sort" name="sort" defaultValue={sort}>
              {QUEUE_SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(s === "visit" ? "bookings.staff.sortVisit" : "bookings.staff.sortAge")}
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
                <span>{b.title}</span>
                <time dateTime={b.startsAt}>{f.dateTime(b.startsAt)}</time>
              </div>
              <p className="mt-1 text-sm">
                {b.schoolName} · {t("bookings.students")}: {b.students} · {t("bookings.adults")}: {b.adults} ·{" "}
                {b.gradeMin === b.gradeMax ? t("tours.grade", { grade: b.gradeMin }) : t("tours.grades", { min: b.gradeMin, max: b.gradeMax })} · {b.contactName} {b.contactPhone}
              </p>
              <p className="mt-1 text-sm text-slate-600">{t("bookings.staff.requestedAt", { when: f.dateTime(b.createdAt) })}</p>
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
