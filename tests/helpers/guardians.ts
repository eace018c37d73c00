// Builders for the guardians tests: a guardian linked to a student through the capability's own invitation
// (the student invites by e-mail; the token is read from the outbox's secret, as the message would carry it).
import { acceptGuardianInvitation, inviteGuardianByEmail } from "~/guardians/links.server";
import type { DB } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { createTestUser } from "./factories";
import { sessionUserOf } from "./tours";

export async function linkedGuardian(db: DB, studentId: number, fullName?: string) {
  const g = await createTestUser({ role: "guardian", ...(fullName ? { fullName } : {}) }, db);
  const student = await sessionUserOf(db, studentId);
  const invited = await inviteGuardianByEmail(db, { student, email: g.email!, ip: "127.0.0.1", now: nowIso() });
  if (!invited.ok) throw new Error(`linkedGuardian: ${invited.reason}`);
  const mail = await db.selectFrom("email_outbox").select("secret").where("to_address", "=", g.email!).where("template", "=", "guardianInvitation").orderBy("id", "desc").executeTakeFirstOrThrow();
  const token = (JSON.parse(mail.secret!) as { token: string }).token;
  const linked = await acceptGuardianInvitation(db, { token, user: await sessionUserOf(db, g.id), ip: "127.0.0.1", now: nowIso() });
  if (!linked.ok) throw new Error(`linkedGuardian: ${linked.reason}`);
  return g;
}
