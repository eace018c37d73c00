import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/lib/guards.server";
import { programFormSchema } from "~/catalog/schemas";
import { saveProgramForm } from "~/catalog/staff.server";
import { PageHeading } from "~/components/layout";
import { ProgramForm } from "~/components/workshops/ProgramForm";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm } from "~/lib/forms.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireStaff(request);
  const form = await parseForm(request, programFormSchema);
  if (!form.ok) return formFailure(form.submission);
  const id = await saveProgramForm(db, "workshop", form.value);
  if (id === null) return formFailure(form.submission, { fieldErrors: { slug: ["catalog.errors.slugTaken"] } });
  return redirect(`/staff/programs/${id}?notice=notice.catalog.saved`);
}

export default function NewProgram() {
  const t = useT();
  return (
    <div>
      <PageHeading>{t("catalog.staff.new")}</PageHeading>
      <ProgramForm submitLabel={t("catalog.form.create")} />
    </div>
  );
}
