import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { PageHeading } from "~/components/layout";
import { TourForm } from "~/components/tours/TourForm";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { saveTourRefusals } from "~/tours/refusals";
import { tourSchema } from "~/tours/schemas";
import { saveTour } from "~/tours/staff.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireStaff(request);
  const form = await parseForm(request, tourSchema);
  if (!form.ok) return formFailure(form.submission);
  const result = await saveTour(db, null, form.value);
  if (!result.ok) return refusalReply(form.submission, result, saveTourRefusals);
  return redirect(`/staff/tours/${result.value.programId}?notice=notice.tours.saved`);
}

export default function NewTour() {
  const t = useT();
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeading>{t("tours.staff.new")}</PageHeading>
      <TourForm />
    </div>
  );
}
