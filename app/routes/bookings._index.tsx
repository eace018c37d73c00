import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { pageSchema } from "~/lib/schemas";
import { isStaff } from "~/lib/guards.server";
import { PageHeading, Pagination } from "~/components/layout";
import { BookingStatusBadge } from "~/components/tours/StatusBadge";
import { useFormat, useLocale, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { parseParam } from "~/lib/forms.server";
import { requireBookingAccess } from "~/tours/access.server";
import { listSchoolBookings } from "~/tours/queries.server";
import { redirect } from "@remix-run/node";
import { listMyMemberships } from "~/schools/schools.server";


export async function loader({ request }: LoaderFunctionArgs) {
  const access = await requireBookingAccess(db, request);
  // Staff work from the queue; this page is the school's view.
  if (isStaff(access.user)) throw redirect("/staff/bookings");
  const page = parseParam(pageSchema, new URL(request.url).searchParams.get("page") ?? 1);
  const schoolIds = access.scope.staff ? [] : access.scope.schoolIds;
  const [list, memberships] = await Promise.all([listSchoolBookings(db, schoolIds, page), listMyMemberships(db, access.user.id)]);
  return { ...list, page, hasSchool: schoolIds.length > 0, pending: memberships.some((m) => m.status === "pending") };
}

export default function Bookings() {
  const t = useT();
  const f = useFormat();
  const locale = useLocale();
  const { rows, page, pages, hasSchool, pending } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading lead={t("bookings.lead")}>{t("bookings.title")}</PageHeading>
      {!hasSchool ? (
        <div className="alert alert-info">
          <p>{t(pending ? "schools.pendingNote" : "tours.book.noSchool")}</p>
          <p className="mt-2">
            <Link to="/school">{t("tours.book.goToSchool")}</Link>
          </p>
        </div>
      ) : rows.length === 0 ? (
        <div className="card">
          <p>{t("bookings.empty")}</p>
          <p className="mt-3">
            <Link to="/catalog?kind=tour" className="btn">
              {t("bookings.findTour")}
            </Link>
          </p>
        </div>
      ) : (
        <div className="overflow-x-auto">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("bookings.reference")}</th>
                <th scope="col">{t("bookings.tour")}</th>
                <th scope="col">{t("bookings.when")}</th>
                <th scope="col">{t("bookings.school")}</th>
                <th scope="col">{t("bookings.students")}</th>
                <th scope="col">{t("common.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((b) => (
                <tr key={b.id}>
                  <td>
                    <Link to={`/bookings/${b.id}`}>{b.reference}</Link>
                  </td>
                  <td>{locale === "en" && b.title_en ? b.title_en : b.title_vi}</td>
                  <td>
                    <time dateTime={b.starts_at}>{f.dateTime(b.starts_at)}</time>
                  </td>
                  <td>{b.school_name}</td>
                  <td className="tabular-nums">{b.students}</td>
                  <td>
                    <BookingStatusBadge status={b.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  );
}
