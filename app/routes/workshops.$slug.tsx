import { UnlocksMachines } from "~/components/lab/UnlocksMachines";
import { resourcesUnlockedBy } from "~/lab/resources.server";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getProgramBySlug } from "~/catalog/programs.server";
import { FormErrors } from "~/components/forms";
import { AudienceText } from "~/components/workshops/ProgramCard";
import { SessionCard } from "~/components/workshops/SessionCard";
import { resolveLocale } from "~/i18n/locale.server";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParamOr404, refusalReply } from "~/lib/forms.server";
import { getOptionalUser, requireUser } from "~/lib/guards.server";
import { ensureFound } from "~/lib/http.server";
import { slugParamSchema } from "~/lib/schemas";
import { nowIso } from "~/lib/time";
import { loadWorkshopPage } from "~/workshops/program-page.server";
import { cancelRefusals, registrationRefusals } from "~/workshops/refusals";
import { cancelRegistration, registerForSession } from "~/workshops/registration.server";
import { workshopPageActionSchema } from "~/workshops/schemas";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d ? `${d.program.title} · STEM Hub` : "STEM Hub" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = parseParamOr404(slugParamSchema, params.slug);
  const user = await getOptionalUser(request);
  const locale = await resolveLocale(request, user);
  const page = ensureFound(await loadWorkshopPage(db, { slug, user, locale, now: nowIso() }));
  return { ...page, unlocks: await resourcesUnlockedBy(db, page.program.id, locale) };
}

// Register redirects to the registration's confirmation page (Post/Redirect/Get; the notice there names the
// waitlist place); a refusal is a form reply through the table; a confirmed cancellation redirects with a notice.
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const program = ensureFound(await getProgramBySlug(db, parseParamOr404(slugParamSchema, params.slug), "workshop"));
  const form = await parseForm(request, workshopPageActionSchema);
  if (!form.ok) return formFailure(form.submission);
  if (form.value.intent === "register") {
    const result = await registerForSession(db, { programId: program.id, sessionId: form.value.sessionId, user, now: nowIso() });
    if (!result.ok) return refusalReply(form.submission, result, registrationRefusals);
    // Post/Redirect/Get: the confirmation page (date, place, calendar file, payment) names the outcome.
    const { already, registrationId } = result.value;
    return redirect(`/registrations/${registrationId}?outcome=${already ? "already" : "now"}`);
  }
  const result = await cancelRegistration(db, { registrationId: form.value.registrationId, userId: user.id, now: nowIso() });
  if (!result.ok) return refusalReply(form.submission, result, cancelRefusals);
  return redirect(`/workshops/${program.slug}?notice=notice.workshops.cancelled`);
}

export default function WorkshopPage() {
  const t = useT();
  const f = useFormat();
  const d = useLoaderData<typeof loader>();
  const p = d.program;
  return (
    <article>
      <div className="mb-6">
        <p>
          <span className="badge badge-neutral">{t("catalog.kind.workshop")}</span>{" "}
          {p.status !== "published" ? <span className="badge badge-warn">{t(`catalog.status.${p.status}`)}</span> : null}
        </p>
        <h1>{p.title}</h1>
        <p className="mt-2 text-slate-700">{p.summary}</p>
      </div>
      <FormErrors />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {p.coverUrl ? <img src={p.coverUrl} alt="" className="mb-4 max-h-72 w-full rounded object-cover" /> : null}
          {/* Sanitised by renderMarkdown on the server. */}
          <div className="prose max-w-none" dangerouslySetInnerHTML={{ __html: d.descriptionHtml }} />
        </div>
        <aside className="card h-fit" aria-labelledby="facts-heading">
          <h2 id="facts-heading" className="text-lg font-semibold">
            {t("workshops.facts")}
          </h2>
          <dl className="mt-2 space-y-1">
            <dt className="font-semibold">{t("workshops.eligibility")}</dt>
            <dd>
              <AudienceText p={p} />
            </dd>
            <dt className="font-semibold">{t("workshops.fee")}</dt>
            <dd>{p.feeVnd === 0 ? t("common.free") : f.money(p.feeVnd)}</dd>
            {d.topics.length ? (
              <>
                <dt className="font-semibold">{t("catalog.topic")}</dt>
                <dd>
                  {d.topics.map((topic, i) => (
                    <span key={topic.topic} lang={topic.lang}>
                      {i > 0 ? ", " : ""}
                      {topic.label}
                    </span>
                  ))}
                </dd>
              </>
            ) : null}
          </dl>
          {d.eligibility === "notEligible" ? <p className="alert alert-error mt-3">{t("workshops.eligibility.no")}</p> : null}
          {d.eligibility === "unknown" ? (
            <p className="alert alert-info mt-3">
              {t("workshops.eligibility.unknown")}{" "}
              <Link to="/account#profile-grade">{t("profile.fillGrade")}</Link>
            </p>
          ) : null}
          <div className="mt-4">
            <UnlocksMachines machines={d.unlocks} />
          </div>
        </aside>
      </div>
      <section aria-labelledby="sessions-heading" className="mt-8">
        <h2 id="sessions-heading" className="mb-4 text-xl font-semibold">
          {t("workshops.upcomingSessions")}
        </h2>
        {d.sessions.length === 0 ? <p>{t("workshops.noSessions")}</p> : null}
        <ul className="grid gap-4 md:grid-cols-2">
          {d.sessions.map((s) => (
            <li key={s.id}>
              <SessionCard session={s} canRegister={d.canRegister} signedIn={d.signedIn} staff={d.isStaff} />
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
