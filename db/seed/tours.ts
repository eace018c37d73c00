// Demo data of the tours capability: two tours, Tue–Fri slots around today, bookings from the three demo
// schools in every status, coordinators/teachers for schools 2 and 3 and a pending join request at school 1.
// Deterministic: everything derives from ctx.today and indexes.
import { createUser } from "~/auth/users.server";
import { addMinutes, isoToVnLocal } from "~/lib/time";
import { allocateReference } from "~/tours/bookings.server";
import { snapshotParticipants } from "~/tours/participants.server";
import { generateRecurringSlots } from "~/tours/rules";
import { createTour } from "~/tours/tours.server";
import type { TourInput } from "~/tours/schemas";
import type { TourBookingStatus } from "../schema";
import type { SeedContext } from "./context";

const TOURS: TourInput[] = [
  {
    intent: "save",
    slug: "tham-quan-fab-lab-va-tram-stem",
    titleVi: "Tham quan Fab Lab và trạm STEM",
    titleEn: "Fab Lab and STEM stations tour",
    summaryVi: "Cả đoàn xem máy in 3D, máy cắt laser hoạt động và tự tay làm thí nghiệm ở bốn trạm STEM.",
    summaryEn: "The group watches 3D printers and laser cutters at work and runs hands-on experiments at four STEM stations.",
    descriptionVi: "Chuyến tham quan dành cho học sinh THCS và THPT: giới thiệu phòng thí nghiệm chế tạo (fab lab) và các trạm STEM của trung tâm.",
    descriptionEn: "A tour for lower and upper secondary students: the centre's fabrication laboratory (fab lab) and STEM stations.",
    activitiesVi: "- Trình diễn máy in 3D và máy cắt laser\n- Trạm điện tử: lắp mạch đèn LED\n- Trạm robot: điều khiển robot dò line\n- Trạm khoa học: thí nghiệm áp suất không khí",
    activitiesEn: "- 3D printer and laser cutter demonstration\n- Electronics station: build an LED circuit\n- Robotics station: drive a line-following robot\n- Science station: air pressure experiments",
    gradeMin: 6,
    gradeMax: 12,
    feeVnd: 30_000,
    durationMinutes: 150,
    groupMin: 15,
    groupMax: 45,
    cancelDaysBefore: 3,
    participationCertificates: true,
    mailReminders: true,
    status: "published",
    ratioRules: "",
  },
  {
    intent: "save",
    slug: "trai-nghiem-khong-gian-khoi-nghiep",
    titleVi: "Trải nghiệm không gian khởi nghiệp",
    titleEn: "Startup space experience",
    summaryVi: "Gặp các nhóm khởi nghiệp trẻ, nghe câu chuyện sản phẩm và thử làm một bài thuyết trình ý tưởng 3 phút.",
    summaryEn: "Meet young startup teams, hear how their products began and try a three-minute idea pitch.",
    descriptionVi: "Dành cho học sinh lớp 8–12 muốn tìm hiểu về đổi mới sáng tạo và khởi nghiệp.",
    descriptionEn: "For grade 8–12 students curious about innovation and entrepreneurship.",
    activitiesVi: "- Tham quan không gian làm việc chung\n- Giao lưu với một nhóm khởi nghiệp\n- Thử thách thuyết trình ý tưởng theo nhóm",
    activitiesEn: "- Visit the co-working space\n- Talk with a startup team\n- Group idea-pitch challenge",
    gradeMin: 8,
    gradeMax: 12,
    feeVnd: 0,
    durationMinutes: 120,
    groupMin: 10,
    groupMax: 40,
    cancelDaysBefore: 2,
    participationCertificates: false,
    mailReminders: true,
    status: "published",
    ratioRules: "",
  },
];

