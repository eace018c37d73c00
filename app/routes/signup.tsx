import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { getOptionalUser, safeRedirectPath } from "~/lib/guards.server";
import { startSession } from "~/auth/lucia.server";
import { signupRefusals } from "~/auth/refusals";
import { signupSchema } from "~/auth/schemas";
import { signUp } from "~/auth/signup.server";
import { FormErrors, GradeFields, SelectField, TextField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { useLocale, useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { nowIso } from "~/lib/time";
import { listApprovedSchools } from "~/schools/schools.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  return { schools: await listApprovedSchools(db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, signupSchema);
  if (!form.ok) return formFailure(form.submission);
  const { redirectTo, ...fields } = form.value;
  const created = await signUp(db, { ...fields, ip: context?.clientIp ?? "unknown", now: nowIso() });
  if (!created.ok) return refusalReply(form.submission, created, signupRefusals);
  const cookie = await startSession(created.value);
  // Back to where the visitor was (a workshop session, a join link), else the dashboard.
  return redirect(safeRedirectPath(redirectTo), { headers: { "Set-Cookie": cookie } });
}

export default function Signup() {
  const t = useT();
  const locale = useLocale();
  const { schools } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "";
  return (
    <div className="mx-auto max-w-md">
      <PageHeading>{t("auth.signup.title")}</PageHeading>
      <Form method="post" className="card" noValidate>
        <FormErrors />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField name="fullName" label={t("auth.signup.fullName")} autoComplete="name" required maxLength={120} />
        <TextField name="email" type="email" label={t("auth.signup.email")} autoComplete="email" required />
        <TextField
          name="password"
          type="password"
          label={t("auth.signup.password")}
          hint={t("auth.signup.passwordHint")}
          autoComplete="new-password"
          required
          minLength={10}
        />
        <SelectField
          name="role"
          label={t("auth.signup.role")}
          defaultValue="student"
          options={[
            { value: "student", label: t("role.student") },
            { value: "teacher", label: t("role.teacher") },
          ]}
        />
        {/* Students: grade and birth year decide which workshops they may join (teachers leave them empty). */}
        <GradeFields />
        <SelectField
          name="schoolId"
          label={t("auth.signup.school")}
          hint={t("auth.signup.schoolHint")}
          defaultValue=""
          options={[{ value: "", label: t("auth.signup.schoolNone") }, ...schools.map((s) => ({ value: String(s.id), label: s.name }))]}
        />
        <SelectField
          name="locale"
          label={t("auth.signup.locale")}
          defaultValue={locale}
          options={[
            { value: "vi", label: t("locale.vi") },
            { value: "en", label: t("locale.en") },
          ]}
        />
        <button type="submit" className="btn w-full" disabled={busy}>
          {t("auth.signup.submit")}
        </button>
      </Form>
      <p className="mt-4">
        {t("auth.signup.haveAccount")} <Link to={redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : "/login"}>{t("nav.login")}</Link>
      </p>
    </div>
  );
}
