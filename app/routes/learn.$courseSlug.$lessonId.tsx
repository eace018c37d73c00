// One lesson for an enrolled learner: content, mark complete or quiz, previous/next, outline with ticks.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/lib/guards.server";
import { LessonPage } from "~/components/courses/LessonPage";
import { Notice } from "~/components/forms";
import { loadLessonView, requireEnrolledCourse } from "~/courses/learner.server";
import { pick } from "~/courses/localize";
import { completeLesson, getProgress } from "~/courses/progress.server";
import { submitQuizAttempt } from "~/courses/quiz.server";
import { idParam, slugParam } from "~/courses/schemas";
import { getLessonInCourse } from "~/courses/structure.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useLocale, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseFormData, parseParamOr404, readFormData } from "~/lib/forms.server";

const intentSchema = z.object({ intent: z.enum(["complete", "quiz"], { error: "validation.choice" }) });

async function context(request: Request, params: LoaderFunctionArgs["params"]) {
  const user = await requireUser(request);
  const slug = parseParamOr404(slugParam, params.courseSlug);
  const lessonId = parseParamOr404(idParam, params.lessonId);
  const { course } = await requireEnrolledCourse(db, { slug, userId: user.id });
  return { user, course, lessonId };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: "vi" | "en" } | undefined)?.locale ?? "vi";
  return [{ title: data ? `${pick(data.view.lesson.titleVi, data.view.lesson.titleEn, locale)} · STEM Hub` : "STEM Hub" }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, course, lessonId } = await context(request, params);
  const locale = await resolveLocale(request, user);
  const [view, progress] = await Promise.all([
    loadLessonView(db, { programId: course.id, lessonId, userId: user.id, locale }),
    getProgress(db, { userId: user.id, programId: course.id }),
  ]);
  return { course: { slug: course.slug, titleVi: course.title_vi, titleEn: course.title_en }, view, progress };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course, lessonId } = await context(request, params);
  if (!(await getLessonInCourse(db, course.id, lessonId))) throw new Response("Not Found", { status: 404 });
  const formData = await readFormData(request);
  const form = parseFormData(formData, intentSchema);
  if (!form.ok) return formFailure(form.submission);
  const here = `/learn/${course.slug}/${lessonId}`;
  if (form.value.intent === "complete") {
    const r = await completeLesson(db, { userId: user.id, lessonId });
    if (!r.ok) return formFailure(form.submission, { formErrors: [`courses.lesson.refused.${r.reason}`], status: 409 });
    return redirect(`${here}?notice=${r.courseCompletedNow ? "notice.courses.courseCompleted" : "notice.courses.lessonCompleted"}`);
  }
  const answers: Record<string, string[]> = {};
  for (const [name, value] of formData.entries()) {
    if (name === "intent") continue;
    (answers[name] ??= []).push(typeof value === "string" ? value : "");
  }
  const r = await submitQuizAttempt(db, { userId: user.id, lessonId, answers });
  if (!r.ok) {
    if (r.reason === "badAnswers") return formFailure(form.submission, { fieldErrors: r.fieldErrors, formErrors: r.formErrors.length ? r.formErrors : undefined });
    return formFailure(form.submission, { formErrors: [`courses.quiz.errors.${r.reason}`], status: r.reason === "noQuiz" ? 404 : 409 });
  }
  return data({
    outcome: { scorePercent: r.scorePercent, passed: r.passed, attemptNumber: r.attemptNumber, perQuestion: r.perQuestion },
    courseCompletedNow: r.courseCompletedNow,
  });
}

export default function LearnLesson() {
  const t = useT();
  const locale = useLocale();
  const { course, view, progress } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const outcome = result && "outcome" in result ? result.outcome : null;
  return (
    <LessonPage
      view={view}
      courseTitle={pick(course.titleVi, course.titleEn, locale)}
      linkBase={`/learn/${course.slug}`}
      progressPercent={progress.percent}
      outcome={outcome}
      banner={result && "courseCompletedNow" in result && result.courseCompletedNow ? <Notice>{t("notice.courses.courseCompleted")}</Notice> : null}
    />
  );
}
