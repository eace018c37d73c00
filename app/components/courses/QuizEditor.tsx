// Staff edit a lesson's quiz: pass mark and attempts, then one small form per question (options one per line,
// "*" marks the correct ones). Works without JavaScript.
import { Form } from "@remix-run/react";
import { FormScope, SelectField, TextAreaField, TextField } from "~/components/forms";
import { MoveButtons } from "./StructureEditor";
import type { EditorQuiz } from "~/courses/editor.server";
import { useT } from "~/i18n/react";

function QuestionFields({ q }: { q?: EditorQuiz["questions"][number] }) {
  const t = useT();
  return (
    <>
      <TextAreaField name="promptVi" label={t("courses.quizEditor.promptVi")} defaultValue={q?.promptVi ?? ""} rows={2} required />
      <TextAreaField name="promptEn" label={t("courses.quizEditor.promptEn")} defaultValue={q?.promptEn ?? ""} rows={2} />
      <SelectField
        name="kind"
        label={t("courses.quizEditor.kind")}
        defaultValue={q?.kind ?? "single"}
        options={[
          { value: "single", label: t("courses.quizEditor.single") },
          { value: "multiple", label: t("courses.quizEditor.multiple") },
        ]}
      />
      <TextAreaField name="options" label={t("courses.quizEditor.options")} hint={t("courses.quizEditor.optionsHint")} defaultValue={q?.optionsText ?? ""} rows={4} required />
    </>
  );
}

export function QuizEditor({ quiz }: { quiz: EditorQuiz | null }) {
  const t = useT();
  return (
    <section aria-labelledby="quiz-editor" className="card space-y-4">
      <h2 id="quiz-editor">{t("courses.quiz.title")}</h2>
      <FormScope match={{ intent: "quiz" }}>
        <Form method="post" className="grid gap-x-4 md:grid-cols-3">
          <input type="hidden" name="intent" value="quiz" />
          <TextField name="passPercent" type="number" min={1} max={100} label={t("courses.quizEditor.passPercent")} defaultValue={String(quiz?.passPercent ?? 70)} required />
          <TextField name="maxAttempts" type="number" min={1} max={100} label={t("courses.quizEditor.maxAttempts")} hint={t("courses.quizEditor.maxAttemptsHint")} defaultValue={quiz?.maxAttempts ? String(quiz.maxAttempts) : ""} />
          <div className="self-end pb-4">
            <button type="submit" className="btn-secondary">
              {quiz ? t("common.save") : t("courses.quizEditor.create")}
            </button>
          </div>
        </Form>
      </FormScope>
      {quiz ? (
        <>
          <ol className="space-y-4">
            {quiz.questions.map((q, i) => (
              <li key={q.id} className="rounded-md border border-slate-200 p-3">
                <div className="mb-2 flex flex-wrap items-center gap-3">
                  <h3 className="text-base">{t("courses.quizEditor.question", { n: i + 1 })}</h3>
                  <MoveButtons
                    intent="moveQuestion"
                    idName="questionId"
                    id={q.id}
                    label={t("courses.quizEditor.question", { n: i + 1 })}
                    first={i === 0}
                    last={i === quiz.questions.length - 1}
                  />
                </div>
                <FormScope match={{ intent: "updateQuestion", questionId: q.id }}>
                  <Form method="post">
                    <input type="hidden" name="intent" value="updateQuestion" />
                    <input type="hidden" name="questionId" value={q.id} />
                    <QuestionFields q={q} />
                    <button type="submit" className="btn-secondary">
                      {t("common.save")}
                    </button>
                  </Form>
                </FormScope>
                <Form method="post" className="mt-2">
                  <input type="hidden" name="intent" value="deleteQuestion" />
                  <input type="hidden" name="questionId" value={q.id} />
                  <button type="submit" className="btn-link text-red-800">
                    {t("courses.quizEditor.deleteQuestion")}
                  </button>
                </Form>
              </li>
            ))}
          </ol>
          <div className="rounded-md border border-dashed border-slate-300 p-3">
            <h3 className="mb-2 text-base">{t("courses.quizEditor.addQuestion")}</h3>
            <FormScope match={{ intent: "addQuestion" }}>
              <Form method="post">
                <input type="hidden" name="intent" value="addQuestion" />
                <QuestionFields />
                <button type="submit" className="btn">
                  {t("courses.quizEditor.addQuestion")}
                </button>
              </Form>
            </FormScope>
          </div>
          <Form method="post">
            <input type="hidden" name="intent" value="deleteQuiz" />
            <button type="submit" className="btn-danger">
              {t("courses.quizEditor.deleteQuiz")}
            </button>
          </Form>
        </>
      ) : (
        <p className="text-sm text-slate-700">{t("courses.quizEditor.none")}</p>
      )}
    </section>
  );
}
