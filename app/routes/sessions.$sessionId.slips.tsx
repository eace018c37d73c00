// /sessions/:sessionId/slips: the permission slips of a workshop session whose program asks for them — who signed
// yes, declined, has not answered, or has no data consent. Staff see every confirmed student (medical notes only on
// a day the session meets); teachers of a class registered for the session see their class's students registered
// through the class (medical notes always) and print single-use signing links for families without an account.
// Anyone else: 403 (teachers, coordinators, students, guardians) or 404 (no such session).
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { isStaff } from "~/auth/roles";
import { qrDataUrl } from "~/certificates/qr.server";
import { FormErrors } from "~/components/forms";
import { SlipAction, SlipLinks, SlipSummary, SlipTable } from "~/components/guardians/SlipList";
import { PageHeading } from "~/components/layout";
import { sessionHeading, sessionSlipsAccess } from "~/guardians/session-slips.server";
import { loadSlipList, printSlipLinks } from "~/guardians/slips.server";
import { sessionSlipsSchema } from "~/guardians/schemas";
import { titleMeta } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { siteOrigin } from "~/lib/env.server";
import { formFailure, parseForm, parseParamOr404 } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { forbidden, notFound } from "~/lib/http.server";
import { idSchema } from "~/lib/schemas";
import { nowIso } from "~/lib/time";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "slips.teacher.link");
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

async function requireSessionSlips(request: Request, params: { sessionId?: string }) {
  const user = await requireUser(request);
  const staff = isStaff(user);
  if (!staff && user.role !== "teacher") throw forbidden();
  const sessionId = parseParamOr404(idSchema, params.sessionId);
  const access = await sessionSlipsAccess(db, { sessionId, userId: user.id, staff, now: nowIso() });
  if (!access) {
    // Staff asking for a session that does not exist: 404; a teacher without a class on it: 403, whether or not it exists.
    if (staff) throw notFound();
    throw forbidden();
  }
  return { user, access, subject: { sessionId, studentIds: access.studentIds } };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, access, subject } = await requireSessionSlips(request, params);
  const session = sessionHeading(access.session, user.locale);
  const list = await loadSlipList(db, { subject, seesMedical: access.notesShown });
  return { session: { id: subject.sessionId, ...session }, staff: isStaff(user), notesShown: access.notesShown, ...list };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { subject } = await requireSessionSlips(request, params);
  const form = await parseForm(request, sessionSlipsSchema);
  if (!form.ok) return formFailure(form.submission);
  const links = await printSlipLinks(db, { subject, now: nowIso() });
  const origin = siteOrigin(request);
  return data({ links: await Promise.all(links.map(async (l) => ({ studentName: l.studentName, url: `${origin}/slips/${l.token}`, qr: await qrDataUrl(`${origin}/slips/${l.token}`) }))) });
}

export default function SessionSlips() {
  const t = useT();
  const f = useFormat();
  const { session, notesShown, slips, counts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const links = result && "links" in result ? result.links : null;
  if (links) return <SlipLinks links={links} visit={`${session.title} · ${f.dateTime(session.startsAt)}`} lead={t("slips.teacher.sessionLinksLead")} />;
  return (
    <div>
      <PageHeading lead={t("slips.teacher.lead", { title: `${session.room}`, date: f.dateTime(session.startsAt) })}>{t("slips.teacher.sessionTitle", { title: session.title })}</PageHeading>
      <FormErrors />
      {session.required ? null : <p className="card mb-4">{t("slips.teacher.notRequired")}</p>}
      <SlipSummary counts={counts} />
      {counts.pending > 0 ? (
        <div className="no-print mb-4 flex flex-wrap gap-3">
          <SlipAction intent="print" label="slips.teacher.print" />
        </div>
      ) : null}
      {slips.length === 0 ? (
        <p className="card">{t("slips.teacher.sessionNone")}</p>
      ) : (
        <SlipTable slips={slips} manages notesShown={notesShown} hiddenLabel={t("slips.teacher.medicalOnSessionDay")} />
      )}
    </div>
  );
}
