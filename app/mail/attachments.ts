// Attachments of an outbox message are stored as references (a registration, a certificate) and rendered when the
// message is sent, so rows stay small and the file shows the state at sending time. Pure: names and types only.
export type AttachmentRef =
  | { kind: "registrationIcs"; registrationId: number }
  | { kind: "certificatePdf"; code: string; serial: string };

export interface AttachmentInfo {
  filename: string;
  contentType: string;
}

export function attachmentInfo(ref: AttachmentRef): AttachmentInfo {
  if (ref.kind === "registrationIcs") return { filename: `workshop-${ref.registrationId}.ics`, contentType: "text/calendar; charset=utf-8" };
  return { filename: `certificate-${ref.serial.replace(/[^\w.-]/g, "_")}.pdf`, contentType: "application/pdf" };
}

/** The stored column (JSON array or null) read back; anything unrecognised is dropped. */
export function parseAttachments(stored: string | null): AttachmentRef[] {
  if (!stored) return [];
  try {
    const value = JSON.parse(stored) as unknown;
    if (!Array.isArray(value)) return [];
    return value.filter(
      (r): r is AttachmentRef =>
        (r?.kind === "registrationIcs" && Number.isInteger(r.registrationId)) ||
        (r?.kind === "certificatePdf" && typeof r.code === "string" && typeof r.serial === "string"),
    );
  } catch {
    return [];
  }
}
