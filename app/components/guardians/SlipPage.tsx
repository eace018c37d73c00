// A permission slip: what the child is going to, the answer given (shown back exactly), and the form to answer.
// Shared by the guardian's page (/guardian/slips/:id) and the printed single-use link (/slips/:token).
import { Form } from "@remix-run/react";
import { FormErrors, TextAreaField, TextField } from "~/components/forms";
import { PageHeading } from "~/components/layout";
import { useFormat, useT } from "~/i18n/react";

export interface SlipView {
  /** A tour booking's slip, or a workshop session's (no transport line; the place is the session's room). */
  kind: "tour" | "workshop";
  room: string | null;
  studentName: string;
  className: string | null;
  title: string;
  startsAt: string;
  endsAt: string;
  feeVnd: number;
  teacherNote: string;
  status: string;
  open: boolean;
  retentionDays: number;
  answer: { status: string; emergencyPhone: string | null; medicalNote: string | null; signedName: string | null; signedAt: string; signedIp: string | null } | null;
}

export function SlipPage({ slip, centreAddress, canAnswer }: { slip: SlipView; centreAddress: string; canAnswer: boolean }) {
  const t = useT();
  const f = useFormat();
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <PageHeading lead={t("slips.for", { name: slip.studentName })}>{t(slip.kind === "workshop" ? "slips.titleWorkshop" : "slips.title")}</PageHeading>
      <dl className="card grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
        <dt className="font-semibold">{t("slips.activity")}</dt>
        <dd>{slip.title}</dd>
        <dt className="font-semibold">{t("slips.when")}</dt>
        <dd>
          {f.dateTime(slip.startsAt)} – {f.time(slip.endsAt)}
        </dd>
        <dt className="font-semibold">{t("slips.where")}</dt>
        <dd>{slip.room ? t("slips.whereRoom", { room: slip.room, address: centreAddress || "—" }) : centreAddress || "—"}</dd>
        {slip.kind === "tour" ? (
          <>
            <dt className="font-semibold">{t("slips.transport")}</dt>
            <dd>{t("slips.transportText")}</dd>
          </>
        ) : null}
        <dt className="font-semibold">{t("slips.cost")}</dt>
        <dd>{slip.feeVnd > 0 ? f.money(slip.feeVnd) : t("slips.free")}</dd>
        {slip.teacherNote ? (
          <>
            <dt className="font-semibold">{t(slip.kind === "workshop" ? "slips.programNote" : "slips.teacherNote")}</dt>
            <dd className="whitespace-pre-line">{slip.teacherNote}</dd>
          </>
        ) : null}
      </dl>
      {slip.answer ? (
        <section className="card" data-testid="slip-answer">
          <p className="font-semibold">
            {t("slips.signed", { answer: t(`slips.status.${slip.answer.status === "no" ? "no" : "yes"}`), name: slip.answer.signedName ?? "", date: f.dateTime(slip.answer.signedAt), ip: slip.answer.signedIp ?? "" })}
          </p>
          {slip.answer.emergencyPhone ? <p>{t("slips.phoneShown", { phone: slip.answer.emergencyPhone })}</p> : null}
          {slip.answer.medicalNote ? <p>{t("slips.medicalShown", { note: slip.answer.medicalNote })}</p> : null}
        </section>
      ) : null}
      {!slip.open ? (
        <p className="card">{t("slips.closed")}</p>
      ) : canAnswer ? (
        <Form method="post" className="card" noValidate>
          <FormErrors />
          {slip.answer ? <p className="mb-3 text-sm text-slate-700">{t("slips.changeAnswer")}</p> : null}
          <fieldset className="field">
            <legend className="font-semibold">{t("slips.answer")}</legend>
            <label className="mr-6 inline-flex items-center gap-2">
              <input type="radio" name="answer" value="yes" defaultChecked={slip.answer?.status !== "no"} /> {t("slips.yes")}
            </label>
            <label className="inline-flex items-center gap-2">
              <input type="radio" name="answer" value="no" defaultChecked={slip.answer?.status === "no"} /> {t("slips.no")}
            </label>
          </fieldset>
          <TextField name="emergencyPhone" type="tel" label={t("slips.phone")} autoComplete="tel" required defaultValue={slip.answer?.emergencyPhone ?? ""} />
          <TextAreaField name="medicalNote" label={t("slips.medical")} hint={t("slips.medicalHint", { days: slip.retentionDays })} maxLength={500} rows={3} defaultValue={slip.answer?.medicalNote ?? ""} />
          <TextField name="signedName" label={t("slips.signedName")} autoComplete="name" required />
          <button type="submit" className="btn w-full">
            {t("slips.submit")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
