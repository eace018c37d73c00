// The public page of a course (/courses/:slug): what it teaches, its outline, and enrolment.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CourseOutline } from "~/components/courses/CourseOutline";
import { FormErrors, TextField } from "~/components/forms";
import { UnlocksMachines } from "~/components/lab/UnlocksMachines";
import { resourcesUnlockedBy } from "~/lab/resources.server";
import { PageHeading, ProgressBar } from "~/components/layout";
import { findVisibleCourse, loadCoursePage } from "~/courses/course-page.server";
import { enrolInCourse, leaveCourse } from "~/courses/enrolment.server";
import { enrolRefusals } from "~/courses/refusals";
import { enrolSchema, slugParam } from "~/courses/schemas";
import { resolveLocale } from "~/i18n/locale.server";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParamOr404, refusalReply } from "~/lib/forms.server";
import { getOptionalUser, requireUser } from "~/lib/guards.server";
import { ensureFound } from "~/lib/http.server";
import { nowIso } from "~/lib/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.course.title} · STEM Hub` : "STEM Hub" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = parseParamOr404(slugParam, params.slug);
  const user = await getOptionalUser(request);
  const locale = await resolveLocale(request, user);
  const page = ensureFound(await loadCoursePage(db, { slug, viewer: user, locale }));
  const programId = ensureFound(await findVisibleCourse(db, slug, user)).id;
  return { ...page, unlocks: await resourcesUnlockedBy(db, programId, locale) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const course = ensureFound(await findVisibleCourse(db, parseParamOr404(slugParam, params.slug), user));
  const form = await parseForm(request, enrolSchema);
  if (!form.ok) return formFailure(form.submission);
  if (form.value.intent === "leave") {
    await leaveCourse(db, { userId: user.id, programId: course.id, now: nowIso() });
    return redirect(`/courses/${course.slug}?notice=notice.courses.left`);
  }
  const r = await enrolInCourse(db, { userId: user.id, programId: course.id, source: "self", key: form.value.key, now: nowIso() });
  if (!r.ok) return refusalReply(form.submission, r, enrolRefusals);
  return redirect(`/learn/${course.slug}?notice=notice.courses.enrolled`);
}

export default function CoursePage() {
  const t = useT();
  const f = useFormat();
  const { course, prerequisite, outline, completed, signedIn, enrolment, progress, unlocks } = useLoaderData<typeof loader>();
  const active = enrolment?.active;
  return (
    <div className="grid gap-8 lg:grid-cols-3">
      <div className="space-y-6 lg:col-span-2">
        <PageHeading lead={course.summary}>{course.title}</PageHeading>
        <ul className="flex flex-wrap gap-2 text-sm">
          <li className="badge badge-neutral">{t("courses.kind")}</li>
          {course.status !== "published" ? <li className="badge badge-warn">{t(`courses.status.${course.status}`)}</li> : null}
          {course.hours ? <li className="badge badge-neutral">{t("courses.hours", { count: course.hours })}</li> : null}
          <li className="badge badge-neutral">{t(`courses.mode.${course.mode}`)}</li>
        </ul>
        <div className="space-y-3" dangerouslySetInnerHTML={{ __html: course.descriptionHtml }} />
        <section aria-labelledby="outline-heading" className="card">
          <h2 id="outline-heading" className="mb-3">{t("courses.outline.title")}</h2>
          <CourseOutline modules={outline} completed={completed} linkBase={enrolment?.active ? `/learn/${course.slug}` : null} />
        </section>
      </div>
      <aside className="space-y-4" aria-labelledby="enrol-heading">
        <section className="card space-y-3">
          <h2 id="enrol-heading">{t("courses.enrol.heading")}</h2>
          {prerequisite ? (
            <p className="text-sm">
              {t("courses.enrol.prerequisite")} <Link to={`/courses/${prerequisite.slug}`}>{prerequisite.title}</Link>
            </p>
          ) : null}
          {course.seatsLeft !== null ? <p className="text-sm">{t("courses.enrol.seatsLeft", { count: course.seatsLeft })}</p> : null}
          {course.opensAt ? <p className="text-sm">{t("courses.enrol.opensAt", { date: f.date(course.opensAt) })}</p> : null}
          {course.closesAt ? <p className="text-sm">{t("courses.enrol.closesAt", { date: f.date(course.closesAt) })}</p> : null}
          <FormErrors />
          {active && progress ? (
            <>
              <ProgressBar value={progress.percent} label={t("courses.progress.label")} />
              {enrolment?.completedAt ? <p className="badge badge-ok">{t("courses.progress.completedOn", { date: f.date(enrolment.completedAt) })}</p> : null}
              <Link to={`/learn/${course.slug}`} className="btn">
                {t("courses.enrol.goToCourse")}
              </Link>
              <Form method="post">
                <input type="hidden" name="intent" value="leave" />
                <button type="submit" className="btn-link text-sm">
                  {t("courses.enrol.leave")}
                </button>
              </Form>
              <p className="text-xs text-slate-600">{t("courses.enrol.leaveHint")}</p>
            </>
          ) : !signedIn ? (
            <Link to={`/login?redirectTo=${encodeURIComponent(`/courses/${course.slug}`)}`} className="btn">
              {t("courses.enrol.loginToEnrol")}
            </Link>
          ) : course.mode === "class_only" ? (
            <p>{t("courses.enrol.classOnlyHint")}</p>
          ) : (
            <Form method="post" className="space-y-2">
              <input type="hidden" name="intent" value="enrol" />
              {course.mode === "key" ? <TextField name="key" label={t("courses.enrol.key")} hint={t("courses.enrol.keyHint")} autoComplete="off" /> : null}
              <button type="submit" className="btn">
                {enrolment ? t("courses.enrol.rejoin") : t("courses.enrol.submit")}
              </button>
            </Form>
          )}
        </section>
        <UnlocksMachines machines={unlocks} />
      </aside>
    </div>
  );
}
