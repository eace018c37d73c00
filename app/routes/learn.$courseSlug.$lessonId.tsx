// One lesson for an enrolled learner: content, "complete & next" (to the next lesson in outline order, or to the
// course's finish page after the last one) or the quiz, previous/next, outline with ticks.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { LessonPage } from "~/components/courses/LessonPage";
import { Notice } from "~/components/forms";
import { getLearnerAccess, loadLessonView } from "~/courses/learner.server";
import { completeLesson } from "~/courses/progress.server";
import { getQuizForAnswering, submitQuizAttempt } from "~/courses/quiz.server";
import { completeLessonRefusals, quizRefusals } from "~/courses/refusals";
import { idParam, lessonActionSchema, slugParam } from "~/courses/schemas";
import { getLessonInCourse, lessonAfter } from "~/courses/structure.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParamOr404, refusalReply } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { ensureFound } from "~/lib/http.server";
import { nowIso } from "~/lib/time";

/** The signed-in learner, the course (404 if unknown, to its page if not enrolled) and the lesson id. */
async function context(request: Request, params: LoaderFunctionArgs["params"]) {
  const user = await requireUser(request);
  const slug = parseParamOr404(slugParam, params.courseSlug);
  const lessonId = parseParamOr404(idParam, params.lessonId);
  const access = ensureFound(await getLearnerAccess(db, { slug, userId: user.id }));
  if (!access.enrolled) throw redirect(`/courses/${access.course.slug}?notice=notice.courses.enrolFirst`);
  return { user, course: access.course, lessonId };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.view.lesson.title} · STEM Hub` : "STEM Hub" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, course, lessonId } = await context(request, params);
  const locale = await resolveLocale(request, user);
  return { view: ensureFound(await loadLessonView(db, { programId: course.id, lessonId, userId: user.id, locale })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course, lessonId } = await context(request, params);
  ensureFound(await getLessonInCourse(db, course.id, lessonId));
  // The quiz's answers are fields of the form: they are checked against its questions while parsing.
  const form = await parseForm(request, lessonActionSchema(await getQuizForAnswering(db, lessonId)));
  if (!form.ok) return formFailure(form.submission);
  if (form.value.intent === "complete") {
    const r = await completeLesson(db, { userId: user.id, lessonId, now: nowIso() });
    if (!r.ok) return refusalReply(form.submission, r, completeLessonRefusals);
    const notice = r.value.courseCompletedNow ? "notice.courses.courseCompleted" : "notice.courses.lessonCompleted";
    // Onwards in outline order; after the last lesson, the finish page (certificate, what to learn next).
    const next = await lessonAfter(db, course.id, lessonId);
    return redirect(next ? `/learn/${course.slug}/${next}?notice=${notice}` : `/learn/${course.slug}/finish?notice=${notice}`);
  }
  const r = await submitQuizAttempt(db, { userId: user.id, lessonId, answers: form.value.answers, now: nowIso() });
  if (!r.ok) return refusalReply(form.submission, r, quizRefusals);
  const { scorePercent, passed, attemptNumber, perQuestion, courseCompletedNow } = r.value;
  return data({ outcome: { scorePercent, passed, attemptNumber, perQuestion }, courseCompletedNow });
}

export default function LearnLesson() {
  const t = useT();
  const { view } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const outcome = result && "outcome" in result ? result.outcome : null;
  return (
    <LessonPage
      view={view}
      linkBase={`/learn/${view.course.slug}`}
      outcome={outcome}
      banner={
        result && "courseCompletedNow" in result && result.courseCompletedNow ? (
          <Notice>
            {t("notice.courses.courseCompleted")} <Link to={`/learn/${view.course.slug}/finish`}>{t("courses.finish.link")}</Link>
          </Notice>
        ) : null
      }
    />
  );
}
