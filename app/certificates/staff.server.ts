// Staff tasks: issue by hand (a learner found by email or username, a program), the program choices.
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import type { DB } from "~/lib/db.server";
import { refuse, type Result } from "~/lib/result";
import { issueCertificate, type IssueRefusal, type Issued } from "./issue.server";
import type { CertifiableProgram } from "./views";

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

/** Programs staff may certify (drafts excluded: nobody can have taken them), titled in the reader's language. */
export async function certifiablePrograms(db: DB, locale: Locale): Promise<CertifiableProgram[]> {
  const rows = await db
    .selectFrom("programs")
    .select(["id", "kind", "title_vi", "title_en"])
    .where("status", "in", ["published", "archived"])
    .orderBy("kind")
    .orderBy("title_vi")
    .execute();
  return rows.map((p) => ({ id: p.id, kind: p.kind, title: localized(p, "title", locale) }));
}

export type ManualIssueRefusal = IssueRefusal | "userNotFound";

export async function issueManually(
  db: DB,
  input: { identifier: string; programId: number; hours?: number; staffId: number; now: string },
): Promise<Result<Issued, ManualIssueRefusal>> {
  const user = await findUserByIdentifier(db, input.identifier);
  if (!user) return refuse("userNotFound");
  const program = await db.selectFrom("programs").select(["id", "kind"]).where("id", "=", input.programId).executeTakeFirst();
  if (!program) return refuse("unknownProgram");
  return issueCertificate(db, {
    userId: user.id,
    programId: program.id,
    kind: program.kind,
    hours: input.hours ?? null,
    issuedBy: input.staffId,
    sourceRef: "manual",
    now: input.now,
  });
}
