import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { programRefusals } from "~/catalog/refusals";
import { programFormSchema } from "~/catalog/schemas";
import { saveProgramForm } from "~/catalog/staff.server";
import { PageHeading } from "~/components/layout";
import { ProgramForm } from "~/components/workshops/ProgramForm";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { nowIso } from "~/lib/time";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireStaff(request);
  const form = await parseForm(request, programFormSchema);
  if (!form.ok) return formFailure(form.submission);
  const result = await saveProgramForm(db, { kind: "workshop", form: form.value, now: nowIso() });
  if (!result.ok) return refusalReply(form.submission, result, programRefusals);
  return redirect(`/staff/programs/${result.value}?notice=notice.catalog.saved`);
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
