import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getOptionalUser, requireUser } from "~/lib/guards.server";
import { getProgramBySlug } from "~/catalog/programs.server";
import { FormErrors } from "~/components/forms";
import { AudienceText, localized } from "~/components/workshops/ProgramCard";
import { OutcomeNotice } from "~/components/workshops/OutcomeNotice";
import { SessionCard } from "~/components/workshops/SessionCard";
import { useFormat, useLocale, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { slugParamSchema } from "~/lib/schemas";
import { resolveLocale } from "~/i18n/locale.server";
import { formFailure, parseForm, parseParamOr404 } from "~/lib/forms.server";
import { loadWorkshopPage } from "~/workshops/program-page.server";
import { cancelRegistration, registerForSession } from "~/workshops/registration.server";
import { workshopPageActionSchema } from "~/workshops/schemas";


export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d ? `${d.program.title_vi} · STEM Hub` : "STEM Hub" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = parseParamOr404(slugParamSchema, params.slug);
  const user = await getOptionalUser(request);
  const page = await loadWorkshopPage(db, slug, user, await resolveLocale(request, user));
  if (!page) throw new Response("Not Found", { status: 404 });
  return page;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = parseParamOr404(slugParamSchema, params.slug);
  const program = await getProgramBySlug(db, slug, "workshop");
  if (!program) throw new Response("Not Found", { status: 404 });
  const form = await parseForm(request, workshopPageActionSchema);
  if (!form.ok) return formFailure(form.submission);
  if (form.value.intent === "register") {
    if (user.role !== "student") return formFailure(form.submission, { formErrors: ["workshops.refuse.studentsOnly"], status: 403 });
    const session = await db.selectFrom("workshop_sessions").select("program_id").where("id", "=", form.value.sessionId).executeTakeFirst();
    if (!session || session.program_id !== program.id) throw new Response("Not Found", { status: 404 });
    const result = await registerForSession(db, { sessionId: form.value.sessionId, userId: user.id });
    if (!result.ok) return data({ outcome: { kind: "refused" as const, reason: result.reason, otherTitle: result.otherTitle ?? null } }, { status: 409 });
    return data({ outcome: { kind: "registered" as const, status: result.status, position: result.position, already: result.already } });
  }
  const result = await cancelRegistration(db, { registrationId: form.value.registrationId, userId: user.id });
  if (!result.ok) {
    if (result.reason === "notFound") throw new Response("Not Found", { status: 404 });
    return data({ outcome: { kind: "cancelRefused" as const, reason: result.reason } }, { status: 409 });
  }
  return data({ outcome: { kind: "cancelled" as const } });
}

export default function WorkshopPage() {
  const t = useT();
  const f = useFormat();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const p = d.program;
  return (
    <article>
      <div className="mb-6">
        <p>
          <span className="badge badge-neutral">{t("catalog.kind.workshop")}</span>{" "}
          {p.status !== "published" ? <span className="badge badge-warn">{t(`catalog.status.${p.status}`)}</span> : null}
        </p>
        <h1>{localized(p.title_vi, p.title_en, locale)}</h1>
        <p className="mt-2 text-slate-700">{localized(p.summary_vi, p.summary_en, locale)}</p>
      </div>
      {reply && "outcome" in reply ? <OutcomeNotice outcome={reply.outcome} /> : <FormErrors />}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {p.cover_url ? <img src={p.cover_url} alt="" className="mb-4 max-h-72 w-full rounded object-cover" /> : null}
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
            <dd>{p.fee_vnd === 0 ? t("common.free") : f.money(p.fee_vnd)}</dd>
            {d.topics.length ? (
              <>
                <dt className="font-semibold">{t("catalog.topic")}</dt>
                <dd>{d.topics.join(", ")}</dd>
              </>
            ) : null}
          </dl>
          {d.eligibility === "notEligible" ? <p className="alert alert-error mt-3">{t("workshops.eligibility.no")}</p> : null}
          {d.eligibility === "unknown" ? <p className="alert alert-info mt-3">{t("workshops.eligibility.unknown")}</p> : null}
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
