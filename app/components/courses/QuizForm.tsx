// The quiz of a lesson: radio buttons or checkboxes per question; results come back from the server only.
import { toMessageKey } from "~/i18n";
import { Form } from "@remix-run/react";
import { FormErrors, fieldErrors, useFormReply } from "~/components/forms";
import type { LearnerQuiz } from "~/courses/quiz.server";
import { useT } from "~/i18n/react";

export interface QuizOutcome {
  scorePercent: number;
  passed: boolean;
  attemptNumber: number;
  perQuestion: Record<number, boolean>;
}

export function QuizForm({ quiz, outcome, disabled }: { quiz: LearnerQuiz; outcome?: QuizOutcome | null; disabled?: boolean }) {
  const t = useT();
  const reply = useFormReply();
  const left = quiz.maxAttempts === null ? null : Math.max(0, quiz.maxAttempts - quiz.attemptsUsed);
  return (
    <section aria-labelledby="quiz-title" className="card space-y-4">
      <h2 id="quiz-title">{t("courses.quiz.title")}</h2>
      <p className="text-sm text-slate-700">
        {t("courses.quiz.passMark", { percent: quiz.passPercent })}{" "}
        {left === null ? t("courses.quiz.unlimited") : t("courses.quiz.attemptsLeft", { count: left })}
      </p>
      {quiz.passed ? <p className="badge badge-ok">{t("courses.quiz.passedBefore", { percent: quiz.bestScore ?? 0 })}</p> : null}
      {outcome ? (
        <div className={`alert ${outcome.passed ? "alert-success" : "alert-error"}`} role="status" data-testid="quiz-result">
          <p className="font-semibold">{outcome.passed ? t("courses.quiz.resultPassed", { percent: outcome.scorePercent }) : t("courses.quiz.resultFailed", { percent: outcome.scorePercent })}</p>
        </div>
      ) : null}
      <FormErrors />
      <Form method="post" className="space-y-4">
        <input type="hidden" name="intent" value="quiz" />
        {quiz.questions.map((q, i) => {
          const name = `q${q.id}`;
          const errors = fieldErrors(reply, name);
          const right = outcome?.perQuestion[q.id];
          return (
            <fieldset key={q.id} className="rounded-md border border-slate-200 p-3" aria-invalid={errors.length ? true : undefined} aria-describedby={errors.length ? `${name}-error` : undefined}>
              <legend className="px-1 font-semibold">
                {i + 1}. {q.prompt}
              </legend>
              <p className="text-xs text-slate-600">{q.kind === "single" ? t("courses.quiz.chooseOne") : t("courses.quiz.chooseMany")}</p>
              <ul className="mt-2 space-y-1">
                {q.options.map((o) => (
                  <li key={o.id} className="flex items-center gap-2">
                    <input id={`o${o.id}`} type={q.kind === "single" ? "radio" : "checkbox"} name={name} value={o.id} disabled={disabled} className="!mt-0 !w-auto" />
                    <label htmlFor={`o${o.id}`} className="font-normal">
                      {o.label}
                    </label>
                  </li>
                ))}
              </ul>
              {right !== undefined ? <p className={`mt-2 badge ${right ? "badge-ok" : "badge-bad"}`}>{right ? t("courses.quiz.right") : t("courses.quiz.wrong")}</p> : null}
              {errors.length ? (
                <p id={`${name}-error`} className="field-error" role="alert">
                  {errors.map((e) => t(toMessageKey(e))).join(" ")}
                </p>
              ) : null}
            </fieldset>
          );
        })}
        {!disabled && left !== 0 ? (
          <button type="submit" className="btn">
            {t("courses.quiz.submit")}
          </button>
        ) : null}
        {left === 0 ? <p className="badge badge-warn">{t("courses.quiz.noAttemptsLeft")}</p> : null}
      </Form>
    </section>
  );
}
