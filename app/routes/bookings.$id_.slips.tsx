// /bookings/:id/slips: the booking's permission slips — who signed yes, declined, has not answered, or has no data
// consent yet. The class's teachers (and staff, medical notes only on the visit day) see phones and medical notes, remind guardians, print single-use
// signing links with QR codes and set the student count from the slips answered yes. Another school's booking: 404.
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { qrDataUrl } from "~/certificates/qr.server";
import { FormErrors } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { SlipAction, SlipLinks, SlipSummary, SlipTable } from "~/components/guardians/SlipList";
import { loadSlipList, printSlipLinks, remindSlips, setCountFromSigned, slipsAccess } from "~/guardians/slips.server";
import { setCountRefusals } from "~/guardians/refusals";
import { bookingSlipsSchema } from "~/guardians/schemas";
import { titleMeta } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { siteOrigin } from "~/lib/env.server";
import { formFailure, parseForm, parseParamOr404, refusalReply } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { ensureFound, forbidden } from "~/lib/http.server";
import { idSchema } from "~/lib/schemas";
import { nowIso } from "~/lib/time";
import { bookingAccessFor } from "~/tours/access.server";
import { getBookingView } from "~/tours/queries.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "slips.teacher.link");
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

async function requireBooking(request: Request, params: { id?: string }) {
  const access = await bookingAccessFor(db, await requireUser(request));
  if (!access) throw forbidden();
  const bookingId = parseParamOr404(idSchema, params.id);
  // Scoped by the user's schools: another school's booking is not found.
  const booking = ensureFound(await getBookingView(db, bookingId, access.scope, access.user.locale));
  const { manages, notesShown } = await slipsAccess(db, { bookingId, userId: access.user.id, staff: access.scope.staff, startsAt: booking.startsAt, now: nowIso() });
  return { access, booking, manages, notesShown };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { booking, manages, notesShown } = await requireBooking(request, params);
  const slips = await loadSlipList(db, { subject: { bookingId: booking.id }, seesMedical: notesShown });
  return { booking: { id: booking.id, reference: booking.reference, title: booking.title, startsAt: booking.startsAt, students: booking.students }, manages, notesShown, ...slips };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { booking, manages } = await requireBooking(request, params);
  if (!manages) throw forbidden();
  const form = await parseForm(request, bookingSlipsSchema);
  if (!form.ok) return formFailure(form.submission);
  const now = nowIso();
  if (form.value.intent === "remind") {
    await remindSlips(db, { bookingId: booking.id, now });
    throw redirect(`/bookings/${booking.id}/slips?notice=notice.slips.reminded`);
  }
  if (form.value.intent === "setCount") {
    const r = await setCountFromSigned(db, { bookingId: booking.id, now });
    if (!r.ok) return refusalReply(form.submission, r, setCountRefusals);
    throw redirect(`/bookings/${booking.id}/slips?notice=notice.slips.countSet`);
  }
  const links = await printSlipLinks(db, { subject: { bookingId: booking.id }, now });
  const origin = siteOrigin(request);
  return data({ links: await Promise.all(links.map(async (l) => ({ studentName: l.studentName, url: `${origin}/slips/${l.token}`, qr: await qrDataUrl(`${origin}/slips/${l.token}`) }))) });
}

export default function BookingSlips() {
  const t = useT();
  const f = useFormat();
  const { booking, manages, notesShown, slips, counts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const links = result && "links" in result ? result.links : null;
  if (links) return <SlipLinks links={links} visit={`${booking.title} · ${f.dateTime(booking.startsAt)}`} lead={t("slips.teacher.linksLead")} />;
  return (
    <div>
      <PageHeading lead={t("slips.teacher.lead", { title: booking.title, date: f.dateTime(booking.startsAt) })}>{t("slips.teacher.title", { reference: booking.reference })}</PageHeading>
      <FormErrors />
      <SlipSummary counts={counts} />
      {manages ? (
        <div className="no-print mb-4 flex flex-wrap gap-3">
          {/* A full page load: the check-in page's camera and WebAssembly permissions come with its document. */}
          <Link to={`/bookings/${booking.id}/checkin`} className="btn" reloadDocument>
            {t("checkin.link")}
          </Link>
          <SlipAction intent="remind" label="slips.teacher.remind" />
          <SlipAction intent="print" label="slips.teacher.print" />
          <SlipAction intent="setCount" label="slips.teacher.setCount" />
        </div>
      ) : null}
      {slips.length === 0 ? (
        <p className="card">{t("slips.teacher.none")}</p>
      ) : (
        <SlipTable slips={slips} manages={manages} notesShown={notesShown} hiddenLabel={t("slips.teacher.medicalOnVisitDay")} />
      )}
    </div>
  );
}
