// The security event log (ASVS 16): log-ins, failed log-ins, throttling, role and membership changes, password
// changes and resets, certificate revocations, staff overrides… who, what, when, from where. Written in the same
// transaction as the change it records, so an event exists exactly when the change does. Never holds secrets.
import type { DB } from "./db.server";

/** Who acts and from where; routes build it from the signed-in user and the request's client address. */
export interface Actor {
  userId: number | null;
  ip: string;
}

export type AuditAction =
  | "auth.login"
  | "auth.loginFailed"
  | "auth.throttled"
  | "auth.accessDenied"
  | "auth.logout"
  | "auth.signup"
  | "auth.passwordChanged"
  | "auth.passwordReset"
  | "auth.passwordResetRequested"
  | "auth.emailChangeRequested"
  | "auth.emailChanged"
  | "auth.emailVerified"
  | "auth.twoFactorEnabled"
  | "auth.twoFactorDisabled"
  | "auth.twoFactorFailed"
  | "auth.recoveryCodeUsed"
  | "auth.feedTokenRotated"
  | "user.roleChanged"
  | "school.membershipDecided"
  | "school.membershipRevoked"
  | "class.memberInvited"
  | "class.invitationAnswered"
  | "class.memberRemoved"
  | "class.accountPasswordReset"
  | "class.accountsCreated"
  | "certificate.issued"
  | "certificate.revoked"
  | "certificate.reissued"
  | "certificate.keyRotated"
  | "certificate.keyWithdrawn"
  | "staff.override"
  | "guardian.invited"
  | "guardian.linked"
  | "guardian.removed"
  | "guardian.consentGiven"
  | "guardian.consentWithdrawn"
  | "slip.signed"
  | "slip.voided"
  | "slip.checkIn"
  | "card.replaced"
  | "lab.bookingOverride"
  | "centre.settingsChanged";

export interface AuditInput {
  actor: Actor;
  action: AuditAction;
  subject?: { type: string; id: string | number };
  details?: Record<string, string | number | boolean | null>;
  now: string;
}

export async function recordAudit(db: DB, input: AuditInput): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      occurred_at: input.now,
      actor_id: input.actor.userId,
      action: input.action,
      subject_type: input.subject?.type ?? null,
      subject_id: input.subject ? String(input.subject.id) : null,
      ip: input.actor.ip.slice(0, 64),
      details: JSON.stringify(input.details ?? {}),
    })
    .execute();
}
