import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EMPTY_RESOURCE, ResourceForm } from "~/components/lab/ResourceForm";
import { PageHeading } from "~/components/layout";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { acceptPhoto } from "~/lab/photos.server";
import { photoRefusals, saveResourceRefusals } from "~/lab/refusals";
import { resourceSchema } from "~/lab/schemas";
import { credentialPrograms, saveResource } from "~/lab/staff.server";
import { db } from "~/lib/db.server";
import { formFailure, parseFormData, readFormData, refusalReply } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { nowIso } from "~/lib/time";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  return { programs: await credentialPrograms(db, await resolveLocale(request, user)) };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireStaff(request);
  const formData = await readFormData(request);
  const file = formData.get("photo");
  formData.delete("photo");
  const form = parseFormData(formData, resourceSchema);
  if (!form.ok) return formFailure(form.submission);
  const photo = await acceptPhoto(file);
  if (!photo.ok) return refusalReply(form.submission, photo, photoRefusals);
  const result = await saveResource(db, { resourceId: null, form: { ...form.value, photoPath: photo.value }, now: nowIso() });
  if (!result.ok) return refusalReply(form.submission, result, saveResourceRefusals);
  return redirect(`/staff/lab/resources/${result.value.id}?notice=notice.lab.saved`);
}

export default function NewResource() {
  const t = useT();
  const { programs } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeading>{t("lab.staff.new")}</PageHeading>
      <ResourceForm values={EMPTY_RESOURCE} programs={programs} />
    </div>
  );
}
