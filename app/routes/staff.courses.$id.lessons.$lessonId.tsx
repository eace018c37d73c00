// Staff: edit one lesson (content, minutes, required, resources) and its quiz.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { QuizEditor } from "~/components/courses/QuizEditor";
import { CheckboxField, FormErrors, TextAreaField, TextField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { loadLessonEditor } from "~/courses/editor.server";
import { addQuestion, deleteQuestion, deleteQuiz, moveQuestion, saveQuizSettings, updateLesson, updateQuestion } from "~/courses/lesson-builder.server";
import { questionRefusals } from "~/courses/refusals";
import { idParam, lessonEditorSchema } from "~/courses/schemas";
import { getLessonInCourse } from "~/courses/structure.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParamOr404, refusalReply } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { ensureFound, notFound } from "~/lib/http.server";
import { nowIso } from "~/lib/time";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const programId = parseParamOr404(idParam, params.id);
  const lessonId = parseParamOr404(idParam, params.lessonId);
  return ensureFound(await loadLessonEditor(db, { programId, lessonId, locale: await resolveLocale(request, user) }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireStaff(request);
  const programId = parseParamOr404(idParam, params.id);
  const lesson = ensureFound(await getLessonInCourse(db, programId, parseParamOr404(idParam, params.lessonId)));
  const form = await parseForm(request, lessonEditorSchema);
  if (!form.ok) return formFailure(form.submission);
  const v = form.value;
  switch (v.intent) {
    case "lesson":
      await updateLesson(db, lesson.id, { ...v, now: nowIso() });
      break;
    case "quiz":
      await saveQuizSettings(db, lesson.id, v);
      break;
    case "deleteQuiz":
      await deleteQuiz(db, lesson.id);
      break;
    case "addQuestion": {
      const r = await addQuestion(db, lesson.id, v);
      if (!r.ok) return refusalReply(form.submission, r, questionRefusals);
      break;
    }
    case "updateQuestion":
      if (!(await updateQuestion(db, lesson.id, v.questionId, v))) throw notFound();
      break;
    case "deleteQuestion":
      if (!(await deleteQuestion(db, lesson.id, v.questionId))) throw notFound();
      break;
    case "moveQuestion":
      // Already first or last: nothing to do; a question of another lesson: not found.
      if ((await moveQuestion(db, lesson.id, v.questionId, v.direction)) === null) throw notFound();
      break;
  }
  return redirect(`/staff/courses/${programId}/lessons/${lesson.id}?notice=notice.courses.saved`);
}

export default function StaffLessonEditor() {
  const t = useT();
  const { course, lesson, quiz } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <PageHeading lead={course.title}>{lesson.title}</PageHeading>
      <p className="flex flex-wrap gap-4">
        <Link to={`/staff/courses/${course.id}`}>{t("courses.builder.backToCourse")}</Link>
        <Link to={`/staff/courses/${course.id}/preview/${lesson.id}`}>{t("courses.builder.preview")}</Link>
      </p>
      <FormErrors />
      <section aria-labelledby="lesson-editor" className="card">
        <h2 id="lesson-editor" className="mb-3">{t("courses.builder.lessonHeading")}</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="lesson" />
          <div className="grid gap-x-6 md:grid-cols-2">
            <TextField name="titleVi" label={t("courses.fields.titleVi")} defaultValue={lesson.titleVi} required />
            <TextField name="titleEn" label={t("courses.fields.titleEn")} defaultValue={lesson.titleEn ?? ""} />
            <TextAreaField name="contentVi" label={t("courses.builder.contentVi")} hint={t("courses.fields.markdownHint")} defaultValue={lesson.contentVi} rows={14} />
            <TextAreaField name="contentEn" label={t("courses.builder.contentEn")} defaultValue={lesson.contentEn ?? ""} rows={14} />
            <TextField name="estimatedMinutes" type="number" min={1} max={600} label={t("courses.builder.minutes")} defaultValue={String(lesson.minutes)} required />
            <TextAreaField name="resources" label={t("courses.builder.resources")} hint={t("courses.builder.resourcesHint")} defaultValue={lesson.resourcesText} rows={3} />
          </div>
          <CheckboxField name="required" label={t("courses.builder.required")} defaultChecked={lesson.required} />
          <button type="submit" className="btn">
            {t("common.save")}
          </button>
        </Form>
      </section>
      <QuizEditor quiz={quiz} />
    </div>
  );
}
