// /bookings/:id/checkin: on the visit day, staff or the class's teachers check each cleared student in, from a
// phone: a tap on the name (one small form per student: works without JavaScript), the code printed on the
// student's card typed in, or — with JavaScript and a camera — the card's QR code scanned (CardScanner, a fetcher
// posting intent "scan"). Another school's booking: 404; other members: 403. server/security.mjs widens the CSP
// ('wasm-unsafe-eval') and the Permissions-Policy (camera=(self)) for this page only.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, TextField } from "~/components/forms";
import { CardScanner } from "~/components/guardians/CardScanner";
import { ScanOutcome, type ScanReply } from "~/components/guardians/ScanOutcome";
import { PageHeading } from "~/components/layout";
import { checkInByCard } from "~/guardians/cards.server";
import { loadCheckIn, setCheckIn } from "~/guardians/checkin.server";
import { cardCheckInRefusals, checkInRefusals } from "~/guardians/refusals";
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
  const actor = { userId: access.user.id, ip: context?.clientIp ?? "unknown" };
  if (form.value.intent === "scan") {
    const r = await checkInByCard(db, { bookingId: booking.id, code: form.value.code, actor, now: nowIso() });
    if (!r.ok) return refusalReply(form.submission, r, cardCheckInRefusals);
    return data({ scanned: { studentId: r.value.studentId, fullName: r.value.fullName, already: r.value.already } });
  }
  const r = await setCheckIn(db, {
    bookingId: booking.id,
    studentId: form.value.studentId,
    present: form.value.present === "1",
    actor,
    now: nowIso(),
  });
  if (!r.ok) return refusalReply(form.submission, r, checkInRefusals);
  throw redirect(`/bookings/${booking.id}/checkin#student-${form.value.studentId}`);
}

export default function CheckIn() {
  const t = useT();
  const f = useFormat();
  const { booking, visitDay, startsAt, students, checkedIn } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as ScanReply | undefined;
  return (
    <div className="mx-auto max-w-md">
      <PageHeading lead={t("checkin.lead")}>{t("checkin.title", { reference: booking.reference })}</PageHeading>
      <FormErrors />
      <p className="mb-3 text-lg font-semibold" data-testid="checkin-count" aria-live="polite">
        {t("checkin.count", { checked: checkedIn, total: students.length })}
      </p>
      {!visitDay ? <p className="card mb-3">{t("checkin.notToday", { date: f.date(startsAt) })}</p> : null}
      {visitDay && students.length > 0 ? (
        <>
          <CardScanner />
          <noscript>
            <p className="card mb-3">{t("checkin.scan.noJs")}</p>
          </noscript>
          <Form method="post" className="card mb-4" noValidate>
            <input type="hidden" name="intent" value="scan" />
            <TextField name="code" label={t("checkin.code.label")} hint={t("checkin.code.hint")} autoComplete="off" autoCapitalize="characters" />
            <button type="submit" className="btn-secondary">
              {t("checkin.code.submit")}
            </button>
            <ScanOutcome reply={reply} errors={false} />
          </Form>
        </>
      ) : null}
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
                <input type="hidden" name="intent" value="tap" />
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
