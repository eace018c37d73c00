// Staff: the list of courses and a form to create one (/staff/courses).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CourseFields } from "~/components/courses/CourseFields";
import { FormErrors } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { createCourse } from "~/courses/builder.server";
import { listCoursesForStaff } from "~/courses/editor.server";
import { saveCourseRefusals } from "~/courses/refusals";
import { courseSchema } from "~/courses/schemas";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { nowIso } from "~/lib/time";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  return { courses: await listCoursesForStaff(db, await resolveLocale(request, user)) };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireStaff(request);
  const form = await parseForm(request, courseSchema);
  if (!form.ok) return formFailure(form.submission);
  const r = await createCourse(db, { form: form.value, now: nowIso() });
  if (!r.ok) return refusalReply(form.submission, r, saveCourseRefusals);
  return redirect(`/staff/courses/${r.value}?notice=notice.courses.created`);
}

export default function StaffCourses() {
  const t = useT();
  const { courses } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <PageHeading lead={t("courses.staff.lead")}>{t("courses.staff.title")}</PageHeading>
      <section aria-labelledby="list-heading">
        <h2 id="list-heading" className="mb-3">{t("courses.staff.list")}</h2>
        <div className="overflow-x-auto">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("courses.fields.titleVi")}</th>
                <th scope="col">{t("common.status")}</th>
                <th scope="col">{t("courses.fields.enrolmentMode")}</th>
                <th scope="col">{t("courses.staff.enrolled")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {courses.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/staff/courses/${c.id}`}>{c.title}</Link>
                  </td>
                  <td>
                    <span className={`badge ${c.status === "published" ? "badge-ok" : c.status === "draft" ? "badge-warn" : "badge-neutral"}`}>{t(`courses.status.${c.status}`)}</span>
                  </td>
                  <td>{t(`courses.mode.${c.enrolmentMode}`)}</td>
                  <td>{c.capacity === null ? c.activeCount : `${c.activeCount}/${c.capacity}`}</td>
                  <td className="space-x-3">
                    <Link to={`/staff/courses/${c.id}/report`}>{t("courses.staff.report")}</Link>
                    <Link to={`/courses/${c.slug}`}>{t("courses.staff.publicPage")}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="create-heading" className="card">
        <h2 id="create-heading" className="mb-3">{t("courses.staff.create")}</h2>
        <FormErrors />
        <Form method="post">
          <CourseFields d={{}} prerequisites={courses.map((c) => ({ id: c.id, title: c.title }))} />
          <button type="submit" className="btn">
            {t("courses.staff.createSubmit")}
          </button>
        </Form>
      </section>
    </div>
  );
}
