// /bookings/:id/checkin: on the visit day, staff or the class's teachers tap each cleared student in, from a phone
// (one small form per student: works without JavaScript). Another school's booking: 404; other members: 403.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { FormErrors } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { loadCheckIn, setCheckIn } from "~/guardians/checkin.server";
import { checkInRefusals } from "~/guardians/refusals";
import { checkInSchema } from "~/guardians/schemas";
import { seesMedicalNotes } from "~/guardians/slips.server";
import { titleMeta } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParamOr404, refusalReply } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { ensureFound, forbidden } from "~/lib/http.server";
import { idSchema } from "~/lib/schemas";
import { nowIso } from "~/lib/time";
import { bookingAccessFor } from "~/tours/access.server";
import { getBookingView } from "~/tours/queries.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "checkin.link");

async function requireCheckIn(request: Request, params: { id?: string }) {
  const access = await bookingAccessFor(db, await requireUser(request));
  if (!access) throw forbidden();
  const bookingId = parseParamOr404(idSchema, params.id);
  const booking = ensureFound(await getBookingView(db, bookingId, access.scope, access.user.locale));
  if (!(await seesMedicalNotes(db, { bookingId, userId: access.user.id, staff: access.scope.staff }))) throw forbidden();
  return { access, booking };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { booking } = await requireCheckIn(request, params);
  const list = ensureFound(await loadCheckIn(db, { bookingId: booking.id, now: nowIso() }));
  return { booking: { id: booking.id, reference: booking.reference }, ...list };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { access, booking } = await requireCheckIn(request, params);
  const form = await parseForm(request, checkInSchema);
  if (!form.ok) return formFailure(form.submission);
  const r = await setCheckIn(db, {
    bookingId: booking.id,
    studentId: form.value.studentId,
    present: form.value.present === "1",
    actor: { userId: access.user.id, ip: context?.clientIp ?? "unknown" },
    now: nowIso(),
  });
  if (!r.ok) return refusalReply(form.submission, r, checkInRefusals);
  throw redirect(`/bookings/${booking.id}/checkin#student-${form.value.studentId}`);
}

export default function CheckIn() {
  const t = useT();
  const f = useFormat();
  const { booking, visitDay, startsAt, students, checkedIn } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-md">
      <PageHeading lead={t("checkin.lead")}>{t("checkin.title", { reference: booking.reference })}</PageHeading>
      <FormErrors />
      <p className="mb-3 text-lg font-semibold" data-testid="checkin-count" aria-live="polite">
        {t("checkin.count", { checked: checkedIn, total: students.length })}
      </p>
      {!visitDay ? <p className="card mb-3">{t("checkin.notToday", { date: f.date(startsAt) })}</p> : null}
      {students.length === 0 ? <p className="card">{t("checkin.none")}</p> : null}
      <ul className="space-y-2">
        {students.map((s) => (
          <li key={s.id} id={`student-${s.id}`} className="card flex items-center justify-between gap-3">
            <div>
              <p className="font-semibold">{s.fullName}</p>
              {s.checkedInAt ? <p className="text-sm">{t("checkin.at", { time: f.time(s.checkedInAt) })}</p> : null}
            </div>
            {visitDay ? (
              <Form method="post">
                <input type="hidden" name="studentId" value={s.id} />
                <input type="hidden" name="present" value={s.checkedInAt ? "0" : "1"} />
                <button
                  type="submit"
                  className={s.checkedInAt ? "btn-secondary" : "btn"}
                  aria-label={t(s.checkedInAt ? "checkin.undoLabel" : "checkin.presentLabel", { name: s.fullName })}
                >
                  {t(s.checkedInAt ? "checkin.undo" : "checkin.present")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
