// The second step of signing in: a code from the authenticator app or a recovery code. No session exists until
// the code is right; the half-signed-in state is the challenge cookie (five minutes, throttled per account).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { z } from "zod";
import { recordLogin } from "~/auth/login.server";
import { startSession } from "~/auth/lucia.server";
import { twoFactorChallengeRefusals } from "~/auth/refusals";
import { completeLoginChallenge, findLoginChallenge } from "~/auth/two-factor.server";
import { FormErrors, TextField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { titleMeta } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { challengeCookie, readChallengeToken } from "~/lib/two-factor-cookie.server";
import { nowIso } from "~/lib/time";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "twoFactor.login.title");

const codeSchema = z.object({
  code: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(40, { error: "validation.invalid" }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await findLoginChallenge(db, await readChallengeToken(request), nowIso()))) throw redirect("/login");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, codeSchema);
  if (!form.ok) return formFailure(form.submission);
  const ip = context?.clientIp ?? "unknown";
  const now = nowIso();
  const r = await completeLoginChallenge(db, { token: await readChallengeToken(request), code: form.value.code, ip, now });
  if (!r.ok) return refusalReply(form.submission, r, twoFactorChallengeRefusals);
  await recordLogin(db, { userId: r.value.userId, ip, method: r.value.method, now });
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(r.value.userId));
  headers.append("Set-Cookie", await challengeCookie.serialize("", { maxAge: 0 }));
  return redirect(r.value.redirectTo, { headers });
}

export default function LoginTwoFactor() {
  const t = useT();
  return (
    <div className="mx-auto max-w-md">
      <PageHeading lead={t("twoFactor.login.lead")}>{t("twoFactor.login.title")}</PageHeading>
      <Form method="post" className="card" noValidate>
        <FormErrors />
        <TextField name="code" label={t("twoFactor.login.code")} autoComplete="one-time-code" inputMode="text" required autoFocus />
        <button type="submit" className="btn w-full">
          {t("twoFactor.login.submit")}
        </button>
      </Form>
      <p className="mt-4">
        <Link to="/login">{t("auth.login.title")}</Link>
      </p>
    </div>
  );
}
