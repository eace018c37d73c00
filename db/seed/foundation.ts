import type { Kysely } from "kysely";
import { hashPassword } from "~/auth/password.server";
import { createUser } from "~/auth/users.server";
import { vnLocalToIso, isoToVnLocal } from "~/lib/time";
import type { Database } from "../schema";
import { DEMO_PASSWORD, type SeedContext } from "./context";

const SCHOOLS = [
  { name: "Trường THCS Chu Văn An", address: "Đường Yersin, phường Phú Cường", district: "Thành phố Thủ Dầu Một", phone: "0274 3822 101", email: "thcs.chuvanan@example.edu.vn" },
  { name: "Trường THCS Lái Thiêu", address: "Đường Nguyễn Văn Tiết, phường Lái Thiêu", district: "Thành phố Thuận An", phone: "0274 3755 202", email: "thcs.laithieu@example.edu.vn" },
  { name: "Trường THPT Dĩ An", address: "Đường Trần Hưng Đạo, phường Dĩ An", district: "Thành phố Dĩ An", phone: "0274 3732 303", email: "thpt.dian@example.edu.vn" },
];

async function mustCreate(db: Kysely<Database>, input: Parameters<typeof createUser>[1]): Promise<number> {
  const r = await createUser(db, input);
  if (!r.ok) throw new Error(`seed: could not create ${input.email ?? input.username}: ${r.reason}`);
  return r.value;
}

export async function seedFoundation(db: Kysely<Database>): Promise<SeedContext> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const createdAt = new Date().toISOString();
  const schools: number[] = [];
  for (const s of SCHOOLS) {
    const row = await db
      .insertInto("schools")
      .values({ ...s, province: "Bình Dương", status: "approved", created_at: createdAt })
      .returning("id")
      .executeTakeFirstOrThrow();
    schools.push(row.id);
  }
  const user = (email: string, fullName: string, role: Parameters<typeof createUser>[1]["role"], extra = {}) =>
    mustCreate(db, { email, fullName, role, passwordHash, locale: "vi", now: createdAt, ...extra });
  const users = {
    admin: await user("admin@example.com", "Trần Minh Quân", "admin"),
    staff: await user("staff@example.com", "Lê Thị Hồng Nhung", "staff"),
    teacher: await user("teacher@example.com", "Phạm Quốc Bảo", "teacher"),
    coordinator: await user("coordinator@example.com", "Võ Thị Thanh Hương", "coordinator"),
    student: await user("student@example.com", "Nguyễn Thị Phương Thảo", "student", { grade: 8, birthYear: 2012 }),
    student2: await user("student2@example.com", "Trần Đức Việt", "student", { grade: 7, birthYear: 2013 }),
  };
  await db
    .insertInto("school_memberships")
    .values([
      { school_id: schools[0], user_id: users.teacher, role: "teacher", status: "approved", decided_by: users.staff, created_at: createdAt, decided_at: createdAt },
      { school_id: schools[0], user_id: users.coordinator, role: "coordinator", status: "approved", decided_by: users.staff, created_at: createdAt, decided_at: createdAt },
    ])
    .execute();
  const today = vnLocalToIso(isoToVnLocal(createdAt).date, "00:00");
  return { db, passwordHash, today, users, schools };
}
