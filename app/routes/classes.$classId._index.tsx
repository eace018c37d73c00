import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { CLASS_PAGE_NEEDS } from "~/classes/access.server";
import {
  addCoTeacher,
  disableJoinCode,
  loadClassOverview,
  regenerateJoinCode,
  removeCoTeacher,
  setClassArchived,
  updateClass,
} from "~/classes/classes.server";
import { coTeacherRefusals } from "~/classes/refusals";
import { classPageSchema } from "~/classes/schemas";
import { ClassHeader } from "~/components/classes/ClassNav";
import { FormErrors, TextField } from "~/components/forms";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { requireClassAccess } from "~/lib/class-guard.server";
import { isStaff } from "~/lib/guards.server";
import { db } from "~/lib/db.server";
import { siteOrigin } from "~/lib/env.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { nowIso } from "~/lib/time";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, cls, canManage, isOwner } = await requireClassAccess(request, params, "view");
  const overview = await loadClassOverview(db, { classId: cls.id, locale: await resolveLocale(request, user) });
  return { cls, canManage, isOwner, staff: isStaff(user), ...overview, site: siteOrigin(request) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await parseForm(request, classPageSchema);
  // One check, for what the form needs: the details, the archive and the co-teachers are the owner's.
  const { cls } = await requireClassAccess(request, params, form.ok ? CLASS_PAGE_NEEDS[form.value.intent] : "manage");
  if (!form.ok) return formFailure(form.submission);
  const v = form.value;
  const now = nowIso();
  const back = (notice: "saved" | "archived" | "restored" | "codeRegenerated" | "codeDisabled" | "coTeacherAdded" | "coTeacherRemoved") =>
    redirect(`/classes/${cls.id}?notice=notice.classes.${notice}`);
  switch (v.intent) {
    case "update":
      await updateClass(db, cls.id, { ...v, now });
      return back("saved");
    case "archive":
      await setClassArchived(db, cls.id, { archived: true, now });
      return back("archived");
    case "restore":
      await setClassArchived(db, cls.id, { archived: false, now });
      return back("restored");
    case "regenerateCode":
      await regenerateJoinCode(db, cls.id, now);
      return back("codeRegenerated");
    case "disableCode":
      await disableJoinCode(db, cls.id, now);
      return back("codeDisabled");
    case "addCoTeacher": {
      const r = await addCoTeacher(db, { classId: cls.id, schoolId: cls.schoolId, email: v.email, now });
      if (!r.ok) return refusalReply(form.submission, r, coTeacherRefusals);
      return back("coTeacherAdded");
    }
    case "removeCoTeacher":
      await removeCoTeacher(db, cls.id, v.teacherId);
      return back("coTeacherRemoved");
  }
}

export default function ClassOverview() {
  const t = useT();
  const { cls, canManage, isOwner, staff, teachers, certificates, site } = useLoaderData<typeof loader>();
  const joinLink = cls.joinCode ? `${site}/join/${cls.joinCode}` : null;
  return (
    <div>
      <ClassHeader cls={cls} canManage={canManage} staff={staff} />
      <FormErrors />
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="join-code" className="card">
          <h2 id="join-code" className="mb-3">
            {t("classes.joinCode.heading")}
          </h2>
          {cls.archivedAt ? (
            <p>{t("classes.joinCode.archived")}</p>
          ) : joinLink ? (
            <>
              <p className="font-mono text-4xl font-semibold tracking-widest" data-testid="join-code">
                {cls.joinCode}
              </p>
              <p className="mt-2">{t("classes.joinCode.lead", { url: `${site}/join` })}</p>
              <p className="mt-1 break-all">
                <span className="font-semibold">{t("classes.joinCode.link")}: </span>
                <a href={joinLink}>{joinLink}</a>
              </p>
            </>
          ) : (
            <p>{t("classes.joinCode.off")}</p>
          )}
          {canManage && !cls.archivedAt ? (
            <div className="mt-4 flex flex-wrap gap-3">
              <Form method="post">
                <input type="hidden" name="intent" value="regenerateCode" />
                <button type="submit" className="btn-secondary">
                  {joinLink ? t("classes.joinCode.regenerate") : t("classes.joinCode.enable")}
                </button>
              </Form>
              {joinLink ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="disableCode" />
                  <button type="submit" className="btn-secondary">
                    {t("classes.joinCode.disable")}
                  </button>
                </Form>
              ) : null}
            </div>
          ) : null}
        </section>

        {certificates.length ? (
          <section aria-labelledby="class-certificates" className="card">
            <h2 id="class-certificates" className="mb-3">
              {t("classes.certificates.heading")}
            </h2>
            <ul className="space-y-2">
              {certificates.map((c) => (
                <li key={c.programId}>
                  <a href={`/classes/${cls.id}/certificates.pdf?program=${c.programId}`}>
                    {t("classes.certificates.download", { title: c.title, count: c.count })}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section aria-labelledby="teachers" className="card">
          <h2 id="teachers" className="mb-3">
            {t("classes.teachers.heading")}
          </h2>
          <ul className="space-y-2">
            {teachers.map((tc) => (
              <li key={tc.id} className="flex flex-wrap items-center gap-2">
                <span>{tc.fullName}</span>
                <span className="badge badge-neutral">{tc.role === "owner" ? t("classes.teachers.owner") : t("classes.teachers.coTeacher")}</span>
                {isOwner && tc.role === "co_teacher" ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="removeCoTeacher" />
                    <input type="hidden" name="teacherId" value={tc.id} />
                    <button type="submit" className="btn-link" aria-label={t("classes.teachers.removeLabel", { name: tc.fullName })}>
                      {t("classes.teachers.remove")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
          {isOwner ? (
            <Form method="post" className="mt-4" noValidate>
              <input type="hidden" name="intent" value="addCoTeacher" />
              <TextField name="email" type="email" label={t("classes.teachers.email")} autoComplete="off" required />
              <button type="submit" className="btn-secondary">
                {t("classes.teachers.add")}
              </button>
            </Form>
          ) : null}
        </section>

        {isOwner ? (
          <section aria-labelledby="details" className="card">
            <h2 id="details" className="mb-3">
              {t("classes.details.heading")}
            </h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="update" />
              <TextField name="name" label={t("classes.form.name")} defaultValue={cls.name} required maxLength={80} />
              <TextField name="grade" type="number" inputMode="numeric" min={1} max={12} label={t("classes.form.grade")} defaultValue={cls.grade ?? ""} />
              <TextField name="schoolYear" label={t("classes.form.schoolYear")} defaultValue={cls.schoolYear} required />
              <button type="submit" className="btn">
                {t("classes.form.save")}
              </button>
            </Form>
          </section>
        ) : null}

        {isOwner ? (
          <section aria-labelledby="archive" className="card">
            <h2 id="archive" className="mb-3">
              {t("classes.archive.heading")}
            </h2>
            <p className="mb-3">{t("classes.archive.hint")}</p>
            <Form method="post">
              <input type="hidden" name="intent" value={cls.archivedAt ? "restore" : "archive"} />
              <button type="submit" className={cls.archivedAt ? "btn" : "btn-danger"}>
                {cls.archivedAt ? t("classes.archive.restore") : t("classes.archive.submit")}
              </button>
            </Form>
          </section>
        ) : null}
      </div>
    </div>
  );
}
