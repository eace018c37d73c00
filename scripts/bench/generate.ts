// Benchmark data generator: the demo data (through the app's own migrations and seed), then a deterministic
// centre at scale on top of it. Run by scripts/bench/data.mjs (cached under data/bench/):
//
//   node --import tsx scripts/bench/generate.ts --set small|large --out data/bench/x.db
//
// large: 100,000 students, 1,000 teachers, 200 schools, 2,000 classes with members, 3 more courses (through the
// app's course builder), ≈1,000,000 lesson completions with their enrolments, quiz attempts and certificates,
// 1,000 workshop sessions over a year with 50,000 registrations (waitlists, cancellations, attendance,
// certificates), a year of tour slots with 2,000 bookings. small: the same divided by 100.
//
// Rows that carry app logic (users, programs, courses, lessons) go through the app's functions; the bulk rows
// (members, enrolments, completions, registrations, attendance, bookings, certificates) are written with
// prepared statements in one transaction, following the columns of db/migrations 0001–0006. If a later
// migration adds a column that the app fills on write (a counter, a sort key), fill it here too.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import SQLite from "better-sqlite3";

const { values: opts } = parseArgs({ options: { set: { type: "string", default: "small" }, out: { type: "string" } } });
if (!opts.out || (opts.set !== "small" && opts.set !== "large")) {
  console.error("usage: node --import tsx scripts/bench/generate.ts --set small|large --out file.db");
  process.exit(2);
}
const out = path.resolve(opts.out);
const SCALE = opts.set === "large" ? 1 : 0.01;
const N = {
  students: Math.round(100_000 * SCALE),
  teachers: Math.max(2, Math.round(1_000 * SCALE)),
  schools: Math.max(2, Math.round(200 * SCALE)),
  classes: Math.max(2, Math.round(2_000 * SCALE)),
  completions: Math.round(1_000_000 * SCALE),
  sessions: Math.max(4, Math.round(1_000 * SCALE)),
  registrations: Math.round(50_000 * SCALE),
  bookings: Math.max(4, Math.round(2_000 * SCALE)),
  classSize: 35,
};

// ---------------------------------------------------------------------------------------------------------
// Deterministic randomness and time.
// ---------------------------------------------------------------------------------------------------------
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(opts.set === "large" ? 20261130 : 1130);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
const chance = (p: number) => rand() < p;
function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}
function randomCode(): string {
  const bytes = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) bytes[i] = Math.floor(rand() * 256);
  return bytes.toString("base64url");
}

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const VN = 7 * HOUR;
const NOW = Date.now();
const NOW_ISO = new Date(NOW).toISOString();
// Local midnight today in Vietnam, as a UTC instant.
const TODAY = Math.floor((NOW + VN) / DAY) * DAY - VN;
const iso = (ms: number) => new Date(ms).toISOString();
const vnAt = (day: number, hour: number, minute = 0) => TODAY + day * DAY + hour * HOUR + minute * MIN;
const localMidnight = (ms: number) => Math.floor((ms + VN) / DAY) * DAY - VN;
const vnYear = (ms: number) => new Date(ms + VN).getUTCFullYear();
const vnWeekday = (ms: number) => new Date(ms + VN).getUTCDay();

function fold(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
}