const RULES = [
  [
    { gradeMin: 6, gradeMax: 9, studentsPerAdult: 15 },
    { gradeMin: 10, gradeMax: 12, studentsPerAdult: 20 },
  ],
  [{ gradeMin: 8, gradeMax: 12, studentsPerAdult: 20 }],
];

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export async function seedTours(ctx: SeedContext): Promise<void> {
  const { db } = ctx;
  const now = new Date().toISOString();
  const today = isoToVnLocal(ctx.today).date;
  const person = async (email: string, fullName: string, role: "teacher" | "coordinator") => {
    const r = await createUser(db, { email, fullName, role, passwordHash: ctx.passwordHash, locale: "vi", now });
    if (!r.ok) throw new Error(`seed tours: ${email}: ${r.reason}`);
    return r.value;
  };
  const coordinator2 = await person("coordinator2@example.com", "Đặng Văn Hải", "coordinator");
  const teacher2 = await person("teacher2@example.com", "Huỳnh Thị Mai Anh", "teacher");
  const coordinator3 = await person("coordinator3@example.com", "Ngô Thanh Tùng", "coordinator");
  const pendingTeacher = await person("teacher.pending@example.com", "Bùi Thị Kim Ngân", "teacher");
  const [s1, s2, s3] = ctx.schools;
  const member = (school_id: number, user_id: number, role: "teacher" | "coordinator", status: "approved" | "pending") => ({
    school_id,
    user_id,
    role,
    status,
    decided_by: status === "approved" ? ctx.users.staff : null,
    created_at: now,
    decided_at: status === "approved" ? now : null,
  });
  await db
    .insertInto("school_memberships")
    .values([member(s2, coordinator2, "coordinator", "approved"), member(s2, teacher2, "teacher", "approved"), member(s3, coordinator3, "coordinator", "approved"), member(s1, pendingTeacher, "teacher", "pending")])
    .execute();
  // Slots: from two weeks ago (history for completed visits) to six weeks ahead, Tue–Fri 08:00 and 13:30.
  const tourIds: number[] = [];
  const slotsByTour: { id: number; starts_at: string }[][] = [];
  for (let i = 0; i < TOURS.length; i++) {
    const id = await createTour(db, TOURS[i], RULES[i]);
    if (id === null) throw new Error("seed tours: slug taken");
    tourIds.push(id);
    const pattern = generateRecurringSlots({ startDate: addDays(today, -14), weeks: 8, weekdays: [2, 3, 4, 5], times: ["08:00", "13:30"], blackoutDates: [], durationMinutes: TOURS[i].durationMinutes });
    const rows = await db
      .insertInto("tour_slots")
      .values(pattern.map((s) => ({ program_id: id, starts_at: s.startsAt, ends_at: s.endsAt, capacity_students: i === 0 ? 90 : 60, created_at: now })))
      .returning(["id", "starts_at"])
      .execute();
    slotsByTour.push(rows);
  }
  const future = (tour: number, k: number) => slotsByTour[tour].filter((s) => s.starts_at > now)[k];
  const past = (tour: number, k: number) => slotsByTour[tour].filter((s) => s.starts_at < ctx.today).at(-1 - k)!;
  const teacherClass = await db.selectFrom("classes").select("id").where("owner_id", "=", ctx.users.teacher).orderBy("id").executeTakeFirst();

  const plan: { tour: number; slot: { id: number; starts_at: string }; school: number; by: number; status: TourBookingStatus; students: number; grades: [number, number]; adults: number; contact: string; phone: string; classId?: number | null; extra?: Record<string, unknown> }[] = [
    { tour: 0, slot: future(0, 2), school: s1, by: ctx.users.teacher, status: "requested", students: 32, grades: [8, 8], adults: 3, contact: "Phạm Quốc Bảo", phone: "0903 111 222", classId: teacherClass?.id ?? null },
    { tour: 1, slot: future(1, 4), school: s1, by: ctx.users.coordinator, status: "confirmed", students: 28, grades: [9, 9], adults: 2, contact: "Võ Thị Thanh Hương", phone: "0903 333 444", classId: teacherClass?.id ?? null, extra: { staff_message: "Đoàn vui lòng có mặt trước 15 phút.", decided_at: now } },
    { tour: 0, slot: future(0, 3), school: s2, by: coordinator2, status: "requested", students: 40, grades: [6, 7], adults: 3, contact: "Đặng Văn Hải", phone: "0918 555 666", extra: { accessibility_needs: "Một học sinh dùng xe lăn." } },
    { tour: 1, slot: future(1, 6), school: s2, by: teacher2, status: "declined", students: 35, grades: [8, 9], adults: 2, contact: "Huỳnh Thị Mai Anh", phone: "0918 777 888", extra: { staff_message: "Khung giờ này trung tâm có sự kiện, mời thầy cô chọn ngày khác.", decided_at: now } },
    { tour: 0, slot: future(0, 8), school: s3, by: coordinator3, status: "cancelled", students: 30, grades: [10, 11], adults: 2, contact: "Ngô Thanh Tùng", phone: "0937 123 456", extra: { cancel_reason: "Trùng lịch kiểm tra học kỳ." } },
    { tour: 0, slot: future(0, 10), school: s2, by: coordinator2, status: "confirmed", students: 25, grades: [7, 7], adults: 2, contact: "Đặng Văn Hải", phone: "0918 555 666", extra: { decided_at: now } },
    { tour: 1, slot: future(1, 9), school: s3, by: coordinator3, status: "requested", students: 38, grades: [11, 12], adults: 2, contact: "Ngô Thanh Tùng", phone: "0937 123 456", extra: { notes: "Đoàn đi bằng xe buýt của trường." } },
    { tour: 0, slot: past(0, 1), school: s1, by: ctx.users.teacher, status: "completed", students: 30, grades: [8, 8], adults: 2, contact: "Phạm Quốc Bảo", phone: "0903 111 222", classId: teacherClass?.id ?? null, extra: { actual_students: 29, decided_at: now, completed_at: now } },
    { tour: 0, slot: past(0, 3), school: s3, by: coordinator3, status: "completed", students: 42, grades: [10, 10], adults: 3, contact: "Ngô Thanh Tùng", phone: "0937 123 456", extra: { actual_students: 42, decided_at: now, completed_at: now } },
  ];
  for (const b of plan) {
    if (!b.slot) continue;
    const reference = await allocateReference(db, now);
    const inserted = await db
      .insertInto("tour_bookings")
      .values({
        reference,
        slot_id: b.slot.id,
        program_id: tourIds[b.tour],
        school_id: b.school,
        booked_by: b.by,
        class_id: b.classId ?? null,
        students: b.students,
        grade_min: b.grades[0],
        grade_max: b.grades[1],
        adults: b.adults,
        contact_name: b.contact,
        contact_phone: b.phone,
        status: b.status,
        staff_message: null,
        cancel_reason: null,
        actual_students: null,
        created_at: addMinutes(now, -60 * 24 * 3 + plan.indexOf(b) * 37),
        updated_at: now,
        decided_at: null,
        completed_at: null,
        ...b.extra,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // A class booking that was confirmed lists the class's students (who get its certificates).
    if (b.classId && (b.status === "confirmed" || b.status === "completed")) {
      await snapshotParticipants(db, { bookingId: inserted.id, classId: b.classId, now });
    }
    if (b.status === "requested" || b.status === "confirmed") {
      await db.updateTable("tour_slots").set((eb) => ({ held_students: eb("held_students", "+", b.students) })).where("id", "=", b.slot.id).execute();
    }
  }
}
