import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { MeetingList } from "~/components/workshops/SessionCard";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParamOr404, refusalReply } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { ensureFound } from "~/lib/http.server";
import { idSchema } from "~/lib/schemas";
import { nowIso } from "~/lib/time";
import { loadRegistrationConfirmation } from "~/workshops/confirmation.server";
import { cancelRefusals } from "~/workshops/refusals";
import { cancelRegistration } from "~/workshops/registration.server";
import { cancelSchema } from "~/workshops/schemas";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d ? `${d.program.title} · STEM Hub` : "STEM Hub" }];

// /registrations/:id/cancel: the confirm step of "Hủy đăng ký" (says what happens next); works without JavaScript.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const registrationId = parseParamOr404(idSchema, params.id);
  const locale = await resolveLocale(request, user);
  const d = ensureFound(await loadRegistrationConfirmation(db, { registrationId, userId: user.id, locale, now: nowIso() }));
  // Nothing left to cancel: back to the registration.
  if (!d.registration.cancellable) throw redirect(`/registrations/${registrationId}`);
  return d;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const registrationId = parseParamOr404(idSchema, params.id);
  const form = await parseForm(request, cancelSchema);
  if (!form.ok) return formFailure(form.submission);
  // The registration is the one in the URL; a different id in the body finds nothing.
  if (form.value.registrationId !== registrationId) return formFailure(form.submission, { status: 404, formErrors: ["workshops.cancelRefused.notFound"] });
  const locale = await resolveLocale(request, user);
  const view = await loadRegistrationConfirmation(db, { registrationId, userId: user.id, locale, now: nowIso() });
  const result = await cancelRegistration(db, { registrationId, userId: user.id, now: nowIso() });
  if (!result.ok) return refusalReply(form.submission, result, cancelRefusals);
  return redirect(view ? `/workshops/${view.program.slug}?notice=notice.workshops.cancelled#session-${view.session.id}` : "/schedule?notice=notice.workshops.cancelled");
}

export default function CancelRegistration() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const waitlisted = d.registration.status === "waitlisted";
  return (
    <div className="mx-auto max-w-xl">
      <PageHeading>{t("confirm.cancel.title", { title: d.program.title })}</PageHeading>
      <div className="card space-y-3">
        <FormErrors />
        <MeetingList meetings={d.meetings} />
        <p data-testid="what-happens-next">{t(waitlisted ? "confirm.cancel.next.waitlisted" : "confirm.cancel.next.confirmed")}</p>
        <div className="flex flex-wrap gap-3">
          <Form method="post">
            <input type="hidden" name="intent" value="cancel" />
            <input type="hidden" name="registrationId" value={d.registration.id} />
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit" className="btn-danger" disabled={busy}>
              {t(waitlisted ? "confirm.leaveWaitlist.submit" : "confirm.cancel.submit")}
            </button>
          </Form>
          <Link to={`/registrations/${d.registration.id}`} className="btn-secondary">
            {t("confirm.keep")}
          </Link>
        </div>
      </div>
    </div>
  );
}
