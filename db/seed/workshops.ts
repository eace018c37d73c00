// Demo workshops: 12 published programs in Vietnamese with English titles, sessions in the coming weeks (one full
// with a waitlist, one with a single seat left), some past sessions with attendance. Deterministic.
import { createUser } from "~/auth/users.server";
import { createProgram } from "~/catalog/programs.server";
import { nowIso } from "~/lib/time";
import { registerForSession } from "~/workshops/registration.server";
import { createSession } from "~/workshops/sessions.server";
import type { SeedContext } from "./context";

interface DemoWorkshop {
  slug: string;
  vi: string;
  en: string;
  summary: string;
  topics: string[];
  grades: [number, number];
  fee: number;
  /** Sessions: [days from today, local start hour, hours, capacity, meetings (weekly)]. */
  sessions: [number, number, number, number, number][];
}

const WORKSHOPS: DemoWorkshop[] = [
  { slug: "robot-co-ban", vi: "Robot cơ bản", en: "Robotics basics", summary: "Lắp ráp và lập trình robot dò đường đầu tiên của bạn.", topics: ["robotics", "lập trình"], grades: [6, 9], fee: 0, sessions: [[9, 8, 3, 12, 1], [23, 8, 3, 12, 1]] },
  { slug: "dien-tu-cho-nguoi-moi", vi: "Điện tử cho người mới", en: "Electronics for beginners", summary: "Đèn LED, điện trở và mạch điện đầu tiên trên bo cắm.", topics: ["điện tử"], grades: [6, 9], fee: 0, sessions: [[11, 14, 2, 6, 1]] },
  { slug: "lap-trinh-scratch", vi: "Lập trình Scratch sáng tạo", en: "Creative coding with Scratch", summary: "Làm trò chơi đầu tiên bằng Scratch, không cần biết lập trình.", topics: ["lập trình"], grades: [4, 9], fee: 0, sessions: [[6, 8, 2, 6, 1], [20, 8, 2, 20, 1]] },
  { slug: "in-3d-tu-y-tuong-den-san-pham", vi: "In 3D: từ ý tưởng đến sản phẩm", en: "3D printing: from idea to object", summary: "Thiết kế móc khóa trên Tinkercad và in tại fab lab.", topics: ["in 3d", "thiết kế"], grades: [7, 12], fee: 50_000, sessions: [[13, 8, 3, 10, 1]] },
  { slug: "khoa-hoc-vui-hoa-hoc-bep", vi: "Khoa học vui: hóa học trong bếp", en: "Fun science: kitchen chemistry", summary: "Thí nghiệm an toàn với giấm, baking soda và bắp cải tím.", topics: ["khoa học"], grades: [5, 8], fee: 0, sessions: [[16, 14, 2, 15, 1]] },
  { slug: "iot-nha-thong-minh", vi: "IoT: ngôi nhà thông minh", en: "IoT: the smart home", summary: "Điều khiển đèn và quạt qua Wi-Fi với ESP32 trong 4 buổi thứ Bảy.", topics: ["iot", "điện tử", "lập trình"], grades: [8, 12], fee: 200_000, sessions: [[14, 8, 3, 16, 4]] },
  { slug: "arduino-den-giao-thong", vi: "Arduino: đèn giao thông", en: "Arduino: traffic lights", summary: "Lập trình Arduino điều khiển đèn giao thông mô hình.", topics: ["điện tử", "lập trình"], grades: [7, 10], fee: 30_000, sessions: [[18, 8, 3, 12, 1]] },
  { slug: "python-cho-hoc-sinh", vi: "Python cho học sinh THCS", en: "Python for lower-secondary students", summary: "Biến, vòng lặp và vẽ hình với turtle.", topics: ["lập trình"], grades: [7, 9], fee: 0, sessions: [[21, 14, 2, 18, 2]] },
  { slug: "ten-lua-nuoc", vi: "Chế tạo tên lửa nước", en: "Water rockets", summary: "Thiết kế, phóng thử và đo độ cao tên lửa nước.", topics: ["khoa học", "kỹ thuật"], grades: [5, 9], fee: 20_000, sessions: [[25, 8, 3, 20, 1]] },
  { slug: "nang-luong-mat-troi", vi: "Năng lượng mặt trời mini", en: "Mini solar power", summary: "Lắp xe chạy bằng pin mặt trời và đo công suất.", topics: ["khoa học", "điện tử"], grades: [6, 10], fee: 40_000, sessions: [[27, 14, 2, 14, 1]] },
  { slug: "robot-thi-dau", vi: "Robot thi đấu sumo", en: "Sumo robot competition", summary: "Tinh chỉnh robot và thi đấu sumo theo đội.", topics: ["robotics"], grades: [8, 12], fee: 100_000, sessions: [[30, 8, 4, 16, 1]] },
  { slug: "thiet-ke-game-dien-thoai", vi: "Thiết kế game điện thoại", en: "Designing phone games", summary: "Làm game đơn giản cho điện thoại bằng MIT App Inventor.", topics: ["lập trình", "thiết kế"], grades: [8, 12], fee: 0, sessions: [[33, 14, 3, 15, 1]] },
];

/** Extra demo students (password stemhub-demo) who fill sessions and the waitlist. */
const EXTRA_STUDENTS = [
  "Nguyễn Minh Khang", "Trần Bảo Ngọc", "Lê Hoàng Phúc", "Phạm Gia Hân", "Huỳnh Đức Anh",
  "Võ Ngọc Trâm", "Đặng Quốc Huy", "Bùi Thảo Vy",
];

const ROOMS = ["Fab Lab 1", "Phòng Robotics", "Phòng Điện tử", "Phòng Khoa học"];
const DAY = 86_400_000;
const at = (today: string, days: number, hour: number) => new Date(Date.parse(today) + days * DAY + hour * 3_600_000).toISOString();

