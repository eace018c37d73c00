// Accounts for students without email, created by their teacher: usernames, one-time passwords, login cards.
import { availableParallelism } from "node:os";
import { sql } from "kysely";
import { hashPassword } from "~/auth/password.server";
import { createUser } from "~/auth/users.server";
import { recordAudit } from "~/lib/audit.server";
import { inTransaction, type DB } from "~/lib/db.server";
import { forUpdate } from "~/lib/dialect.server";
import { escapeLike } from "~/lib/text";
import { ok, refuse, type Result } from "~/lib/result";
import { allocateUsernames, generateReadablePassword, usernameBase, usernameCandidate } from "./credentials.server";
import { rosterKey } from "./roster-import.server";
import type { ImportRow, RefusedRow } from "./roster-types";

/** What a login card shows. The password exists in clear only in the one response that renders the cards. */
export interface LoginCard {
  /** The account's id: the card also carries the student's check-in QR (app/guardians/cards.server.ts). */
  studentId: number;
  fullName: string;
  username: string;
  password: string;
}

/**
 * How many Argon2 hashes a bulk import runs at once. Argon2 runs on libuv's thread pool (4 threads by default),
 * which logins share: an import that filled the pool (the old 4) made every login wait behind it. One core's
 * worth less than the machine has, at most 2, leaves the pool and a core free for other users' logins
 * (measured in tests/classes/bulk-login-latency.test.ts; README, "Bulk accounts and login latency").
 */
export const BULK_HASH_PARALLEL = Number(process.env.BULK_HASH_PARALLEL) || Math.max(1, Math.min(2, availableParallelism() - 1));

/** Hashes with at most `parallel` at a time, outside any transaction; `hash` is replaceable for tests. */
export async function hashAll(passwords: string[], parallel = BULK_HASH_PARALLEL, hash: (p: string) => Promise<string> = hashPassword): Promise<string[]> {
  const out: string[] = new Array(passwords.length);
  let next = 0;
  async function worker() {
    while (next < passwords.length) {
      const i = next++;
      out[i] = await hash(passwords[i]);
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, passwords.length) }, worker));
  return out;
}

/** Rows naming a student the class already has (same name and birth year): refused, so a resubmit creates nothing. */
export async function refuseExistingMembers(db: DB, classId: number, rows: ImportRow[]): Promise<{ accepted: ImportRow[]; refused: RefusedRow[] }> {
  const existing = await db
    .selectFrom("class_members")
    .innerJoin("users", "users.id", "class_members.student_id")
    .select(["users.full_name", "users.birth_year"])
    .where("class_members.class_id", "=", classId)
    .execute();
  const keys = new Set(existing.flatMap((u) => [rosterKey(u.full_name, u.birth_year), rosterKey(u.full_name, null)]));
  const accepted: ImportRow[] = [];
  const refused: RefusedRow[] = [];
  for (const r of rows) {
    if (keys.has(rosterKey(r.fullName, r.birthYear))) refused.push({ line: r.line, text: r.fullName, reason: "alreadyInClass" });
    else accepted.push(r);
  }
  return { accepted, refused };
}

/** Usernames already taken that start like one of these bases (usernames are lower-case ASCII: LIKE is exact here). */
async function takenUsernames(db: DB, bases: string[]): Promise<string[]> {
  const taken: string[] = [];
  const unique = [...new Set(bases)];
  // Chunks keep the OR chain far below SQLite's expression depth limit.
  for (let i = 0; i < unique.length; i += 100) {
    const chunk = unique.slice(i, i + 100);
    const rows = await db
      .selectFrom("users")
      .select("username")
      .where((eb) => eb.or(chunk.map((b) => sql<boolean>`username like ${`${escapeLike(b)}%`} escape '\\'`)))
      .execute();
    for (const r of rows) if (r.username) taken.push(r.username);
  }
  return taken;
}

/**
 * Creates one student account per row, adds them to the class and records who created them — all in one
 * transaction: either every account exists afterwards or none does. Passwords are hashed before the
 * transaction opens (Argon2 is slow CPU work; the transaction holds SQLite's single connection).
 * `refused` is not empty (and nothing is created) when a row names a student the class got meanwhile.
 */
