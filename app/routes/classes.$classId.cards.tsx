// /classes/:classId/cards: a teacher of the class prints a card per student with the student's check-in QR code
// (an opaque card code, app/guardians/cards.server.ts: it identifies the student on a check-in page and grants
// nothing by itself), and replaces a lost card. Staff and other teachers: 403; no class: 404.
import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { qrDataUrl } from "~/certificates/qr.server";
import { ClassHeader } from "~/components/classes/ClassNav";
import { FormErrors } from "~/components/forms";
import { cardQrText, cardsForClass, replaceStudentCard } from "~/guardians/cards.server";
import { replaceCardRefusals } from "~/guardians/refusals";
import { studentCardsSchema } from "~/guardians/schemas";
import { titleMeta } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { requireClassAccess } from "~/lib/class-guard.server";
import { db } from "~/lib/db.server";
import { formFailure, parseForm, refusalReply } from "~/lib/forms.server";
import { nowIso } from "~/lib/time";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "classes.studentCards.title");
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store, private" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, cls, canManage } = await requireClassAccess(request, params, "manage");
  const cards = await cardsForClass(db, { classId: cls.id, actorId: user.id, now: nowIso() });
  return {
    cls,
    canManage,
    cards: await Promise.all(
      cards.map(async (c) => ({ studentId: c.studentId, fullName: c.fullName, printed: c.printed, qr: await qrDataUrl(cardQrText(c.code)) })),
    ),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, cls } = await requireClassAccess(request, params, "manage");
  const form = await parseForm(request, studentCardsSchema);
  if (!form.ok) return formFailure(form.submission);
  const r = await replaceStudentCard(db, {
    classId: cls.id,
    studentId: form.value.studentId,
    actor: { userId: user.id, ip: context?.clientIp ?? "unknown" },
    now: nowIso(),
  });
  if (!r.ok) return refusalReply(form.submission, r, replaceCardRefusals);
  throw redirect(`/classes/${cls.id}/cards?notice=notice.classes.cardReplaced#card-${form.value.studentId}`);
}

export default function StudentCards() {
  const t = useT();
  const { cls, canManage, cards } = useLoaderData<typeof loader>();
  return (
    <div>
      <ClassHeader cls={cls} canManage={canManage} />
      <div className="no-print mb-4">
        <h2 className="mb-2">{t("classes.studentCards.title")}</h2>
        <p className="mb-3 max-w-3xl text-sm text-slate-700">{t("classes.studentCards.lead")}</p>
        <FormErrors />
        {cards.length > 0 ? (
          <button type="button" className="btn" onClick={() => window.print()}>
            {t("classes.studentCards.print")}
          </button>
        ) : (
          <p className="card">{t("classes.studentCards.none")}</p>
        )}
      </div>
      <ul className="grid gap-4 sm:grid-cols-2 print:grid-cols-2" data-testid="student-cards">
        {cards.map((c) => (
          <li key={c.studentId} id={`card-${c.studentId}`} className="card break-inside-avoid border-2 border-dashed border-slate-400" data-testid="student-card">
            <p className="text-sm font-semibold text-accent">{t("classes.studentCards.heading")}</p>
            <div className="mt-2 flex items-center gap-4">
              <img src={c.qr} alt={t("classes.studentCards.qrAlt", { name: c.fullName })} width={128} height={128} />
              <div>
                <p className="font-semibold">{c.fullName}</p>
                <p className="text-sm">{cls.name}</p>
                <p className="mt-2 text-sm">{t("classes.studentCards.code")}</p>
                <p className="font-mono" data-testid="card-code">
                  {c.printed}
                </p>
              </div>
            </div>
            <Form method="post" className="no-print mt-3">
              <input type="hidden" name="intent" value="replace" />
              <input type="hidden" name="studentId" value={c.studentId} />
              <button type="submit" className="btn-secondary" aria-label={t("classes.studentCards.replaceLabel", { name: c.fullName })}>
                {t("classes.studentCards.replace")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  );
}
