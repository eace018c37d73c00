// The slips of a tour booking or a workshop session, for teachers and staff: the counts line, the table (phones,
// medical notes when shown) and the printable signing links with QR codes. Shared by /bookings/:id/slips and
// /sessions/:id/slips.
import { Form } from "@remix-run/react";
import type { SlipRow } from "~/guardians/views";
import type { MessageKey } from "~/i18n";
import { useFormat, useT } from "~/i18n/react";

/** One of the slips page's one-button forms (remind, print the links, set the count). */
export function SlipAction({ intent, label }: { intent: string; label: MessageKey }) {
  const t = useT();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className="btn-secondary">
        {t(label)}
      </button>
    </Form>
  );
}

export function SlipSummary({ counts }: { counts: { yes: number; no: number; pending: number; noConsent: number } }) {
  const t = useT();
  return (
    <p className="mb-4 font-semibold" data-testid="slip-summary">
      {t("slips.teacher.summary", counts)}
    </p>
  );
}

/** `manages`: the medical column is shown; `notesShown`: its notes, else `hiddenLabel` ("shown on the day"). */
export function SlipTable({ slips, manages, notesShown, hiddenLabel }: { slips: Omit<SlipRow, "id">[]; manages: boolean; notesShown: boolean; hiddenLabel: string }) {
  const t = useT();
  const f = useFormat();
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead>
          <tr>
            <th scope="col">{t("slips.teacher.student")}</th>
            <th scope="col">{t("slips.teacher.status")}</th>
            <th scope="col">{t("slips.teacher.signedBy")}</th>
            <th scope="col">{t("slips.teacher.phone")}</th>
            {manages ? <th scope="col">{t("slips.teacher.medical")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {slips.map((s) => (
            <tr key={s.studentId} data-testid="slip-row">
              <td>
                {s.studentName}
                <br />
                <span className="text-xs text-slate-700">{t("slips.teacher.guardians", { count: s.guardians })}</span>
              </td>
              <td>
                <strong>{s.status === "noConsent" ? t("slips.teacher.noConsent") : t(`slips.status.${s.status}`)}</strong>
              </td>
              <td>{s.signedName ? `${s.signedName} · ${f.dateTime(s.signedAt ?? "")}` : "—"}</td>
              <td>{s.emergencyPhone ?? "—"}</td>
              {manages ? <td className="whitespace-pre-line">{notesShown ? (s.medicalNote ?? "—") : <em>{hiddenLabel}</em>}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The printed signing links: one card per student with the visit, a QR code and the address. */
export function SlipLinks({ links, visit, lead }: { links: { studentName: string; url: string; qr: string }[]; visit: string; lead: string }) {
  const t = useT();
  return (
    <div>
      <h1 className="no-print mb-2">{t("slips.teacher.linksTitle")}</h1>
      <p className="no-print mb-4">{lead}</p>
      <ul className="grid gap-4 sm:grid-cols-2">
        {links.map((l) => (
          <li key={l.url} className="card break-inside-avoid" data-testid="slip-link">
            <p className="font-semibold">{t("slips.for", { name: l.studentName })}</p>
            <p>{visit}</p>
            <img src={l.qr} alt={t("guardians.code.qrAlt")} width={160} height={160} />
            <p className="break-all font-mono text-xs">{l.url}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
