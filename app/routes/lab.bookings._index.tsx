import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/forms";
import { PageHeading, Pagination } from "~/components/layout";
import { resolveLocale } from "~/i18n/locale.server";
import { useFormat, useT } from "~/i18n/react";
import { cancelMyBooking, listMyBookings } from "~/lab/bookings.server";
import { cancelRefusals, cancelRequestRefusals } from "~/lab/refusals";
import { cancelRoomRequest, listMyRoomRequests } from "~/lab/requests.server";
import { myBookingsActionSchema } from "~/lab/schemas";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { pageSchema } from "~/lib/schemas";
import { nowIso } from "~/lib/time";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await resolveLocale(request, user);
  const page = pageSchema.parse(new URL(request.url).searchParams.get("page"));
  const [bookings, requests] = await Promise.all([
    listMyBookings(db, { userId: user.id, locale, now: nowIso(), page }),
    listMyRoomRequests(db, { userId: user.id, locale, now: nowIso() }),
  ]);
  return { ...bookings, page, requests };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await parseForm(request, myBookingsActionSchema);
  if (!form.ok) return formFailure(form.submission);
  if (form.value.intent === "cancelRequest") {
    // Another person's (or another school's) request is "not found", like one that does not exist.
    const r = await cancelRoomRequest(db, { requestId: form.value.requestId, userId: user.id, now: nowIso() });
    if (!r.ok) return refusalReply(form.submission, r, cancelRequestRefusals);
    return redirect("/lab/bookings?notice=notice.lab.requestCancelled");
  }
  // Another person's booking is "not found", like one that does not exist.
  const result = await cancelMyBooking(db, { bookingId: form.value.bookingId, userId: user.id, now: nowIso() });
  if (!result.ok) return refusalReply(form.submission, result, cancelRefusals);
  return redirect("/lab/bookings?notice=notice.lab.cancelled");
}

const BADGE: Record<string, string> = { booked: "badge-ok", checked_in: "badge-ok", no_show: "badge-bad", cancelled: "badge-neutral" };

export default function MyLabBookings() {
  const t = useT();
  const f = useFormat();
  const d = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading>{t("lab.bookings.heading")}</PageHeading>
      <FormErrors />
      {d.items.length === 0 ? (
        <p>
          {t("lab.bookings.empty")} <Link to="/lab">{t("lab.title")}</Link>
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table>
            <caption className="sr-only">{t("lab.bookings.heading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("lab.bookings.resource")}</th>
                <th scope="col">{t("lab.bookings.when")}</th>
                <th scope="col">{t("lab.bookings.status")}</th>
                <th scope="col">{t("lab.bookings.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((b) => (
                <tr key={b.id} id={`booking-${b.id}`} data-testid={`lab-booking-${b.id}`}>
                  <td>
                    <Link to={`/lab/${b.resourceSlug}`}>{b.resourceName}</Link>
                    {b.location ? <span className="block text-sm">{b.location}</span> : null}
                  </td>
                  <td>
                    {f.dateTime(b.startsAt)}–{f.time(b.endsAt)}
                  </td>
                  <td>
                    <span className={`badge ${BADGE[b.status]}`}>{t(`lab.status.${b.status}`)}</span>
                    {b.status === "cancelled" && b.cancelReason ? (
                      <span className="block text-sm">{t(`lab.cancelReason.${b.cancelReason as "user" | "outage" | "credential" | "staff"}`)}</span>
                    ) : null}
                  </td>
                  <td className="flex flex-wrap gap-2">
                    {b.status !== "cancelled" ? (
                      <a href={`/lab/bookings/${b.id}.ics`} className="btn-secondary" download>
                        {t("lab.bookings.ics")}
                      </a>
                    ) : null}
                    {b.cancellable ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="cancel" />
                        <input type="hidden" name="bookingId" value={b.id} />
                        <button type="submit" className="btn-danger">
                          {t("lab.bookings.cancel")}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={d.page} pages={d.hasMore ? d.page + 1 : d.page} />
      {d.requests.length ? (
        <section aria-labelledby="requests-heading" className="mt-8">
          <h2 id="requests-heading" className="mb-3">
            {t("lab.bookings.requests")}
          </h2>
          <ul className="space-y-2">
            {d.requests.map((q) => (
              <li key={q.id} className="card">
                <strong>{q.room}</strong> · {f.dateTime(q.startsAt)}–{f.time(q.endsAt)} · {q.organisation}{" "}
                <span className="badge badge-neutral">{t(`lab.request.status.${q.status}`)}</span>
                {q.message ? <p className="text-sm">{q.message}</p> : null}
                {q.cancellable ? (
                  <Form method="post" className="mt-2">
                    <input type="hidden" name="intent" value="cancelRequest" />
                    <input type="hidden" name="requestId" value={q.id} />
                    <button type="submit" className="btn-danger">
                      {t("lab.request.cancel")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
