// Staff: build one course (/staff/courses/:id): settings, publish/archive, modules and lessons in order.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { setProgramStatus } from "~/catalog/programs.server";
import { CourseFields } from "~/components/courses/CourseFields";
import { StructureEditor } from "~/components/courses/StructureEditor";
import { FormErrors } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { addLesson, addModule, deleteLesson, deleteModule, moveLesson, moveModule, updateCourse, updateModule } from "~/courses/builder.server";
import { loadCourseEditor } from "~/courses/editor.server";
import { saveCourseRefusals } from "~/courses/refusals";
import { builderSchema, idParam } from "~/courses/schemas";
import { getCourseById } from "~/courses/structure.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParamOr404, refusalReply } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { ensureFound, notFound } from "~/lib/http.server";
import { nowIso } from "~/lib/time";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const id = parseParamOr404(idParam, params.id);
  return ensureFound(await loadCourseEditor(db, id, await resolveLocale(request, user)));
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireStaff(request);
  const course = ensureFound(await getCourseById(db, parseParamOr404(idParam, params.id)));
  const form = await parseForm(request, builderSchema);
  if (!form.ok) return formFailure(form.submission);
  const v = form.value;
  const programId = course.id;
  const now = nowIso();
  switch (v.intent) {
    case "settings": {
      const r = await updateCourse(db, { programId, form: v, now });
      if (!r.ok) return refusalReply(form.submission, r, saveCourseRefusals);
      break;
    }
    case "status":
      await setProgramStatus(db, programId, v.status);
      break;
    case "addModule":
      await addModule(db, programId, v);
      break;
    case "updateModule":
      if (!(await updateModule(db, programId, v))) throw notFound();
      break;
    case "deleteModule":
      if (!(await deleteModule(db, { programId, moduleId: v.moduleId, now }))) throw notFound();
      break;
    case "moveModule":
      await moveModule(db, programId, v.moduleId, v.direction);
      break;
    case "addLesson":
      if ((await addLesson(db, programId, { ...v, now })) === null) throw notFound();
      break;
    case "moveLesson":
      await moveLesson(db, programId, v.lessonId, v.direction);
      break;
    case "deleteLesson":
      if (!(await deleteLesson(db, { programId, lessonId: v.lessonId, now }))) throw notFound();
      break;
  }
  return redirect(`/staff/courses/${programId}?notice=notice.courses.saved`);
}

export default function StaffCourseBuilder() {
  const t = useT();
  const { course, prerequisites, outline } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <PageHeading lead={t(`courses.status.${course.status}`)}>{course.title}</PageHeading>
      <p className="flex flex-wrap gap-4">
        <Link to="/staff/courses">{t("courses.staff.backToList")}</Link>
        <Link to={`/courses/${course.slug}`}>{t("courses.staff.publicPage")}</Link>
        <Link to={`/staff/courses/${course.id}/report`}>{t("courses.staff.report")}</Link>
      </p>
      <FormErrors />
      <section aria-labelledby="status-heading" className="card flex flex-wrap items-center gap-3">
        <h2 id="status-heading" className="text-base">{t("courses.builder.statusHeading")}</h2>
        <span className={`badge ${course.status === "published" ? "badge-ok" : "badge-warn"}`}>{t(`courses.status.${course.status}`)}</span>
        {(["published", "draft", "archived"] as const)
          .filter((s) => s !== course.status)
          .map((s) => (
            <Form method="post" key={s}>
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="status" value={s} />
              <button type="submit" className={s === "published" ? "btn" : "btn-secondary"}>
                {t(`courses.builder.setStatus.${s}`)}
              </button>
            </Form>
          ))}
      </section>
      <section aria-labelledby="structure-heading">
        <h2 id="structure-heading" className="mb-3">{t("courses.builder.structure")}</h2>
        <StructureEditor programId={course.id} modules={outline} />
      </section>
      <section aria-labelledby="settings-heading" className="card">
        <h2 id="settings-heading" className="mb-3">{t("courses.builder.settings")}</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="settings" />
          <CourseFields d={course} prerequisites={prerequisites} />
          <button type="submit" className="btn">
            {t("common.save")}
          </button>
        </Form>
      </section>
    </div>
  );
}
