import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeading, Pagination } from "~/components/layout";
import { BookingStatusBadge } from "~/components/tours/StatusBadge";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { parseParam } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { forbidden } from "~/lib/http.server";
import { pageSchema } from "~/lib/schemas";
import { hasPendingMembership } from "~/schools/schools.server";
import { bookingAccessFor } from "~/tours/access.server";
import { listSchoolBookings } from "~/tours/queries.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const access = await bookingAccessFor(db, user);
  if (!access) throw forbidden();
  // Staff work from the queue; this page is the school's view.
  if (access.scope.staff) throw redirect("/staff/bookings");
  const page = parseParam(pageSchema, new URL(request.url).searchParams.get("page") ?? 1);
  const { schoolIds } = access.scope;
  const [list, pending] = await Promise.all([listSchoolBookings(db, { schoolIds, page, locale: user.locale }), hasPendingMembership(db, user.id)]);
  return { ...list, page, hasSchool: schoolIds.length > 0, pending };
}

export default function Bookings() {
  const t = useT();
  const f = useFormat();
  const { rows, page, pages, hasSchool, pending } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading lead={t("bookings.lead")}>{t("bookings.title")}</PageHeading>
      {hasSchool && rows.length > 0 ? (
        <p className="mb-4">
          <Link to="/catalog?kind=tour" className="btn">
            {t("bookings.newTour")}
          </Link>
        </p>
      ) : null}
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
                  <td>{b.title}</td>
                  <td>
                    <time dateTime={b.startsAt}>{f.dateTime(b.startsAt)}</time>
                  </td>
                  <td>{b.schoolName}</td>
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
