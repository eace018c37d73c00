import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/lib/guards.server";
import { endAllSessions, startSession } from "~/auth/lucia.server";
import { passwordChangeRefusals } from "~/auth/refusals";
import { passwordChangeSchema, profileSchema } from "~/auth/schemas";
import { changePassword, getAccount, updateProfile } from "~/auth/users.server";
import { FormErrors, GradeFields, Notice, SelectField, TextField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { useT } from "~/i18n/react";
import { localeCookie } from "~/i18n/locale.server";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { ensureFound } from "~/lib/http.server";
import { nowIso } from "~/lib/time";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { account: ensureFound(await getAccount(db, user.id)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await parseForm(request, z.discriminatedUnion("intent", [profileSchema, passwordChangeSchema]));
  if (!form.ok) return formFailure(form.submission);
  if (form.value.intent === "profile") {
    const { grade, birthYear, ...rest } = form.value;
    // Only students have a grade and birth year (they decide workshop eligibility); empty clears them.
    const student = user.role === "student" ? { grade: grade ?? null, birthYear: birthYear ?? null } : {};
    await updateProfile(db, user.id, { ...rest, ...student, now: nowIso() });
    return data(
      { done: "account.profile.saved" as const },
      { headers: { "Set-Cookie": await localeCookie.serialize(form.value.locale) } },
    );
  }
  const changed = await changePassword(db, user.id, { ...form.value, ip: context?.clientIp ?? "unknown", now: nowIso() });
  if (!changed.ok) return refusalReply(form.submission, changed, passwordChangeRefusals);
  // Every other session (a lost phone, a shared computer) ends; this one gets a fresh id.
  await endAllSessions(user.id);
  return data({ done: "account.password.changed" as const }, { headers: { "Set-Cookie": await startSession(user.id) } });
}

export default function Account() {
  const t = useT();
  const { account } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const done = result && "done" in result ? result.done : null;
  return (
    <div className="mx-auto max-w-xl space-y-8">
      <PageHeading>{t("account.title")}</PageHeading>
      {done ? <Notice>{t(done)}</Notice> : null}
      <p>
        <Link to="/account/email">{t("mailPrefs.link")}</Link>
        {account.role === "student" ? (
          <>
            {" · "}
            <Link to="/account/guardians">{t("nav.accountGuardians")}</Link>
          </>
        ) : null}
      </p>
      <section aria-labelledby="profile" className="card">
        <h2 id="profile" className="mb-4">
          {t("account.profile.heading")}
        </h2>
        <dl className="mb-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {account.email ? (
            <>
              <dt className="font-semibold">{t("auth.signup.email")}</dt>
              <dd>{account.email}</dd>
            </>
          ) : null}
          {account.username ? (
            <>
              <dt className="font-semibold">{t("account.username")}</dt>
              <dd>{account.username}</dd>
            </>
          ) : null}
          <dt className="font-semibold">{t("account.role")}</dt>
          <dd>{t(`role.${account.role}`)}</dd>
        </dl>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="profile" />
          <TextField name="fullName" label={t("auth.signup.fullName")} defaultValue={account.fullName} required />
          {account.role === "student" ? (
            <div id="profile-grade">
              <GradeFields grade={account.grade} birthYear={account.birthYear} />
            </div>
          ) : null}
          <SelectField
            name="locale"
            label={t("auth.signup.locale")}
            defaultValue={account.locale}
            options={[
              { value: "vi", label: t("locale.vi") },
              { value: "en", label: t("locale.en") },
            ]}
          />
          <button type="submit" className="btn">
            {t("account.profile.save")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="password" className="card">
        <h2 id="password" className="mb-4">
          {t("account.password.heading")}
        </h2>
        <Form method="post" noValidate>
          <FormErrors />
          <input type="hidden" name="intent" value="password" />
          <TextField name="currentPassword" type="password" label={t("account.password.current")} autoComplete="current-password" required />
          <TextField
            name="newPassword"
            type="password"
            label={t("account.password.new")}
            hint={t("auth.signup.passwordHint")}
            autoComplete="new-password"
            required
          />
          <button type="submit" className="btn">
            {t("account.password.submit")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="two-factor" className="card">
        <h2 id="two-factor" className="mb-2">
          {t("twoFactor.title")}
        </h2>
        <p className="mb-2">{t("twoFactor.lead")}</p>
        <Link to="/account/two-factor">{t("twoFactor.manage")}</Link>
      </section>
    </div>
  );
}
