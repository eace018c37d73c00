import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { loadClassProgress } from "~/classes/progress.server";
import { classIdParamSchema } from "~/classes/schemas";
import { ClassHeader } from "~/components/classes/ClassNav";
import { ProgressCell } from "~/components/classes/ProgressCell";
import { resolveLocale } from "~/i18n/locale.server";
import { useFormat, useT } from "~/i18n/react";
import { requireClassAccess } from "~/lib/class-guard.server";
import { db } from "~/lib/db.server";
import { parseParamOr404 } from "~/lib/forms.server";
import { ensureFound } from "~/lib/http.server";

// One student seen through one class: only that class's courses and sessions, nothing else they do.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, cls, canManage } = await requireClassAccess(request, params, "view");
  const studentId = parseParamOr404(classIdParamSchema, params.studentId);
  const { columns, rows } = await loadClassProgress(db, { classId: cls.id, locale: await resolveLocale(request, user), onlyStudentId: studentId });
  // Not a member of this class: nothing of theirs to show here.
  return { cls, canManage, columns, row: ensureFound(rows[0]) };
}

export default function ClassStudent() {
  const t = useT();
  const f = useFormat();
  const { cls, canManage, columns, row } = useLoaderData<typeof loader>();
  const items = columns.map((c, i) => ({ c, cell: row.cells[i] }));
  return (
    <div>
      <ClassHeader cls={cls} canManage={canManage} />
      <h2>{t("classes.student.title", { name: row.fullName, className: cls.name })}</h2>
      <p className="mb-4 text-sm text-slate-700">{t("classes.student.lead")}</p>
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="student-courses" className="card">
          <h3 id="student-courses" className="mb-2">
            {t("classes.student.courses")}
          </h3>
          <ul className="space-y-3">
            {items.filter((x) => x.c.kind === "course").map(({ c, cell }) => (
              <li key={c.id}>
                <p className="font-semibold">{c.title}</p>
                <ProgressCell cell={cell} />
                {cell.kind === "course" && cell.lastActivityAt ? <p className="text-sm text-slate-700">{t("classes.student.lastActivity", { date: f.dateTime(cell.lastActivityAt) })}</p> : null}
                {cell.kind === "course" && cell.completedAt ? <p className="text-sm text-slate-700">{t("classes.student.completedAt", { date: f.date(cell.completedAt) })}</p> : null}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="student-sessions" className="card">
          <h3 id="student-sessions" className="mb-2">
            {t("classes.student.sessions")}
          </h3>
          <ul className="space-y-3">
            {items.filter((x) => x.c.kind !== "course").map(({ c, cell }) => (
              <li key={`${c.kind}-${c.id}`}>
                <p className="font-semibold">
                  {c.title} {"startsAt" in c ? <span className="font-normal">· {f.dateTime(c.startsAt)}</span> : null}
                </p>
                <ProgressCell cell={cell} />
              </li>
            ))}
          </ul>
        </section>
      </div>
      <p className="mt-6">
        <Link to={`/classes/${cls.id}/progress`}>{t("classes.student.back")}</Link>
      </p>
    </div>
  );
}
