// The lesson page layout, shared by learners (/learn/…) and staff previews (/staff/courses/:id/preview/…).
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { ProgressBar } from "~/components/layout";
import type { LessonView } from "~/courses/learner.server";
import { useT } from "~/i18n/react";
import { CourseOutline } from "./CourseOutline";
import { LessonContent } from "./LessonContent";
import { QuizForm, type QuizOutcome } from "./QuizForm";

export function LessonPage({
  view,
  linkBase,
  outcome,
  preview,
  banner,
}: {
  view: LessonView;
  linkBase: string;
  outcome?: QuizOutcome | null;
  preview?: boolean;
  banner?: ReactNode;
}) {
  const t = useT();
  const { lesson, quiz } = view;
  const progressPercent = view.progress ? view.progress.percent : null;
  return (
    <div className="grid gap-8 lg:grid-cols-3">
      <article className="space-y-6 lg:col-span-2" aria-labelledby="lesson-title">
        {banner}
        <p className="text-sm text-slate-700">
          {view.course.title} · {lesson.moduleTitle}
        </p>
        <h1 id="lesson-title">{lesson.title}</h1>
        <p>
          {view.isCompleted ? (
            <span className="badge badge-ok">{t("courses.lesson.completed")}</span>
          ) : (
            <span className="badge badge-neutral">{lesson.required ? t("courses.lesson.notCompleted") : t("courses.lesson.optional")}</span>
          )}
        </p>
        <LessonContent html={lesson.html} resources={lesson.resources} minutes={lesson.minutes} />
        {quiz ? (
          <QuizForm quiz={quiz} outcome={outcome} disabled={preview} />
        ) : !view.isCompleted && !preview ? (
          // Records completion and goes on: to the next lesson, or after the last one to the course's finish page.
          <Form method="post">
            <input type="hidden" name="intent" value="complete" />
            <button type="submit" className="btn">
              {view.next ? t("courses.lesson.completeAndNext") : t("courses.lesson.completeAndFinish")}
            </button>
          </Form>
        ) : null}
        <nav aria-label={t("courses.lesson.pager")} className="flex flex-wrap justify-between gap-4 border-t border-slate-200 pt-4">
          {view.previous ? (
            <Link to={`${linkBase}/${view.previous.id}`} rel="prev">
              ← {t("courses.lesson.previous")}: {view.previous.title}
            </Link>
          ) : (
            <span />
          )}
          {view.next ? (
            <Link to={`${linkBase}/${view.next.id}`} rel="next">
              {t("courses.lesson.next")}: {view.next.title} →
            </Link>
          ) : !preview && view.progress ? (
            <Link to={`${linkBase}/finish`}>{t("courses.finish.link")} →</Link>
          ) : null}
        </nav>
      </article>
      <aside className="space-y-4" aria-label={t("courses.outline.title")}>
        {progressPercent !== null ? (
          <section className="card">
            <h2 className="mb-2 text-base">{t("courses.progress.title")}</h2>
            <ProgressBar value={progressPercent} label={t("courses.progress.label")} />
          </section>
        ) : null}
        <section className="card">
          <CourseOutline modules={view.outline} completed={view.completed} linkBase={linkBase} currentLessonId={lesson.id} />
        </section>
      </aside>
    </div>
  );
}