export async function createClassAccounts(
  db: DB,
  input: { classId: number; teacherId: number; grade: number | null; rows: ImportRow[]; now: string },
): Promise<{ cards: LoginCard[]; refused: RefusedRow[] }> {
  if (input.rows.length === 0) return { cards: [], refused: [] };
  const passwords = input.rows.map(() => generateReadablePassword());
  const hashes = await hashAll(passwords);
  return inTransaction(db, async (trx) => {
    // Checked again inside the transaction: two identical submits racing each other create the list once. On
    // PostgreSQL transactions interleave, so the class row is locked first: the second submit waits, then sees the
    // first one's members.
    await forUpdate(trx, trx.selectFrom("classes").select("id").where("id", "=", input.classId)).execute();
    const recheck = await refuseExistingMembers(trx, input.classId, input.rows);
    if (recheck.refused.length) return { cards: [], refused: recheck.refused };
    const now = input.now;
    const usernames = allocateUsernames(
      input.rows.map((r) => r.fullName),
      await takenUsernames(trx, input.rows.map((r) => usernameBase(r.fullName))),
    );
    const used = new Set(usernames);
    const cards: LoginCard[] = [];
    const ids: number[] = [];
    for (let i = 0; i < input.rows.length; i++) {
      const row = input.rows[i];
      let username = usernames[i];
      for (let k = 2; ; k++) {
        const r = await createUser(trx, {
          fullName: row.fullName,
          email: null,
          username,
          passwordHash: hashes[i],
          role: "student",
          locale: "vi",
          birthYear: row.birthYear,
          grade: input.grade,
          now,
        });
        if (r.ok) {
          ids.push(r.value);
          break;
        }
        // Taken meanwhile by another process: the next free number of the same name.
        if (r.reason !== "usernameTaken" || k > 500) throw new Error(`createClassAccounts: ${r.reason}`);
        const base = usernameBase(row.fullName);
        while (used.has(usernameCandidate(base, k))) k++;
        username = usernameCandidate(base, k);
        used.add(username);
      }
      cards.push({ studentId: ids[ids.length - 1], fullName: row.fullName.normalize("NFC"), username, password: passwords[i] });
    }
    for (let i = 0; i < ids.length; i += 300) {
      const chunk = ids.slice(i, i + 300);
      await trx.insertInto("class_members").values(chunk.map((id) => ({ class_id: input.classId, student_id: id, joined_via: "created" as const, created_at: now }))).execute();
      await trx.insertInto("managed_accounts").values(chunk.map((id) => ({ student_id: id, created_by: input.teacherId, created_at: now }))).execute();
    }
    return { cards, refused: [] };
  });
}

/**
 * A managed student of one of this teacher's classes that a teacher of the creating school may reset: the class
 * is the teacher's, the student is in it, and the class and the teacher (approved there) belong to the school
 * whose class the account was created in (its `created` membership). A managed student who joined another
 * school's class is not that school's to reset; an account whose creating class is gone is nobody's (staff help).
 */
export async function findResettableStudent(db: DB, input: { teacherId: number; classId: number; studentId: number }) {
  return db
    .selectFrom("managed_accounts")
    .innerJoin("users", "users.id", "managed_accounts.student_id")
    .innerJoin("class_members", "class_members.student_id", "managed_accounts.student_id")
    .innerJoin("class_teachers", "class_teachers.class_id", "class_members.class_id")
    .innerJoin("classes", "classes.id", "class_members.class_id")
    .select(["users.id", "users.full_name as fullName", "users.username"])
    .where("managed_accounts.student_id", "=", input.studentId)
    .where("class_members.class_id", "=", input.classId)
    .where("class_teachers.teacher_id", "=", input.teacherId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("class_members as origin")
          .innerJoin("classes as origin_class", "origin_class.id", "origin.class_id")
          .innerJoin("school_memberships as sm", (j) =>
            j.onRef("sm.school_id", "=", "origin_class.school_id").on("sm.user_id", "=", input.teacherId).on("sm.status", "=", "approved"),
          )
          .select("origin.class_id")
          .whereRef("origin.student_id", "=", "managed_accounts.student_id")
          .where("origin.joined_via", "=", "created")
          .whereRef("origin_class.school_id", "=", "classes.school_id"),
      ),
    )
    .executeTakeFirst();
}

export type ResetRefusal = "notManaged";

/**
 * A new password for a managed account, by a teacher of the school that created it (accounts with their own
 * email are the student's to manage); recorded in the security log. The caller ends the student's sessions and
 * shows the new card.
 */
export async function resetManagedPassword(
  db: DB,
  input: { teacherId: number; classId: number; studentId: number; ip?: string; now: string },
): Promise<Result<LoginCard, ResetRefusal>> {
  const student = await findResettableStudent(db, input);
  if (!student || !student.username) return refuse("notManaged");
  const password = generateReadablePassword();
  const passwordHash = await hashPassword(password);
  await inTransaction(db, async (trx) => {
    await trx.updateTable("users").set({ password_hash: passwordHash, updated_at: input.now }).where("id", "=", student.id).execute();
    await recordAudit(trx, {
      actor: { userId: input.teacherId, ip: input.ip ?? "" },
      action: "class.accountPasswordReset",
      subject: { type: "user", id: student.id },
      details: { classId: input.classId },
      now: input.now,
    });
  });
  return ok({ studentId: student.id, fullName: student.fullName, username: student.username, password });
}
