// Staff tasks: issue by hand (a learner found by email or username, a program), the program choices.
import type { DB } from "~/lib/db.server";
import { issueCertificate, type IssueResult } from "./issue.server";

export async function findUserByIdentifier(db: DB, identifier: string) {
  const id = identifier.trim().toLowerCase();
  return (
    (await db
      .selectFrom("users")
      .select(["id", "full_name"])
      .where((eb) => eb.or([eb("email", "=", id), eb("username", "=", id)]))
      .executeTakeFirst()) ?? null
  );
}

/** Programs staff may certify (drafts excluded: nobody can have taken them). */
export async function certifiablePrograms(db: DB) {
  return db
    .selectFrom("programs")
    .select(["id", "kind", "title_vi", "title_en"])
    .where("status", "in", ["published", "archived"])
    .orderBy("kind")
    .orderBy("title_vi")
    .execute();
}

export type ManualIssueResult = IssueResult | { ok: false; reason: "userNotFound" };

export async function issueManually(
  db: DB,
  input: { identifier: string; programId: number; hours?: number; staffId: number }
): Promise<ManualIssueResult> {
  const user = await findUserByIdentifier(db, input.identifier);
  if (!user) return { ok: false, reason: "userNotFound" };
  const program = await db.selectFrom("programs").select(["id", "kind"]).where("id", "=", input.programId).executeTakeFirst();
  if (!program) return { ok: false, reason: "unknownProgram" };
  return issueCertificate(db, {
    userId: user.id,
    programId: program.id,
    kind: program.kind,
    hours: input.hours ?? null,
    issuedBy: input.staffId,
    sourceRef: "manual",
  });
}
