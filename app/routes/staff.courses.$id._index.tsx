// Staff: build one course (/staff/courses/:id): settings, publish/archive, modules and lessons in order.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/lib/guards.server";
import { CourseFields } from "~/components/courses/CourseFields";
import { StructureEditor } from "~/components/courses/StructureEditor";
import { FormErrors } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { setProgramStatus } from "~/catalog/programs.server";
import {
  addLesson,
  addModule,
  deleteLesson,
  deleteModule,
  getCourseTopics,
  listCoursesForStaff,
  moveLesson,
  moveModule,
  updateCourse,
  updateModule,
} from "~/courses/builder.server";
import { pick } from "~/courses/localize";
import { builderSchema, courseSchema, idParam } from "~/courses/schemas";
import { getCourseById, getOutline } from "~/courses/structure.server";
import { useLocale, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseFormData, parseParamOr404, readFormData } from "~/lib/forms.server";
import { isoToVnLocal } from "~/lib/time";

async function loadCourse(request: Request, idValue: unknown) {
  await requireStaff(request);
  const course = await getCourseById(db, parseParamOr404(idParam, idValue));
  if (!course) throw new Response("Not Found", { status: 404 });
  return course;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const course = await loadCourse(request, params.id);
  const [outline, topics, all] = await Promise.all([getOutline(db, course.id), getCourseTopics(db, course.id), listCoursesForStaff(db)]);
  return {
    course: {
      id: course.id,
      slug: course.slug,
      status: course.status,
      titleVi: course.title_vi,
      titleEn: course.title_en,
      summaryVi: course.summary_vi,
      summaryEn: course.summary_en,
      descriptionVi: course.description_vi,
      descriptionEn: course.description_en,
      gradeMin: course.grade_min,
      gradeMax: course.grade_max,
      topics,
      enrolmentMode: course.enrolment_mode,
      enrolmentKey: course.enrolment_key,
      capacity: course.capacity,
      opensOn: course.enrol_opens_at ? isoToVnLocal(course.enrol_opens_at).date : null,
      closesOn: course.enrol_closes_at ? isoToVnLocal(course.enrol_closes_at).date : null,
      prerequisiteProgramId: course.prerequisite_program_id,
      estimatedHours: course.estimated_hours,
    },
    prerequisites: all.filter((c) => c.id !== course.id).map((c) => ({ id: c.id, titleVi: c.title_vi, titleEn: c.title_en })),
    outline,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const course = await loadCourse(request, params.id);
  const formData = await readFormData(request);
  const back = redirect(`/staff/courses/${course.id}?notice=notice.courses.saved`);
  const notFound = () => new Response("Not Found", { status: 404 });
  if (formData.get("intent") === "settings") {
    const form = parseFormData(formData, courseSchema);
    if (!form.ok) return formFailure(form.submission);
    const r = await updateCourse(db, course.id, form.value);
    if (!r.ok) return formFailure(form.submission, { fieldErrors: { [r.field]: [r.error] } });
    return back;
  }
  const form = parseFormData(formData, builderSchema);
  if (!form.ok) return formFailure(form.submission);
  const v = form.value;
  switch (v.intent) {
    case "status":
      await setProgramStatus(db, course.id, v.status);
      return back;
    case "addModule":
      await addModule(db, course.id, v);
      return back;
    case "updateModule":
      if (!(await updateModule(db, course.id, v))) throw notFound();
      return back;
    case "deleteModule":
      if (!(await deleteModule(db, course.id, v.moduleId))) throw notFound();
      return back;
    case "moveModule":
      await moveModule(db, course.id, v.moduleId, v.direction);
      return back;
    case "addLesson":
      if ((await addLesson(db, course.id, v)) === null) throw notFound();
      return back;
    case "moveLesson":
      await moveLesson(db, course.id, v.lessonId, v.direction);
      return back;
    case "deleteLesson":
      if (!(await deleteLesson(db, course.id, v.lessonId))) throw notFound();
      return back;
  }
}

export default function StaffCourseBuilder() {
  const t = useT();
  const locale = useLocale();
  const { course, prerequisites, outline } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <PageHeading lead={t(`courses.status.${course.status}`)}>{pick(course.titleVi, course.titleEn, locale)}</PageHeading>
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
          <CourseFields d={course} prerequisites={prerequisites.map((p) => ({ id: p.id, title: pick(p.titleVi, p.titleEn, locale) }))} />
          <button type="submit" className="btn">
            {t("common.save")}
          </button>
        </Form>
      </section>
    </div>
  );
}