// ---------------------------------------------------------------------------------------------------------
// Names.
// ---------------------------------------------------------------------------------------------------------
const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lâm", "Mai"];
const MIDDLE = ["Thị", "Văn", "Minh", "Ngọc", "Gia", "Quốc", "Thanh", "Hoàng", "Bảo", "Đức", "Phương", "Anh", "Hữu", "Khánh", "Thu", "Xuân", "Tuấn", "Kim"];
const GIVEN = [
  "An", "Bình", "Châu", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hùng", "Khoa", "Linh", "Long", "Mai", "Nam", "Nhi",
  "Phúc", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Uyên", "Vy", "Yến", "Khang", "Ngân", "Ánh", "Đông", "Ý", "Ơn", "Lộc",
];
const personName = () => `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
const DISTRICTS = ["Thành phố Thủ Dầu Một", "Thành phố Thuận An", "Thành phố Dĩ An", "Thành phố Bến Cát", "Thành phố Tân Uyên", "Thị xã Bàu Bàng", "Huyện Dầu Tiếng", "Huyện Phú Giáo", "Huyện Bắc Tân Uyên"];
const SCHOOL_NAMES = ["Nguyễn Du", "Lê Quý Đôn", "Trần Phú", "Nguyễn Trãi", "Võ Thị Sáu", "Hùng Vương", "Lý Tự Trọng", "Phan Bội Châu", "Chu Văn An", "Ngô Quyền"];

const GENERATED_COURSES = [
  { slug: "khoa-hoc-du-lieu-co-ban", vi: "Khoa học dữ liệu cơ bản", en: "Data science basics", topics: "dữ liệu, lập trình", grades: [8, 12] as const, hours: 10 },
  { slug: "thiet-ke-3d-voi-tinkercad", vi: "Thiết kế 3D với Tinkercad", en: "3D design with Tinkercad", topics: "thiết kế, in 3d", grades: [6, 12] as const, hours: 8 },
  { slug: "tri-tue-nhan-tao-cho-hoc-sinh", vi: "Trí tuệ nhân tạo cho học sinh", en: "AI for students", topics: "ai, lập trình", grades: [8, 12] as const, hours: 12 },
];
const LESSON_MD = (title: string, n: number) =>
  `## ${title}\n\nBài học số ${n}: đọc kỹ ví dụ, làm theo từng bước và ghi lại kết quả vào sổ tay.\n\n- Mục tiêu: hiểu khái niệm chính\n- Thực hành: một bài tập nhỏ\n- Thảo luận: chia sẻ với bạn cùng nhóm\n\n**Gợi ý:** hỏi người hướng dẫn khi gặp khó khăn.`;

// ---------------------------------------------------------------------------------------------------------
// 1. Demo data and the rows that carry app logic, through the app (its migrations, seed and functions).
// ---------------------------------------------------------------------------------------------------------
for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(out + suffix, { force: true });
fs.mkdirSync(path.dirname(out), { recursive: true });
process.env.DATABASE_PATH = out;
delete process.env.DATABASE_URL;

const started = Date.now();
const log = (msg: string) => console.log(`[generate ${opts.set}] ${((Date.now() - started) / 1000).toFixed(1)}s ${msg}`);

const { db, inTransaction } = await import("~/lib/db.server");
const { migrateToLatest } = await import("~/lib/migrate.server");
const { seedDemoDataIfEmpty } = await import("#db/seed/index");
const { createUser } = await import("~/auth/users.server");
const { addLesson, addModule, createCourse } = await import("~/courses/builder.server");
const { updateLesson } = await import("~/courses/lesson-builder.server");

await migrateToLatest(db);
await seedDemoDataIfEmpty(db);
log("demo data seeded");

const demoHash = (await db.selectFrom("users").select("password_hash").where("email", "=", "admin@example.com").executeTakeFirstOrThrow()).password_hash;

for (const c of GENERATED_COURSES) {
  const r = await createCourse(db, {
    form: {
      slug: c.slug,
      titleVi: c.vi,
      titleEn: c.en,
      summaryVi: `${c.vi}: khóa học trực tuyến, mỗi bài khoảng 15 phút.`,
      summaryEn: `${c.en}: an online course, about 15 minutes per lesson.`,
      descriptionVi: `Khóa học **${c.vi}** gồm bốn chương, mười sáu bài học ngắn và một dự án nhỏ.\n\nHoàn thành khóa học để nhận chứng nhận của trung tâm.`,
      gradeMin: c.grades[0],
      gradeMax: c.grades[1],
      topics: c.topics,
      enrolmentMode: "open",
      estimatedHours: c.hours,
    },
    status: "published",
    now: NOW_ISO,
  });
  if (!r.ok) throw new Error(`generate: course ${c.slug}: ${r.reason}`);
  const programId = r.value;
  for (let m = 1; m <= 4; m++) {
    const moduleId = await addModule(db, programId, { titleVi: `Chương ${m}`, titleEn: `Chapter ${m}` });
    for (let l = 1; l <= 4; l++) {
      const n = (m - 1) * 4 + l;
      const lessonId = await addLesson(db, programId, { moduleId, titleVi: `Bài ${n}`, titleEn: `Lesson ${n}`, now: NOW_ISO });
      if (!lessonId) throw new Error("generate: addLesson failed");
      await updateLesson(db, lessonId, {
        titleVi: `Bài ${n}`,
        titleEn: `Lesson ${n}`,
        contentVi: LESSON_MD(`Bài ${n}`, n),
        estimatedMinutes: 15,
        required: n !== 16,
        resources: [],
        now: NOW_ISO,
      });
    }
  }
}
log("generated courses built");

