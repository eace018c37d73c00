import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { CentreContact } from "~/components/centre/CentreContact";
import { PageHeading } from "~/components/layout";
import { OutcomeNotice } from "~/components/workshops/OutcomeNotice";
import { RegistrationBadge } from "~/components/workshops/RegistrationBadge";
import { MeetingList } from "~/components/workshops/SessionCard";
import { resolveLocale } from "~/i18n/locale.server";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { parseParamOr404 } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { ensureFound } from "~/lib/http.server";
import { idSchema } from "~/lib/schemas";
import { nowIso } from "~/lib/time";
import { loadRegistrationConfirmation } from "~/workshops/confirmation.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d ? `${d.program.title} · STEM Hub` : "STEM Hub" }];

// /registrations/:id: where registering lands (Post/Redirect/Get) and what the schedule links to. Owner only.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const registrationId = parseParamOr404(idSchema, params.id);
  const locale = await resolveLocale(request, user);
  return ensureFound(await loadRegistrationConfirmation(db, { registrationId, userId: user.id, locale, now: nowIso() }));
}

export default function RegistrationConfirmation() {
  const t = useT();
  const f = useFormat();
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const outcome = params.get("outcome");
  const r = d.registration;
  const active = r.status === "confirmed" || r.status === "waitlisted";
  return (
    <article className="mx-auto max-w-2xl">
      {active && (outcome === "now" || outcome === "already") ? (
        <OutcomeNotice outcome={{ status: r.status as "confirmed" | "waitlisted", position: r.position, already: outcome === "already" }} />
      ) : null}
      <PageHeading lead={t("confirmation.title")}>{d.program.title}</PageHeading>
      {d.session.cancelled ? <p className="alert alert-error">{t("confirmation.sessionCancelled")}</p> : null}
      <section className="card space-y-4" aria-label={t("confirmation.title")}>
        <dl className="space-y-3">
          <div>
            <dt className="font-semibold">{t("confirmation.status")}</dt>
            <dd>
              <RegistrationBadge status={r.status} position={r.position} />
            </dd>
          </div>
          <div>
            <dt className="font-semibold">{t("confirmation.when")}</dt>
            <dd data-testid="confirmation-when">
              <MeetingList meetings={d.meetings} />
            </dd>
          </div>
          <div>
            <dt className="font-semibold">{t("confirmation.where")}</dt>
            <dd data-testid="confirmation-where">
              {t("confirmation.room", { room: d.session.room })}
              {d.centre.address ? (
                <>
                  {" — "}
                  {d.centre.name ? `${d.centre.name}, ` : ""}
                  {d.centre.address}
                </>
              ) : null}
              {d.centre.mapUrl ? (
                <>
                  {" · "}
                  <a className="underline" href={d.centre.mapUrl} rel="noopener noreferrer">
                    {t("confirmation.map")}
                  </a>
                </>
              ) : null}
            </dd>
          </div>
          {d.centre.bring ? (
            <div>
              <dt className="font-semibold">{t("confirmation.bring")}</dt>
              <dd>{d.centre.bring}</dd>
            </div>
          ) : null}
          <div>
            <dt className="font-semibold">{t("confirmation.pay")}</dt>
            <dd data-testid="confirmation-pay">
              {d.program.feeVnd === 0 ? (
                t("confirmation.free")
              ) : (
                <>
                  <p>{t("confirmation.fee", { fee: f.money(d.program.feeVnd) })}</p>
                  <p>{d.centre.bank ? t("confirmation.payDesk") : t("confirmation.payDeskOnly")}</p>
                  {d.centre.bank ? (
                    <ul className="mt-1 text-sm">
                      <li>{t("confirmation.bank", { bank: d.centre.bank.name })}</li>
                      <li>{t("confirmation.account", { account: d.centre.bank.account })}</li>
                      <li>{t("confirmation.holder", { holder: d.centre.bank.holder })}</li>
                      <li>{t("confirmation.reference", { reference: d.paymentReference })}</li>
                    </ul>
                  ) : null}
                </>
              )}
            </dd>
          </div>
        </dl>
        <div className="flex flex-wrap gap-3">
          {active ? (
            <a href={`/schedule/${r.id}.ics`} className="btn" download>
              {t("confirmation.ics")}
            </a>
          ) : null}
          <Link to="/schedule" className="btn-secondary">
            {t("confirmation.schedule")}
          </Link>
          <Link to={`/workshops/${d.program.slug}#session-${d.session.id}`} className="btn-secondary">
            {t("confirmation.backToWorkshop")}
          </Link>
          {r.cancellable ? (
            <Link to={`/registrations/${r.id}/cancel`} className="btn-outline-danger">
              {r.status === "waitlisted" ? t("workshops.leaveWaitlist") : t("workshops.cancel")}
            </Link>
          ) : null}
        </div>
      </section>
      {d.centre.reachable ? (
        <section className="card mt-6">
          <CentreContact centre={d.centre} />
        </section>
      ) : null}
    </article>
  );
}
