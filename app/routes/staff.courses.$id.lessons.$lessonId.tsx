// Staff: edit one lesson (content, minutes, required, resources) and its quiz.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/lib/guards.server";
import { QuizEditor } from "~/components/courses/QuizEditor";
import { CheckboxField, FormErrors, TextAreaField, TextField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { addQuestion, deleteQuestion, deleteQuiz, getQuizForEditor, moveQuestion, questionProblem, saveQuizSettings, updateLesson, updateQuestion } from "~/courses/lesson-builder.server";
import { parseResources, pick } from "~/courses/localize";
import { idParam, lessonEditorSchema } from "~/courses/schemas";
import { getCourseById, getLessonInCourse } from "~/courses/structure.server";
import { useLocale, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParamOr404 } from "~/lib/forms.server";

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  await requireStaff(request);
  const course = await getCourseById(db, parseParamOr404(idParam, params.id));
  if (!course) throw new Response("Not Found", { status: 404 });
  const lesson = await getLessonInCourse(db, course.id, parseParamOr404(idParam, params.lessonId));
  if (!lesson) throw new Response("Not Found", { status: 404 });
  return { course, lesson };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course, lesson } = await load(request, params);
  return {
    course: { id: course.id, titleVi: course.title_vi, titleEn: course.title_en },
    lesson: {
      id: lesson.id,
      titleVi: lesson.title_vi,
      titleEn: lesson.title_en,
      contentVi: lesson.content_md_vi,
      contentEn: lesson.content_md_en,
      minutes: lesson.estimated_minutes,
      required: lesson.required === 1,
      resourcesText: parseResources(lesson.resources).map((r) => `${r.label} | ${r.url}`).join("\n"),
    },
    quiz: await getQuizForEditor(db, lesson.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { course, lesson } = await load(request, params);
  const form = await parseForm(request, lessonEditorSchema);
  if (!form.ok) return formFailure(form.submission);
  const v = form.value;
  const back = redirect(`/staff/courses/${course.id}/lessons/${lesson.id}?notice=notice.courses.saved`);
  const notFound = () => new Response("Not Found", { status: 404 });
  switch (v.intent) {
    case "lesson":
      await updateLesson(db, lesson.id, v);
      return back;
    case "quiz":
      await saveQuizSettings(db, lesson.id, v);
      return back;
    case "deleteQuiz":
      await deleteQuiz(db, lesson.id);
      return back;
    case "addQuestion":
    case "updateQuestion": {
      const problem = questionProblem(v);
      if (problem) return formFailure(form.submission, { fieldErrors: { options: [problem] } });
      if (v.intent === "addQuestion") {
        if ((await addQuestion(db, lesson.id, v)) === null) return formFailure(form.submission, { formErrors: ["courses.errors.quizFirst"], status: 409 });
      } else if (!(await updateQuestion(db, lesson.id, v.questionId, v))) throw notFound();
      return back;
    }
    case "deleteQuestion":
      if (!(await deleteQuestion(db, lesson.id, v.questionId))) throw notFound();
      return back;
    case "moveQuestion":
      // Already first or last: nothing to do; a question of another lesson: not found.
      if ((await moveQuestion(db, lesson.id, v.questionId, v.direction)) === null) throw notFound();
      return back;
  }
}

export default function StaffLessonEditor() {
  const t = useT();
  const locale = useLocale();
  const { course, lesson, quiz } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <PageHeading lead={pick(course.titleVi, course.titleEn, locale)}>{pick(lesson.titleVi, lesson.titleEn, locale)}</PageHeading>
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
