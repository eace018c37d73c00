import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { RegistrationBadge } from "~/components/workshops/RegistrationBadge";
import { resolveLocale } from "~/i18n/locale.server";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { nowIso } from "~/lib/time";
import { cancelRefusals } from "~/workshops/refusals";
import { cancelRegistration } from "~/workshops/registration.server";
import { getFeedToken, listSchedule, regenerateFeedToken, revokeFeedToken } from "~/workshops/schedule.server";
import { scheduleActionSchema } from "~/workshops/schemas";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await resolveLocale(request, user);
  const [schedule, token] = await Promise.all([listSchedule(db, user.id, { now: nowIso(), locale }), getFeedToken(db, user.id)]);
  const origin = env.publicOrigin || new URL(request.url).origin;
  return {
    ...schedule,
    feedUrl: token ? `${origin}/calendar/${token}.ics` : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await parseForm(request, scheduleActionSchema);
  if (!form.ok) return formFailure(form.submission);
  switch (form.value.intent) {
    case "cancel": {
      // Someone else's registration is refused as "not found", like one that does not exist.
      const result = await cancelRegistration(db, {
        registrationId: form.value.registrationId,
        userId: user.id,
        now: nowIso(),
      });
      if (!result.ok) return refusalReply(form.submission, result, cancelRefusals);
      return redirect("/schedule?notice=notice.workshops.cancelled");
    }
    case "createFeed":
      await regenerateFeedToken(db, user.id, nowIso());
      return redirect("/schedule");
    case "revokeFeed":
      await revokeFeedToken(db, user.id);
      return redirect("/schedule");
  }
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["upcoming"][number];

function ScheduleTable({ items, caption }: { items: Item[]; caption: string }) {
  const t = useT();
  const f = useFormat();
  return (
    <div className="sm:overflow-x-auto">
      <table className="table-cards">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("workshops.workshop")}</th>
            <th scope="col">{t("common.date")}</th>
            <th scope="col">{t("workshops.room")}</th>
            <th scope="col">{t("common.status")}</th>
            <th scope="col">{t("common.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} data-testid={`schedule-${i.id}`}>
              <td data-label={t("workshops.workshop")}>
                <Link to={`/registrations/${i.id}`}>{i.title}</Link>
                {i.meetings > 1 ? <span className="block text-sm">{t("workshops.meetingsCount", { count: i.meetings })}</span> : null}
              </td>
              <td data-label={t("common.date")}>
                {f.dateTime(i.startsAt)}
                {i.sessionStatus === "cancelled" ? <span className="badge badge-bad ml-1">{t("workshops.sessionCancelled")}</span> : null}
              </td>
              <td data-label={t("workshops.room")}>{i.room}</td>
              <td data-label={t("common.status")}>
                <RegistrationBadge status={i.displayStatus} position={i.waitlistPosition} />
              </td>
              <td>
                <div className="flex flex-wrap gap-2">
                  <a href={`/schedule/${i.id}.ics`} className="btn-secondary" download>
                    {t("workshops.ics")}
                  </a>
                  {i.cancellable ? (
                    <Link to={`/registrations/${i.id}/cancel`} className="btn-outline-danger">
                      {t("workshops.cancel")}
                    </Link>
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function Schedule() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeading lead={t("workshops.schedule.lead")}>{t("workshops.schedule.title")}</PageHeading>
      <FormErrors />
      <section aria-labelledby="upcoming-heading" className="mb-8">
        <h2 id="upcoming-heading" className="mb-3 text-xl font-semibold">
          {t("workshops.schedule.upcoming")}
        </h2>
        {d.upcoming.length ? <ScheduleTable items={d.upcoming} caption={t("workshops.schedule.upcoming")} /> : <p>{t("workshops.schedule.none")}</p>}
        <p className="mt-3">
          <Link to="/catalog?kind=workshop">{t("workshops.schedule.find")}</Link>
        </p>
      </section>
      <section aria-labelledby="past-heading" className="mb-8">
        <h2 id="past-heading" className="mb-3 text-xl font-semibold">
          {t("workshops.schedule.past")}
        </h2>
        {d.past.length ? <ScheduleTable items={d.past} caption={t("workshops.schedule.past")} /> : <p>{t("workshops.schedule.none")}</p>}
      </section>
      <section aria-labelledby="feed-heading" className="card">
        <h2 id="feed-heading" className="text-xl font-semibold">
          {t("workshops.feed.title")}
        </h2>
        <p className="mt-2">{t("workshops.feed.lead")}</p>
        {d.feedUrl ? (
          <div className="field mt-3">
            <label htmlFor="feed-url">{t("workshops.feed.url")}</label>
            <input id="feed-url" readOnly value={d.feedUrl} />
          </div>
        ) : null}
        <div className="mt-3 flex flex-wrap gap-3">
          <Form method="post">
            <input type="hidden" name="intent" value="createFeed" />
            <button type="submit" className="btn">
              {d.feedUrl ? t("workshops.feed.regenerate") : t("workshops.feed.create")}
            </button>
          </Form>
          {d.feedUrl ? (
            <Form method="post">
              <input type="hidden" name="intent" value="revokeFeed" />
              <button type="submit" className="btn-danger">
                {t("workshops.feed.revoke")}
              </button>
            </Form>
          ) : null}
        </div>
      </section>
    </div>
  );
}
