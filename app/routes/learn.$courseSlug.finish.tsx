// The end of a course for its enrolled learner (/learn/:courseSlug/finish), where the last lesson's "complete"
// button leads: completed or what is missing, the certificate (page, PDF, verification link to share) and a
// suggested next course. Anyone not enrolled in the course gets 404, as for an unknown course.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeading, ProgressBar } from "~/components/layout";
import { loadCourseFinish } from "~/courses/finish.server";
import { getLearnerAccess } from "~/courses/learner.server";
import { slugParam } from "~/courses/schemas";
import { resolveLocale } from "~/i18n/locale.server";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { siteOrigin } from "~/lib/env.server";
import { parseParamOr404 } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { ensureFound, notFound } from "~/lib/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.course.title} · STEM Hub` : "STEM Hub" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const slug = parseParamOr404(slugParam, params.courseSlug);
  const access = ensureFound(await getLearnerAccess(db, { slug, userId: user.id }));
  if (!access.enrolled) throw notFound();
  const locale = await resolveLocale(request, user);
  return ensureFound(await loadCourseFinish(db, { programId: access.course.id, userId: user.id, locale, origin: siteOrigin(request) }));
}

export default function CourseFinish() {
  const t = useT();
  const f = useFormat();
  const d = useLoaderData<typeof loader>();
  const base = `/learn/${d.course.slug}`;
  return (
    <div className="space-y-6">
      <PageHeading>{t("courses.finish.title", { title: d.course.title })}</PageHeading>
      <section className="card space-y-3" aria-labelledby="finish-progress">
        <h2 id="finish-progress">{t("courses.progress.title")}</h2>
        <ProgressBar value={d.progress.percent} label={t("courses.progress.label")} />
        {d.completedAt ? (
          <p data-testid="finish-status">
            <span className="badge badge-ok">{t("courses.progress.completed")}</span> {t("courses.finish.completed", { date: f.date(d.completedAt) })}
          </p>
        ) : (
          <p data-testid="finish-status">{t("courses.finish.notYet", { done: d.progress.requiredDone, total: d.progress.requiredTotal })}</p>
        )}
        {d.continueLessonId ? (
          <Link to={`${base}/${d.continueLessonId}`} className="btn">
            {t("courses.finish.continue")}
          </Link>
        ) : null}
      </section>
      {d.completedAt ? (
        <section className="card space-y-3" aria-labelledby="finish-certificate">
          <h2 id="finish-certificate">{t("courses.finish.certificateHeading")}</h2>
          {d.certificate ? (
            <>
              <p>
                {d.certificate.status === "revoked"
                  ? t("courses.finish.certificateRevoked", { serial: d.certificate.serial })
                  : t("courses.finish.certificateIssued", { serial: d.certificate.serial })}
              </p>
              <p className="flex flex-wrap gap-3">
                <Link to={`/certificates/${d.certificate.id}`} className="btn">
                  {t("courses.finish.viewCertificate")}
                </Link>
                <a href={`/certificates/${d.certificate.id}.pdf`} className="btn-secondary">
                  {t("courses.finish.downloadPdf")}
                </a>
              </p>
              <p className="text-sm">
                {t("courses.finish.shareLabel")}:{" "}
                <a href={d.certificate.verifyUrl} className="break-all">
                  {d.certificate.verifyUrl}
                </a>
              </p>
            </>
          ) : (
            <p>{t("courses.finish.noCertificate")}</p>
          )}
        </section>
      ) : null}
      <section className="card space-y-2" aria-labelledby="finish-next">
        <h2 id="finish-next">{t("courses.finish.nextHeading")}</h2>
        {d.suggestion ? (
          <>
            <p>
              <Link to={`/courses/${d.suggestion.slug}`} className="font-semibold">
                {d.suggestion.title}
              </Link>
            </p>
            {d.suggestion.summary ? <p className="text-sm text-slate-700">{d.suggestion.summary}</p> : null}
          </>
        ) : (
          <p>
            {t("courses.finish.nextNone")} <Link to="/catalog">{t("courses.finish.catalogue")}</Link>
          </p>
        )}
      </section>
      <p>
        <Link to={base}>{t("courses.finish.backToCourse")}</Link>
      </p>
    </div>
  );
}
