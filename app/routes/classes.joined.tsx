import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/lib/guards.server";
import { listJoinedClasses, removeMember } from "~/classes/members.server";
import { leaveSchema } from "~/classes/schemas";
import { FormErrors } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { useT } from "~/i18n/react";
import { db } from "~/lib/db.server";
import { formFailure, parseForm } from "~/lib/forms.server";

// A student's own classes, and where they leave one (also reached from the dashboard panel).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "student");
  return { classes: await listJoinedClasses(db, user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "student");
  const form = await parseForm(request, leaveSchema);
  if (!form.ok) return formFailure(form.submission);
  // Scoped by the student's own id: nobody leaves on someone else's behalf. Leaving twice is harmless.
  await removeMember(db, { classId: form.value.classId, studentId: user.id });
  throw redirect("/classes/joined?notice=notice.classes.left");
}

export default function JoinedClasses() {
  const t = useT();
  const { classes } = useLoaderData<typeof loader>();
  // "Rời lớp" opens its confirm step in the class's card (?leave=<id>), so it works without JavaScript.
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  const leaving = Number(params.get("leave")) || null;
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeading>{t("classes.joined.title")}</PageHeading>
      <FormErrors />
      {classes.length === 0 ? <p className="card mb-4">{t("classes.joined.empty")}</p> : null}
      <ul className="mb-6 space-y-3">
        {classes.map((c) => (
          <li key={c.id} id={`class-${c.id}`} className="card flex flex-wrap items-center justify-between gap-3">
            <div>
              <p className="font-semibold">
                {c.name} {c.archivedAt ? <span className="badge badge-neutral">{t("classes.archivedBadge")}</span> : null}
              </p>
              <p className="text-sm text-slate-700">
                {c.schoolName} · {t("classes.joined.teacher", { name: c.teacherName })}
              </p>
            </div>
            {leaving === c.id ? (
              <div className="w-full space-y-2" data-testid="confirm-leave">
                <p className="font-semibold">{t("confirm.leave.title", { name: c.name })}</p>
                <p className="text-sm">{t("confirm.leave.next")}</p>
                <div className="flex flex-wrap gap-3">
                  <Form method="post" action={pathname}>
                    <input type="hidden" name="classId" value={c.id} />
                    <input type="hidden" name="confirm" value="yes" />
                    <button type="submit" className="btn-danger">
                      {t("confirm.leave.submit")}
                    </button>
                  </Form>
                  <Link to={pathname} className="btn-secondary" preventScrollReset>
                    {t("confirm.no")}
                  </Link>
                </div>
              </div>
            ) : (
              <Link
                to={`?leave=${c.id}#class-${c.id}`}
                className="btn-outline-danger"
                aria-label={t("classes.joined.leaveLabel", { name: c.name })}
                preventScrollReset
              >
                {t("classes.joined.leave")}
              </Link>
            )}
          </li>
        ))}
      </ul>
      <Link to="/join" className="btn">
        {t("classes.joined.join")}
      </Link>
    </div>
  );
}
