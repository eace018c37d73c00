// The messages stem-hub sends. Each template's words live in the catalogue (app/i18n/messages/mail.ts) as
// mail.<template>.subject / .body (paragraphs separated by a blank line) / .action (the button), so every message
// exists in Vietnamese and English; the stored parameters say what to fill in and where the button leads.
export const MAIL_TEMPLATES = {
  // Account security: always sent, whatever the person's preferences.
  verifyEmail: { optional: false },
  passwordReset: { optional: false },
  passwordChanged: { optional: false },
  // Confirmations and reminders: switched off on /account (preferences) and by the unsubscribe link.
  registrationConfirmed: { optional: true },
  registrationWaitlisted: { optional: true },
  waitlistPromoted: { optional: true },
  sessionReminder: { optional: true },
  sessionCancelled: { optional: true },
  tourConfirmed: { optional: true },
  tourMoved: { optional: true },
  tourCancelled: { optional: true },
  tourDeclined: { optional: true },
  tourReminder: { optional: true },
  tourRequested: { optional: true },
  classInvitation: { optional: true },
  // Sent to an address that may have no account yet, at the student's request: always sent.
  guardianInvitation: { optional: false },
  // To the student when a guardian links to their account (account security: always sent).
  guardianLinked: { optional: false },
  slipReminder: { optional: true },
  certificateIssued: { optional: true },
  // Staff and admin: the daily digest, switched by its own preference (users.mail_digest) and unsubscribe link.
  staffDigest: { optional: true, list: "digest" },
  // Changing the address: the link to the new address, the notice to the old one (account security).
  emailChangeVerify: { optional: false },
  emailChangeRequested: { optional: false },
  emailChanged: { optional: false },
} as const satisfies Record<string, { optional: boolean; list?: "digest" }>;

export type MailTemplate = keyof typeof MAIL_TEMPLATES;

export function isMailTemplate(value: string): value is MailTemplate {
  return Object.prototype.hasOwnProperty.call(MAIL_TEMPLATES, value);
}

export function isOptionalTemplate(template: MailTemplate): boolean {
  return MAIL_TEMPLATES[template].optional;
}

/** Which switch an optional template obeys: the general one (users.mail_optional) or the digest's (mail_digest). */
export type MailList = "optional" | "digest";
export function listOf(template: MailTemplate): MailList {
  const t = MAIL_TEMPLATES[template] as { optional: boolean; list?: "digest" };
  return t.list ?? "optional";
}
