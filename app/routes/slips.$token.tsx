// /slips/:token: the single-use signing link a teacher printed (QR) for a family without a linked account. The
// token is kept out of the request log (server/redact.mjs) and referrers; once used, the page shows the answer in
// the POST's reply only and the link is dead.
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getCentre } from "~/centre/centre.server";
import { Notice } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { SlipPage } from "~/components/guardians/SlipPage";
import { loadSlip, signSlip } from "~/guardians/slips.server";
import { signRefusals } from "~/guardians/refusals";
import { signSlipSchema } from "~/guardians/schemas";
import { resolveLocale } from "~/i18n/locale.server";
import { titleMeta } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { getOptionalUser } from "~/lib/guards.server";
import { nowIso } from "~/lib/time";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "slips.title");
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = await resolveLocale(request, await getOptionalUser(request));
  const slip = await loadSlip(db, { who: { kind: "token", token: String(params.token ?? "") }, locale, now: nowIso() });
  return { slip, centreAddress: (await getCentre(db, locale)).address };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await parseForm(request, signSlipSchema);
  if (!form.ok) return formFailure(form.submission);
  const token = String(params.token ?? "");
  const locale = await resolveLocale(request, await getOptionalUser(request));
  const now = nowIso();
  // Read before signing: the token is used up by the signature.
  const before = await loadSlip(db, { who: { kind: "token", token }, locale, now });
  const r = await signSlip(db, { who: { kind: "token", token }, ...form.value, ip: context?.clientIp ?? "unknown", now });
  if (!r.ok) return refusalReply(form.submission, r, signRefusals);
  const answer = { status: form.value.answer, emergencyPhone: form.value.emergencyPhone, medicalNote: form.value.medicalNote || null, signedName: form.value.signedName, signedAt: now, signedIp: context?.clientIp ?? "unknown" };
  return data({ signed: before ? { ...before, status: form.value.answer, open: true, answer } : null });
}

export default function SlipByLink() {
  const t = useT();
  const { slip, centreAddress } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const signed = result && "signed" in result ? result.signed : null;
  if (signed) {
    return (
      <>
        <Notice>{t("notice.slips.signed")}</Notice>
        <SlipPage slip={signed} centreAddress={centreAddress} canAnswer={false} />
      </>
    );
  }
  if (!slip) {
    return (
      <div className="mx-auto max-w-xl">
        <PageHeading>{t("slips.title")}</PageHeading>
        <p className="card">{t("slips.dead")}</p>
      </div>
    );
  }
  return <SlipPage slip={slip} centreAddress={centreAddress} canAnswer />;
}
