// Renders an outbox row's attachment references into files when the message is sent, with the same builders the
// pages use: the registration's .ics (`registrationCalendar`, as /schedule/:id.ics — only for the recipient's own
// registration) and the certificate PDF (`renderCertificatesPdf`, as /certificates/:id.pdf). A reference whose
// subject is gone renders nothing; the message still goes out.
import { renderCertificatesPdf } from "~/certificates/pdf.server";
import { getCertificateByCode } from "~/certificates/queries.server";
import type { DB } from "~/lib/db.server";
import { registrationCalendar } from "~/workshops/schedule.server";
import { attachmentInfo, parseAttachments } from "./attachments";

export interface RenderedAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export async function renderAttachments(
  db: DB,
  row: { attachments: string | null; to_user_id: number | null },
  origin: string,
): Promise<RenderedAttachment[]> {
  const out: RenderedAttachment[] = [];
  for (const ref of parseAttachments(row.attachments)) {
    const info = attachmentInfo(ref);
    if (ref.kind === "registrationIcs") {
      if (row.to_user_id === null) continue;
      const body = await registrationCalendar(db, { userId: row.to_user_id, registrationId: ref.registrationId, origin });
      if (body !== null) out.push({ ...info, content: Buffer.from(body, "utf8") });
    } else {
      const cert = await getCertificateByCode(db, ref.code);
      if (cert && (row.to_user_id === null || cert.user_id === row.to_user_id)) {
        out.push({ ...info, content: Buffer.from(await renderCertificatesPdf([cert], origin)) });
      }
    }
  }
  return out;
}
