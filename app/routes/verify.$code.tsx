import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { didForOrigin } from "~/certificates/issuer-keys.server";
import { checkedCertificate } from "~/certificates/openbadges.server";
import { verificationUrl } from "~/certificates/urls.server";
import { lookUpForVerification, verificationView, VERIFY_LIMIT } from "~/certificates/verify.server";
import { VerificationResult } from "~/components/certificates/VerificationResult";
import { resolveLocale } from "~/i18n/locale.server";
import { titleMeta } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { siteOrigin } from "~/lib/env.server";
import { getOptionalUser } from "~/lib/guards.server";
import { ensureFound, tooManyRequests } from "~/lib/http.server";
import { nowIso } from "~/lib/time";

export const meta: MetaFunction = ({ matches }) => [...titleMeta(matches, "verify.title"), { name: "robots", content: "noindex" }];

// Public: no login. Unknown and malformed codes get the same 404; look-ups are throttled per IP.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const code = params.code ?? "";
  const now = nowIso();
  const found = await lookUpForVerification(db, { code, clientIp: context.clientIp, now });
  if (!found.ok) throw tooManyRequests(VERIFY_LIMIT.windowMs / 1000);
  const c = ensureFound(found.value);
  const locale = await resolveLocale(request, await getOptionalUser(request));
  const origin = siteOrigin(request);
  // The signed credential checked with the standard verifier (signature, then the signed status list).
  const check = await checkedCertificate(db, c, { origin, verifyUrl: verificationUrl(origin, c.code), now });
  const checks = { signature: check.signature, status: check.status, issuer: didForOrigin(origin) };
  return data({ certificate: verificationView(c, locale), code, checks }, { headers: { "Cache-Control": "no-store" } });
}

export default function VerifyPage() {
  const { certificate, code, checks } = useLoaderData<typeof loader>();
  return <VerificationResult c={certificate} checks={checks} jsonHref={`/verify/${code}.json`} />;
}

export function ErrorBoundary() {
  const t = useT();
  const error = useRouteError();
  const throttled = isRouteErrorResponse(error) && error.status === 429;
  return (
    <section aria-labelledby="verify-error" className="card mx-auto max-w-xl">
      <p className="text-sm font-semibold text-slate-600">{throttled ? 429 : 404}</p>
      <h1 id="verify-error">{throttled ? t("error.tooMany.title") : t("verify.notFound.title")}</h1>
      <p className="mt-2">{throttled ? t("verify.throttled") : t("verify.notFound.text")}</p>
      <p className="mt-4">
        <Link to="/">{t("error.goHome")}</Link>
      </p>
    </section>
  );
}