export async function seedWorkshops(ctx: SeedContext): Promise<void> {
  const { db, today } = ctx;
  const now = nowIso();
  const extra: number[] = [];
  for (const [i, fullName] of EXTRA_STUDENTS.entries()) {
    const r = await createUser(db, {
      fullName,
      email: `hs${String(i + 1).padStart(2, "0")}@example.com`,
      passwordHash: ctx.passwordHash,
      role: "student",
      grade: 6 + (i % 4),
      birthYear: 2014 - (i % 4),
      now: new Date().toISOString(),
    });
    if (r.ok) extra.push(r.value);
  }
  const sessionsBySlug = new Map<string, number[]>();
  const programOf = new Map<number, number>();
  for (const w of WORKSHOPS) {
    const programId = await createProgram(db, {
      kind: "workshop",
      slug: w.slug,
      titleVi: w.vi,
      titleEn: w.en,
      summaryVi: w.summary,
      summaryEn: null,
      descriptionVi: `## Bạn sẽ làm gì\n\n${w.summary}\n\n- Làm việc theo nhóm 2–3 bạn\n- Mọi dụng cụ do trung tâm chuẩn bị\n- Mang theo bình nước và sự tò mò!\n\n*Phụ huynh có thể đón học sinh tại sảnh.*`,
      descriptionEn: `## What you will do\n\n${w.en}: a hands-on session in the fab lab. All tools are provided.`,
      gradeMin: w.grades[0],
      gradeMax: w.grades[1],
      feeVnd: w.fee,
      status: "published",
      topics: w.topics,
    });
    if (!programId) continue;
    const ids: number[] = [];
    for (const [days, hour, hours, capacity, meetings] of w.sessions) {
      // Local hour in Vietnam = UTC + 7; today is local midnight as UTC.
      const list = Array.from({ length: meetings }, (_, k) => ({ startsAt: at(today, days + 7 * k, hour), endsAt: at(today, days + 7 * k, hour + hours) }));
      ids.push(
        await createSession(db, programId, {
          room: ROOMS[(WORKSHOPS.indexOf(w) + ids.length) % ROOMS.length],
          capacity,
          instructorId: ctx.users.staff,
          registrationOpensAt: null,
          registrationClosesAt: at(today, days - 1, 17),
          cancellationDeadline: at(today, days - 2, 17),
          minAttendancePercent: meetings > 1 ? 75 : 100,
          meetings: list,
        }, now),
      );
      programOf.set(ids[ids.length - 1], programId);
    }
    sessionsBySlug.set(w.slug, ids);
  }

  const register = (sessionId: number, userId: number) =>
    registerForSession(db, { programId: programOf.get(sessionId)!, sessionId, user: { id: userId, role: "student", locale: "vi" }, now });
  // Scratch (6 seats): all 8 extra students register → 6 confirmed and a waitlist of 2.
  const scratch = sessionsBySlug.get("lap-trinh-scratch")![0];
  for (const userId of extra) await register(scratch, userId);
  // Electronics (6 seats): 5 taken, one seat left for the demo.
  const electronics = sessionsBySlug.get("dien-tu-cho-nguoi-moi")![0];
  for (const userId of extra.slice(0, 5)) await register(electronics, userId);
  // The demo student has a couple of upcoming sessions.
  await register(sessionsBySlug.get("khoa-hoc-vui-hoa-hoc-bep")![0], ctx.users.student);
  await register(sessionsBySlug.get("python-cho-hoc-sinh")![0], ctx.users.student);
  await register(sessionsBySlug.get("robot-co-ban")![1], ctx.users.student2);

  await seedPastSessions(ctx, sessionsBySlug, extra);
}

/** Two past sessions with attendance taken (the demo student attended one). */
async function seedPastSessions(ctx: SeedContext, sessionsBySlug: Map<string, number[]>, extra: number[]) {
  const { db, today } = ctx;
  const programs = await db.selectFrom("programs").select(["id", "slug"]).where("slug", "in", ["robot-co-ban", "khoa-hoc-vui-hoa-hoc-bep"]).execute();
  for (const [n, p] of programs.entries()) {
    const days = -14 + n * 7;
    const startsAt = at(today, days, 8);
    const endsAt = at(today, days, 11);
    const attendees = [ctx.users.student, ...extra.slice(n * 3, n * 3 + 4)];
    const session = await db
      .insertInto("workshop_sessions")
      .values({
        program_id: p.id,
        room: "Fab Lab 1",
        capacity: 10,
        confirmed_count: attendees.length,
        instructor_id: ctx.users.staff,
        registration_opens_at: null,
        registration_closes_at: null,
        cancellation_deadline: null,
        starts_at: startsAt,
        ends_at: endsAt,
        created_at: at(today, days - 20, 0),
        updated_at: at(today, days - 20, 0),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const meeting = await db.insertInto("workshop_meetings").values({ session_id: session.id, starts_at: startsAt, ends_at: endsAt }).returning("id").executeTakeFirstOrThrow();
    for (const [i, userId] of attendees.entries()) {
      const reg = await db
        .insertInto("workshop_registrations")
        .values({ session_id: session.id, user_id: userId, status: "confirmed", waitlist_position: null, source: "self", created_at: at(today, days - 10, i), updated_at: at(today, days - 10, i), cancelled_at: null })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("workshop_attendance")
        .values({ registration_id: reg.id, meeting_id: meeting.id, status: i === 3 ? "absent" : "attended", marked_by: ctx.users.staff, marked_at: endsAt })
        .execute();
    }
    sessionsBySlug.get(p.slug)?.unshift(session.id);
  }
}
