import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/lib/guards.server";
import { approvedSchoolsOf, CLASS_TEACHER_ROLES } from "~/classes/access.server";
import { createClass, currentSchoolYear } from "~/classes/classes.server";
import { createClassRefusals } from "~/classes/refusals";
import { createClassSchema } from "~/classes/schemas";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { nowIso } from "~/lib/time";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ...CLASS_TEACHER_ROLES);
  return { schools: await approvedSchoolsOf(db, user.id), schoolYear: currentSchoolYear(nowIso()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ...CLASS_TEACHER_ROLES);
  const form = await parseForm(request, createClassSchema);
  if (!form.ok) return formFailure(form.submission);
  const created = await createClass(db, { ownerId: user.id, ...form.value, now: nowIso() });
  if (!created.ok) return refusalReply(form.submission, created, createClassRefusals);
  throw redirect(`/classes/${created.value}?notice=notice.classes.created`);
}

export default function NewClass() {
  const t = useT();
  const { schools, schoolYear } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-xl">
      <PageHeading>{t("classes.newPage.title")}</PageHeading>
      {schools.length === 0 ? (
        <div className="card">
          <p>{t("classes.newPage.noSchool")}</p>
          <p className="mt-3">
            <Link to="/school" className="btn">
              {t("classes.newPage.goSchool")}
            </Link>
          </p>
        </div>
      ) : (
        <Form method="post" className="card" noValidate>
          <FormErrors />
          <TextField name="name" label={t("classes.form.name")} hint={t("classes.form.nameHint")} required maxLength={80} />
          <SelectField name="schoolId" label={t("classes.form.school")} options={schools.map((s) => ({ value: String(s.id), label: s.name }))} />
          <TextField name="grade" type="number" inputMode="numeric" min={1} max={12} label={t("classes.form.grade")} hint={t("classes.form.gradeHint")} />
          <TextField name="schoolYear" label={t("classes.form.schoolYear")} hint={t("classes.form.schoolYearHint")} defaultValue={schoolYear} required />
          <button type="submit" className="btn">
            {t("classes.form.create")}
          </button>
        </Form>
      )}
    </div>
  );
}
