// The public page of a course (/courses/:slug): what it teaches, its outline, and enrolment.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getOptionalUser, isStaff, requireUser } from "~/lib/guards.server";
import { CourseOutline } from "~/components/courses/CourseOutline";
import { FormErrors, TextField } from "~/components/forms";
import { PageHeading, ProgressBar } from "~/components/layout";
import { enrolInCourse, getEnrolment, leaveCourse } from "~/courses/enrolment.server";
import { pick } from "~/courses/localize";
import { getCompletedLessonIds, getProgress } from "~/courses/progress.server";
import { enrolSchema, slugParam } from "~/courses/schemas";
import { getCourseById, getCourseBySlug, getOutline } from "~/courses/structure.server";
import { useFormat, useLocale, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { formFailure, parseForm, parseParamOr404 } from "~/lib/forms.server";

async function loadVisibleCourse(request: Request, slugValue: unknown) {
  const slug = parseParamOr404(slugParam, slugValue);
  const course = await getCourseBySlug(db, slug);
  const user = await getOptionalUser(request);
  // Drafts and archived courses are visible to staff only (and to learners already enrolled in an archived one).
  if (!course || (course.status === "draft" && !isStaff(user))) throw new Response("Not Found", { status: 404 });
  return { course, user };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: "vi" | "en" } | undefined)?.locale ?? "vi";
  return [{ title: data ? `${pick(data.course.titleVi, data.course.titleEn, locale)} · STEM Hub` : "STEM Hub" }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course, user } = await loadVisibleCourse(request, params.slug);
  const [outline, enrolment, prerequisite] = await Promise.all([
    getOutline(db, course.id),
    user ? getEnrolment(db, { userId: user.id, programId: course.id }) : undefined,
    course.prerequisite_program_id ? getCourseById(db, course.prerequisite_program_id) : undefined,
  ]);
  const [progress, completed] =
    enrolment && user
      ? await Promise.all([getProgress(db, { userId: user.id, programId: course.id }), getCompletedLessonIds(db, { userId: user.id, programId: course.id })])
      : [null, [] as number[]];
  return {
    course: {
      slug: course.slug,
      titleVi: course.title_vi,
      titleEn: course.title_en,
      summaryVi: course.summary_vi,
      summaryEn: course.summary_en,
      descriptionHtmlVi: renderMarkdown(course.description_vi),
      descriptionHtmlEn: course.description_en ? renderMarkdown(course.description_en) : null,
      status: course.status,
      mode: course.enrolment_mode,
      seatsLeft: course.capacity === null ? null : Math.max(0, course.capacity - course.active_count),
      opensAt: course.enrol_opens_at,
      closesAt: course.enrol_closes_at,
      hours: course.estimated_hours,
    },
    prerequisite: prerequisite ? { slug: prerequisite.slug, titleVi: prerequisite.title_vi, titleEn: prerequisite.title_en } : null,
    outline,
    completed,
    signedIn: !!user,
    enrolment: enrolment ? { active: enrolment.status === "active", completedAt: enrolment.completed_at } : null,
    progress,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { course } = await loadVisibleCourse(request, params.slug);
  const form = await parseForm(request, enrolSchema);
  if (!form.ok) return formFailure(form.submission);
  if (form.value.intent === "leave") {
    await leaveCourse(db, { userId: user.id, programId: course.id });
    return redirect(`/courses/${course.slug}?notice=notice.courses.left`);
  }
  const r = await enrolInCourse(db, { userId: user.id, programId: course.id, source: "self", key: form.value.key });
  if (!r.ok) {
    if (r.reason === "wrongKey" || r.reason === "keyRequired") {
      return formFailure(form.submission, { fieldErrors: { key: [`courses.enrol.refused.${r.reason}`] } });
    }
    return formFailure(form.submission, { formErrors: [`courses.enrol.refused.${r.reason}`], status: 409 });
  }
  return redirect(`/learn/${course.slug}?notice=notice.courses.enrolled`);
}

export default function CoursePage() {
  const t = useT();
  const f = useFormat();
  const locale = useLocale();
  const { course, prerequisite, outline, completed, signedIn, enrolment, progress } = useLoaderData<typeof loader>();
  const html = locale === "en" && course.descriptionHtmlEn ? course.descriptionHtmlEn : course.descriptionHtmlVi;
  const active = enrolment?.active;
  return (
    <div className="grid gap-8 lg:grid-cols-3">
      <div className="space-y-6 lg:col-span-2">
        <PageHeading lead={pick(course.summaryVi, course.summaryEn, locale)}>{pick(course.titleVi, course.titleEn, locale)}</PageHeading>
        <ul className="flex flex-wrap gap-2 text-sm">
          <li className="badge badge-neutral">{t("courses.kind")}</li>
          {course.status !== "published" ? <li className="badge badge-warn">{t(`courses.status.${course.status}`)}</li> : null}
          {course.hours ? <li className="badge badge-neutral">{t("courses.hours", { count: course.hours })}</li> : null}
          <li className="badge badge-neutral">{t(`courses.mode.${course.mode}`)}</li>
        </ul>
        <div className="space-y-3" dangerouslySetInnerHTML={{ __html: html }} />
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
              {t("courses.enrol.prerequisite")} <Link to={`/courses/${prerequisite.slug}`}>{pick(prerequisite.titleVi, prerequisite.titleEn, locale)}</Link>
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
      </aside>
    </div>
  );
}
