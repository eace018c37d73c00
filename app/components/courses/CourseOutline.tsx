// The course outline: modules with their lessons, ticks for completed ones, the current lesson marked.
import { Link } from "@remix-run/react";
import type { OutlineModule } from "~/courses/structure.server";
import { useT } from "~/i18n/react";

export function CourseOutline({
  modules,
  completed,
  linkBase,
  currentLessonId,
}: {
  modules: OutlineModule[];
  completed: number[];
  /** e.g. "/learn/python" — lessons link to `${linkBase}/${id}`; null shows titles only. */
  linkBase: string | null;
  currentLessonId?: number;
}) {
  const t = useT();
  const done = new Set(completed);
  return (
    <nav aria-label={t("courses.outline.title")}>
      <ol className="space-y-4" data-testid="course-outline">
        {modules.map((m, mi) => (
          <li key={m.id}>
            <h3 className="text-base">{t("courses.outline.module", { n: mi + 1, title: m.title })}</h3>
            <ol className="mt-1 space-y-1">
              {m.lessons.map((l) => {
                const isDone = done.has(l.id);
                const title = l.title;
                return (
                  <li key={l.id} className="flex items-start gap-2" data-lesson-title={title}>
                    <span aria-hidden="true" className={isDone ? "text-emerald-700" : "text-slate-400"}>
                      {isDone ? "✓" : "○"}
                    </span>
                    <span>
                      {linkBase ? (
                        <Link to={`${linkBase}/${l.id}`} aria-current={l.id === currentLessonId ? "page" : undefined} className={l.id === currentLessonId ? "font-semibold" : undefined}>
                          {title}
                        </Link>
                      ) : (
                        title
                      )}
                      <span className="sr-only"> — {isDone ? t("courses.outline.done") : t("courses.outline.notDone")}</span>
                      <span className="ml-2 text-xs text-slate-600">
                        {t("courses.minutes", { count: l.estimatedMinutes })}
                        {!l.required ? ` · ${t("courses.outline.optional")}` : ""}
                        {l.hasQuiz ? ` · ${t("courses.outline.quiz")}` : ""}
                      </span>
                    </span>
                  </li>
                );
              })}
            </ol>
          </li>
        ))}
      </ol>
    </nav>
  );
}
