// /guardian/slips/:id: a guardian answers their child's permission slip (another family's slip is a 404).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getCentre } from "~/centre/centre.server";
import { SlipPage } from "~/components/guardians/SlipPage";
import { loadSlip, signSlip } from "~/guardians/slips.server";
import { signRefusals } from "~/guardians/refusals";
import { signSlipSchema } from "~/guardians/schemas";
import { titleMeta } from "~/i18n/meta";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, parseParamOr404, refusalReply } from "~/lib/forms.server";
import { requireRole } from "~/lib/guards.server";
import { ensureFound, notFound } from "~/lib/http.server";
import { idSchema } from "~/lib/schemas";
import { nowIso } from "~/lib/time";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "slips.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "guardian");
  const slipId = parseParamOr404(idSchema, params.id);
  const slip = ensureFound(await loadSlip(db, { who: { kind: "guardian", guardianId: user.id, slipId }, locale: user.locale, now: nowIso() }));
  return { slip, centreAddress: (await getCentre(db, user.locale)).address };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, "guardian");
  const slipId = parseParamOr404(idSchema, params.id);
  const form = await parseForm(request, signSlipSchema);
  if (!form.ok) return formFailure(form.submission);
  const r = await signSlip(db, { who: { kind: "guardian", guardianId: user.id, slipId }, ...form.value, ip: context?.clientIp ?? "unknown", now: nowIso() });
  if (!r.ok) {
    if (r.reason === "notFound") throw notFound();
    return refusalReply(form.submission, r, signRefusals);
  }
  throw redirect(`/guardian/slips/${slipId}?notice=notice.slips.signed`);
}

export default function GuardianSlip() {
  const { slip, centreAddress } = useLoaderData<typeof loader>();
  return <SlipPage slip={slip} centreAddress={centreAddress} canAnswer />;
}
