// Staff: the list of courses and a form to create one (/staff/courses).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/lib/guards.server";
import { CourseFields } from "~/components/courses/CourseFields";
import { FormErrors } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { createCourse, listCoursesForStaff } from "~/courses/builder.server";
import { pick } from "~/courses/localize";
import { courseSchema } from "~/courses/schemas";
import { useLocale, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm } from "~/lib/forms.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { courses: await listCoursesForStaff(db) };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireStaff(request);
  const form = await parseForm(request, courseSchema);
  if (!form.ok) return formFailure(form.submission);
  const r = await createCourse(db, form.value);
  if (!r.ok) return formFailure(form.submission, { fieldErrors: { [r.field]: [r.error] } });
  return redirect(`/staff/courses/${r.programId}?notice=notice.courses.created`);
}

export default function StaffCourses() {
  const t = useT();
  const locale = useLocale();
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
                    <Link to={`/staff/courses/${c.id}`}>{pick(c.title_vi, c.title_en, locale)}</Link>
                  </td>
                  <td>
                    <span className={`badge ${c.status === "published" ? "badge-ok" : c.status === "draft" ? "badge-warn" : "badge-neutral"}`}>{t(`courses.status.${c.status}`)}</span>
                  </td>
                  <td>{t(`courses.mode.${c.enrolment_mode}`)}</td>
                  <td>{c.capacity === null ? c.active_count : `${c.active_count}/${c.capacity}`}</td>
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
          <CourseFields d={{}} prerequisites={courses.map((c) => ({ id: c.id, title: pick(c.title_vi, c.title_en, locale) }))} />
          <button type="submit" className="btn">
            {t("courses.staff.createSubmit")}
          </button>
        </Form>
      </section>
    </div>
  );
}