// Users: students, teachers and coordinators through createUser (whatever it derives from a name stays right).
const schoolYearStart = new Date(NOW + VN).getUTCMonth() >= 7 ? vnYear(NOW) : vnYear(NOW) - 1;
interface Student { id: number; grade: number; hasEmail: boolean }
const students: Student[] = [];
const teachers: number[] = [];
const coordinators: number[] = [];
await inTransaction(db, async (trx) => {
  for (let i = 1; i <= N.students; i++) {
    const grade = chance(0.1) ? int(4, 5) : int(6, 12);
    const hasEmail = i % 5 === 0;
    const tag = String(i).padStart(6, "0");
    const r = await createUser(trx, {
      fullName: personName(),
      email: hasEmail ? `s${tag}@bench.example.com` : null,
      username: hasEmail ? null : `bench.s${tag}`,
      passwordHash: demoHash,
      role: "student",
      locale: chance(0.1) ? "en" : "vi",
      grade,
      birthYear: schoolYearStart - grade - 5,
      now: NOW_ISO,
    });
    if (!r.ok) throw new Error(`generate: student ${i}: ${r.reason}`);
    students.push({ id: r.value, grade, hasEmail });
  }
  for (let i = 1; i <= N.teachers; i++) {
    const r = await createUser(trx, { fullName: personName(), email: `t${String(i).padStart(4, "0")}@bench.example.com`, passwordHash: demoHash, role: "teacher", now: NOW_ISO });
    if (!r.ok) throw new Error(`generate: teacher ${i}: ${r.reason}`);
    teachers.push(r.value);
  }
  for (let i = 1; i <= N.schools; i++) {
    const r = await createUser(trx, { fullName: personName(), email: `c${String(i).padStart(4, "0")}@bench.example.com`, passwordHash: demoHash, role: "coordinator", now: NOW_ISO });
    if (!r.ok) throw new Error(`generate: coordinator ${i}: ${r.reason}`);
    coordinators.push(r.value);
  }
});
log(`${students.length} students, ${teachers.length} teachers, ${coordinators.length} coordinators`);
await db.destroy();

// ---------------------------------------------------------------------------------------------------------
// 2. Bulk rows with prepared statements, one transaction.
// ---------------------------------------------------------------------------------------------------------
const raw = new SQLite(out);
raw.pragma("journal_mode = WAL");
raw.pragma("synchronous = OFF");
raw.pragma("foreign_keys = ON");
raw.pragma("cache_size = -200000");

const one = <T>(sqlText: string, ...params: unknown[]) => raw.prepare(sqlText).get(...params) as T;
const all = <T>(sqlText: string, ...params: unknown[]) => raw.prepare(sqlText).all(...params) as T[];
const staffId = one<{ id: number }>("select id from users where email = 'staff@example.com'").id;
const counts: Record<string, number> = {};
const bump = (table: string, n = 1) => (counts[table] = (counts[table] ?? 0) + n);

const generate = raw.transaction(() => {
  const nowIso = iso(NOW);

  // Schools, memberships.
  const insertSchool = raw.prepare(
    "insert into schools (name, address, district, province, phone, email, status, created_by, created_at) values (?, ?, ?, 'Bình Dương', ?, ?, 'approved', ?, ?)",
  );
  const insertMembership = raw.prepare(
    "insert into school_memberships (school_id, user_id, role, status, decided_by, created_at, decided_at) values (?, ?, ?, 'approved', ?, ?, ?)",
  );
  const schools: number[] = [];
  for (let i = 0; i < N.schools; i++) {
    const level = i % 3 === 2 ? "THPT" : "THCS";
    const name = `Trường ${level} ${SCHOOL_NAMES[i % SCHOOL_NAMES.length]} ${Math.floor(i / SCHOOL_NAMES.length) + 1}`;
    const id = Number(
      insertSchool.run(name, `Số ${int(1, 400)} đường ${pick(SCHOOL_NAMES)}`, pick(DISTRICTS), `0274 ${int(3000000, 3999999)}`, `school${i + 1}@bench.example.edu.vn`, staffId, nowIso).lastInsertRowid,
    );
    schools.push(id);
    insertMembership.run(id, coordinators[i], "coordinator", staffId, nowIso, nowIso);
    bump("schools");
    bump("school_memberships");
  }
  const teacherSchool = new Map<number, number>();
  teachers.forEach((t, i) => {
    const school = schools[i % schools.length];
    teacherSchool.set(t, school);
    insertMembership.run(school, t, "teacher", staffId, nowIso, nowIso);
    bump("school_memberships");
  });

  // Programs.
  const courses = all<{ id: number; slug: string; title_vi: string; title_en: string | null; enrolment_mode: string; estimated_hours: number | null; grade_min: number | null; grade_max: number | null }>(
    "select p.id, p.slug, p.title_vi, p.title_en, c.enrolment_mode, c.estimated_hours, p.grade_min, p.grade_max from programs p join courses c on c.program_id = p.id where p.status = 'published' order by p.id",
  );
  const lessonsOf = new Map<number, number[]>();
  for (const c of courses) {
    lessonsOf.set(
      c.id,
      all<{ id: number }>(
        "select l.id from lessons l join course_modules m on m.id = l.module_id where m.program_id = ? and l.required = 1 order by m.position, l.position",
        c.id,
      ).map((r) => r.id),
    );
  }
  const quizOfLesson = new Map(all<{ id: number; lesson_id: number }>("select id, lesson_id from quizzes").map((q) => [q.lesson_id, q.id]));
  const workshops = all<{ id: number; title_vi: string; title_en: string | null; grade_min: number | null; grade_max: number | null }>(
    "select id, title_vi, title_en, grade_min, grade_max from programs where kind = 'workshop' and status = 'published' order by id",
  );
  const tours = all<{ id: number; grade_min: number | null; grade_max: number | null; duration_minutes: number; group_min: number; group_max: number; capacity: number }>(
    `select p.id, p.grade_min, p.grade_max, t.duration_minutes, t.group_min, t.group_max,
            coalesce((select max(capacity_students) from tour_slots s where s.program_id = p.id), 60) as capacity
       from programs p join tours t on t.program_id = p.id where p.status = 'published' order by p.id`,
  );

  // Classes and members; each class is enrolled in one course.
  const insertClass = raw.prepare(
    "insert into classes (name, school_id, grade, school_year, owner_id, join_code, archived_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, null, ?, ?)",
  );
  const insertClassTeacher = raw.prepare("insert into class_teachers (class_id, teacher_id, role, created_at) values (?, ?, 'owner', ?)");
  const insertMember = raw.prepare("insert into class_members (class_id, student_id, joined_via, created_at) values (?, ?, ?, ?)");
  const insertManaged = raw.prepare("insert into managed_accounts (student_id, created_by, created_at) values (?, ?, ?)");
  const insertClassCourse = raw.prepare("insert into class_courses (class_id, program_id, added_by, created_at) values (?, ?, ?, ?)");
  const byGrade = new Map<number, Student[]>();
  for (const s of students) (byGrade.get(s.grade) ?? byGrade.set(s.grade, []).get(s.grade)!).push(s);
  for (const list of byGrade.values()) shuffle(list);
  const managed = new Set<number>();
  const classEnrolments: { userId: number; programId: number; at: number }[] = [];
  const classOnly = courses.filter((c) => c.enrolment_mode === "class_only");
  const openCourses = courses.filter((c) => c.enrolment_mode === "open");
  const schoolYear = `${schoolYearStart}-${schoolYearStart + 1}`;
  for (let i = 0; i < N.classes; i++) {
    const owner = teachers[i % teachers.length];
    const grade = int(6, 12);
    const created = NOW - int(20, 200) * DAY;
    const name = `${grade}A${(i % 9) + 1} — nhóm ${i + 1}`;
    const joinCode = `B${i.toString(36).toUpperCase().padStart(7, "0")}`;
    const classId = Number(insertClass.run(name, teacherSchool.get(owner), grade, schoolYear, owner, joinCode, iso(created), iso(created)).lastInsertRowid);
    insertClassTeacher.run(classId, owner, iso(created));
    bump("classes");
    bump("class_teachers");
    const pool = byGrade.get(grade) ?? [];
    const members = pool.splice(0, N.classSize);
    for (const s of members) {
      const via = s.hasEmail ? "code" : "created";
      insertMember.run(classId, s.id, via, iso(created + int(0, 5) * DAY));
      bump("class_members");
      if (!s.hasEmail && !managed.has(s.id)) {
        managed.add(s.id);
        insertManaged.run(s.id, owner, iso(created));
        bump("managed_accounts");
      }
    }
    const course = grade >= 8 && classOnly.length && chance(0.5) ? pick(classOnly) : pick(openCourses);
    insertClassCourse.run(classId, course.id, owner, iso(created + DAY));
    bump("class_courses");
    for (const s of members) classEnrolments.push({ userId: s.id, programId: course.id, at: created + DAY });
  }

  // Enrolments and lesson completions (until the target number of completions).
  const insertEnrolment = raw.prepare(
    "insert into enrolments (program_id, user_id, status, source, enrolled_at, left_at, last_activity_at, completed_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertCompletion = raw.prepare("insert into lesson_completions (user_id, lesson_id, completed_at) values (?, ?, ?)");
  const insertAttempt = raw.prepare(
    "insert into quiz_attempts (user_id, quiz_id, attempt_number, score_percent, passed, answers, created_at) values (?, ?, 1, 100, 1, '{}', ?)",
  );
  const enrolled = new Set(all<{ k: string }>("select program_id || ':' || user_id as k from enrolments").map((r) => r.k));
  const certificates: { userId: number; programId: number; kind: "course" | "workshop"; hours: number | null; issuedAt: number; sourceRef: string }[] = [];
  const courseById = new Map(courses.map((c) => [c.id, c]));
  let completions = 0;
  const enrol = (userId: number, programId: number, source: "class" | "self", at: number) => {
    const key = `${programId}:${userId}`;
    if (enrolled.has(key) || completions >= N.completions) return;
    enrolled.add(key);
    const lessons = lessonsOf.get(programId) ?? [];
    const r = rand();
    let done = r < 0.15 ? 0 : r < 0.4 ? lessons.length : int(1, Math.max(1, lessons.length - 1));
    done = Math.min(done, N.completions - completions);
    let t = at;
    const times: number[] = [];
    for (let k = 0; k < done; k++) {
      t = Math.min(t + int(6, 72) * HOUR, NOW - HOUR);
      times.push(t);
    }
    const last = times.length ? times[times.length - 1] : null;
    const complete = done === lessons.length && done > 0;
    const left = !complete && chance(0.03);
    insertEnrolment.run(programId, userId, left ? "left" : "active", source, iso(at), left ? iso(Math.max(at, last ?? at) + DAY) : null, last ? iso(last) : null, complete ? iso(last!) : null);
    bump("enrolments");
    for (let k = 0; k < done; k++) {
      insertCompletion.run(userId, lessons[k], iso(times[k]));
      const quiz = quizOfLesson.get(lessons[k]);
      if (quiz) {
        insertAttempt.run(userId, quiz, iso(times[k]));
        bump("quiz_attempts");
      }
    }
    completions += done;
    bump("lesson_completions", done);
    if (complete) {
      const c = courseById.get(programId)!;
      certificates.push({ userId, programId, kind: "course", hours: c.estimated_hours, issuedAt: last!, sourceRef: `course:${programId}` });
    }
  };
  for (const e of classEnrolments) enrol(e.userId, e.programId, "class", e.at);
  // Self-enrolment: the demo Python course is the most popular (its staff report is the big one).
  const weighted = openCourses.flatMap((c) => (c.slug === "lap-trinh-python-cho-hoc-sinh" ? [c, c, c, c] : [c, c]));
  for (let guard = 0; completions < N.completions && guard < N.students * 20; guard++) {
    const s = pick(students);
    const c = pick(weighted);
    enrol(s.id, c.id, "self", NOW - int(5, 330) * DAY - int(0, 20) * HOUR);
  }
  raw.prepare("update courses set active_count = (select count(*) from enrolments e where e.program_id = courses.program_id and e.status = 'active')").run();
  // The report's progress counter (migration 0012), which completeLesson keeps on every completion.
  raw
    .prepare(
      `update enrolments set required_done = (select count(*) from lesson_completions lc join lessons l on l.id = lc.lesson_id
         join course_modules m on m.id = l.module_id
         where m.program_id = enrolments.program_id and l.required = 1 and lc.user_id = enrolments.user_id)`,
    )
    .run();

  // Workshop sessions over a year, each in its own time slot (no two overlap), with registrations.
  const slots: number[][] = [];
  for (let day = -270; day < 95; day++) for (const [h, m, len] of [[8, 0, 180], [13, 30, 180], [18, 0, 120]]) slots.push([vnAt(day, h, m), len]);
  const chosen = shuffle(slots).slice(0, N.sessions).sort((a, b) => a[0] - b[0]);
  const insertSession = raw.prepare(
    `insert into workshop_sessions (program_id, room, capacity, confirmed_count, instructor_id, registration_opens_at, registration_closes_at,
       cancellation_deadline, status, min_attendance_percent, starts_at, ends_at, created_at, updated_at)
     values (?, ?, ?, 0, ?, null, ?, ?, ?, 100, ?, ?, ?, ?)`,
  );
  const insertMeeting = raw.prepare("insert into workshop_meetings (session_id, starts_at, ends_at) values (?, ?, ?)");
  const insertRegistration = raw.prepare(
    `insert into workshop_registrations (session_id, user_id, status, waitlist_position, source, created_at, updated_at, cancelled_at)
     values (?, ?, ?, ?, 'self', ?, ?, ?)`,
  );
  const setConfirmed = raw.prepare("update workshop_sessions set confirmed_count = ? where id = ?");
  const insertAttendance = raw.prepare(
    "insert into workshop_attendance (registration_id, meeting_id, status, marked_by, marked_at) values (?, ?, ?, ?, ?)",
  );
  const ROOMS = ["Fab Lab 1", "Fab Lab 2", "Phòng Robotics", "Phòng Điện tử", "Phòng Khoa học"];
  const sessions = chosen.map(([start, len]) => {
    const w = pick(workshops);
    const capacity = int(12, 40);
    const cancelled = chance(0.02);
    const created = start - int(35, 60) * DAY;
    const id = Number(
      insertSession.run(w.id, pick(ROOMS), capacity, staffId, iso(localMidnight(start) - DAY + 17 * HOUR), iso(start - 2 * DAY), cancelled ? "cancelled" : "scheduled", iso(start), iso(start + len * MIN), iso(created), iso(created)).lastInsertRowid,
    );
    const meetingId = Number(insertMeeting.run(id, iso(start), iso(start + len * MIN)).lastInsertRowid);
    bump("workshop_sessions");
    bump("workshop_meetings");
    return { id, meetingId, program: w, capacity, cancelled, start, end: start + len * MIN, weight: cancelled ? 0 : 0.3 + rand() * 1.4 };
  });
  const totalWeight = sessions.reduce((s, x) => s + x.weight, 0);
  let remaining = N.registrations;
  const live = sessions.filter((s) => !s.cancelled);
  const liveCertified = new Set<string>();
  for (const [i, s] of live.entries()) {
    const n = i === live.length - 1 ? remaining : Math.min(remaining, Math.round((N.registrations * s.weight) / totalWeight));
    remaining -= n;
    const gmin = s.program.grade_min ?? 1;
    const gmax = s.program.grade_max ?? 12;
    const seen = new Set<number>();
    const regs: { userId: number; at: number; cancelled: boolean }[] = [];
    for (let guard = 0; regs.length < n && guard < n * 50; guard++) {
      const st = pick(students);
      if (st.grade < gmin || st.grade > gmax || seen.has(st.id)) continue;
      seen.add(st.id);
      const at = Math.floor(Math.min(s.start - 30 * DAY + rand() * 28 * DAY, NOW - rand() * 3 * DAY));
      regs.push({ userId: st.id, at, cancelled: chance(0.08) });
    }
    regs.sort((a, b) => a.at - b.at);
    let confirmed = 0;
    let position = 0;
    for (const r of regs) {
      let status: string;
      let pos: number | null = null;
      let cancelledAt: string | null = null;
      if (r.cancelled) {
        status = "cancelled";
        cancelledAt = iso(Math.min(r.at + DAY, NOW));
      } else if (confirmed < s.capacity) {
        status = "confirmed";
        confirmed++;
      } else {
        status = "waitlisted";
        pos = ++position;
      }
      const regId = Number(insertRegistration.run(s.id, r.userId, status, pos, iso(r.at), cancelledAt ?? iso(r.at), cancelledAt).lastInsertRowid);
      bump("workshop_registrations");
      if (status === "confirmed" && s.end < NOW) {
        const attended = chance(0.88);
        insertAttendance.run(regId, s.meetingId, attended ? "attended" : "absent", staffId, iso(s.end));
        bump("workshop_attendance");
        const key = `${r.userId}:${s.program.id}`;
        if (attended && !liveCertified.has(key)) {
          liveCertified.add(key);
          certificates.push({ userId: r.userId, programId: s.program.id, kind: "workshop", hours: Math.round(((s.end - s.start) / HOUR) * 10) / 10, issuedAt: s.end, sourceRef: `session:${s.id}` });
        }
      }
    }
    setConfirmed.run(confirmed, s.id);
  }

  // Tours: a year of Tue–Fri slots and bookings from the generated schools.
  const existingSlots = new Set(all<{ k: string }>("select program_id || '|' || starts_at as k from tour_slots").map((r) => r.k));
  const insertSlot = raw.prepare("insert into tour_slots (program_id, starts_at, ends_at, capacity_students, held_students, status, created_at) values (?, ?, ?, ?, 0, 'open', ?)");
  const tourSlots: { id: number; tour: (typeof tours)[number]; start: number; held: number; bookers: Set<number> }[] = [];
  for (const t of tours) {
    for (let day = -270; day < 95; day++) {
      const wd = vnWeekday(vnAt(day, 12));
      if (wd < 2 || wd > 5) continue;
      for (const [h, m] of [[8, 0], [13, 30]]) {
        const start = vnAt(day, h, m);
        if (existingSlots.has(`${t.id}|${iso(start)}`)) continue;
        const id = Number(insertSlot.run(t.id, iso(start), iso(start + t.duration_minutes * MIN), t.capacity, iso(NOW - 300 * DAY)).lastInsertRowid);
        tourSlots.push({ id, tour: t, start, held: 0, bookers: new Set() });
        bump("tour_slots");
      }
    }
  }
  const bookings = Array.from({ length: N.bookings }, () => {
    const slot = pick(tourSlots);
    const si = int(0, schools.length - 1);
    return { slot, school: schools[si], by: coordinators[si], at: Math.min(slot.start - int(7, 40) * DAY, NOW - int(1, 48) * HOUR) };
  }).sort((a, b) => a.at - b.at);
  const refCounter = new Map(all<{ scope: string; last_value: number }>("select scope, last_value from tour_reference_counters").map((r) => [r.scope, r.last_value]));
  const insertBooking = raw.prepare(
    `insert into tour_bookings (reference, slot_id, program_id, school_id, booked_by, class_id, students, grade_min, grade_max, adults, contact_name,
       contact_phone, accessibility_needs, notes, status, staff_message, cancel_reason, actual_students, created_at, updated_at, decided_at, completed_at)
     values (?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, '', '', ?, null, ?, ?, ?, ?, ?, ?)`,
  );
  for (const b of bookings) {
    const t = b.slot.tour;
    const students = int(t.group_min, t.group_max);
    const grade = int(Math.max(t.grade_min ?? 6, 6), t.grade_max ?? 12);
    const past = b.slot.start < NOW;
    const r = rand();
    let status = past ? (r < 0.7 ? "completed" : r < 0.85 ? "cancelled" : "declined") : r < 0.45 ? "requested" : r < 0.85 ? "confirmed" : r < 0.93 ? "cancelled" : "declined";
    if ((status === "requested" || status === "confirmed") && (b.slot.held + students > t.capacity || b.slot.bookers.has(b.by))) status = "declined";
    if (status === "requested" || status === "confirmed") {
      b.slot.held += students;
      b.slot.bookers.add(b.by);
    }
    const year = vnYear(b.at);
    const seq = (refCounter.get(`TQ-${year}`) ?? 0) + 1;
    refCounter.set(`TQ-${year}`, seq);
    const decided = status === "requested" || status === "cancelled" ? null : iso(Math.min(b.at + 2 * DAY, NOW));
    const end = b.slot.start + t.duration_minutes * MIN;
    insertBooking.run(
      `TQ-${year}-${String(seq).padStart(4, "0")}`, b.slot.id, t.id, b.school, b.by, students, grade, grade, Math.ceil(students / 15),
      personName(), `09${int(10000000, 99999999)}`, status, status === "cancelled" ? "Trùng lịch của trường." : null,
      status === "completed" ? students - int(0, 3) : null, iso(b.at), decided ?? iso(b.at), decided, status === "completed" ? iso(end) : null,
    );
    bump("tour_bookings");
  }
  const setHeld = raw.prepare("update tour_slots set held_students = ? where id = ?");
  for (const s of tourSlots) if (s.held) setHeld.run(s.held, s.id);
  const upsertRef = raw.prepare("insert into tour_reference_counters (scope, last_value) values (?, ?) on conflict (scope) do update set last_value = excluded.last_value");
  for (const [scope, value] of refCounter) upsertRef.run(scope, value);

  // Certificates in issue order: serials per Vietnamese calendar year, continuing the demo's counters.
  const existingLive = new Set(all<{ k: string }>("select user_id || ':' || program_id || ':' || kind as k from certificates where status = 'valid'").map((r) => r.k));
  const serials = new Map(all<{ year: number; last_value: number }>("select year, last_value from certificate_serials").map((r) => [r.year, r.last_value]));
  const names = new Map(all<{ id: number; full_name: string }>("select id, full_name from users where role = 'student'").map((r) => [r.id, r.full_name]));
  const titles = new Map(all<{ id: number; title_vi: string; title_en: string | null }>("select id, title_vi, title_en from programs").map((p) => [p.id, p]));
  const insertCertificate = raw.prepare(
    `insert into certificates (serial, code, user_id, program_id, kind, recipient_name, program_title_vi, program_title_en, hours, issued_at, issuer_name,
       issuer_city, status, revoked_at, revoked_reason, superseded_by, issued_by, source_ref, search_text, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'valid', null, null, null, null, ?, ?, ?)`,
  );
  const insertNotification = raw.prepare("insert into notifications (user_id, message_key, params, link, read_at, created_at) values (?, 'certificates.notify.issued', ?, ?, ?, ?)");
  const ISSUER_NAME = "Trung tâm Sáng kiến cộng đồng và hỗ trợ khởi nghiệp tỉnh Bình Dương";
  const ISSUER_CITY = "Thủ Dầu Một, Bình Dương";
  certificates.sort((a, b) => a.issuedAt - b.issuedAt);
  for (const c of certificates) {
    const key = `${c.userId}:${c.programId}:${c.kind}`;
    if (existingLive.has(key)) continue;
    existingLive.add(key);
    const year = vnYear(c.issuedAt);
    const value = (serials.get(year) ?? 0) + 1;
    serials.set(year, value);
    const serial = `STEM-${year}-${String(value).padStart(6, "0")}`;
    const name = names.get(c.userId)!;
    const p = titles.get(c.programId)!;
    const id = Number(
      insertCertificate.run(serial, randomCode(), c.userId, c.programId, c.kind, name, p.title_vi, p.title_en, c.hours, iso(c.issuedAt), ISSUER_NAME, ISSUER_CITY, c.sourceRef, fold([name, serial, p.title_vi, p.title_en ?? ""].join(" ")), iso(c.issuedAt)).lastInsertRowid,
    );
    bump("certificates");
    insertNotification.run(c.userId, JSON.stringify({ program: p.title_vi }), `/certificates/${id}`, NOW - c.issuedAt > 7 * DAY ? iso(c.issuedAt + DAY) : null, iso(c.issuedAt));
    bump("notifications");
  }
  const upsertSerial = raw.prepare("insert into certificate_serials (year, last_value) values (?, ?) on conflict (year) do update set last_value = excluded.last_value");
  for (const [year, value] of serials) upsertSerial.run(year, value);
  // Status list positions (migration 0022), as issuing allocates them: after the highest one in use.
  const { top } = raw.prepare("select coalesce(max(last_value), 0) as top from credential_status_counter").get() as { top: number };
  raw.prepare("update certificates set status_index = id + ? where status_index is null").run(top);
  raw.prepare("insert into credential_status_counter (id, last_value) select 1, coalesce(max(status_index), 0) from certificates where true on conflict (id) do update set last_value = excluded.last_value").run();
});
generate();
log(`bulk rows written: ${JSON.stringify(counts)}`);
// The bulk rows marked their students, days and meetings for the insights' summaries (the triggers of migrations
// 0027 and 0030–0033): build them now, as the server does at start, so the page timings measure pages, not the
// build.
{
  const { refreshInsightSummaries } = await import("~/insights/insights.server");
  const { openSqlite } = await import("~/lib/db.server");
  const handle = openSqlite(out);
  await refreshInsightSummaries(handle);
  await handle.destroy();
}
log("insights summaries built");

const fkProblems = raw.pragma("foreign_key_check") as unknown[];
if (fkProblems.length) throw new Error(`generate: ${fkProblems.length} foreign key problems`);
const tables = all<{ name: string }>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name");
const rows: Record<string, number> = {};
for (const t of tables) rows[t.name] = one<{ n: number }>(`select count(*) as n from "${t.name}"`).n;
raw.pragma("synchronous = NORMAL");
raw.pragma("wal_checkpoint(TRUNCATE)");
raw.close();
const meta = { set: opts.set, generatedAt: iso(NOW), seconds: (Date.now() - started) / 1000, bytes: fs.statSync(out).size, rows, checksum: crypto.createHash("sha1").update(JSON.stringify(rows)).digest("hex").slice(0, 12) };
fs.writeFileSync(out.replace(/\.db$/, ".json"), JSON.stringify(meta, null, 2));
log(`done: ${(meta.bytes / 1e6).toFixed(1)} MB`);
