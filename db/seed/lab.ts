// Demo fab lab: a laser cutter, two 3D printers, a CNC router, an electronics bench and a meeting room; the safety
// course and the machine inductions in the catalogue; demo students with and without the certificates that unlock
// the machines; bookings over the next two weeks and two room requests. Deterministic (relative to today).
import { issueCertificate } from "~/certificates/issue.server";
import { addLesson, addModule, createCourse } from "~/courses/builder.server";
import { updateLesson } from "~/courses/lesson-builder.server";
import { bookSlots } from "~/lab/bookings.server";
import { decideRoomRequest, requestRoom } from "~/lab/requests.server";
import { saveResource, type ResourceInput } from "~/lab/staff.server";
import { addMinutes, isoToVnLocal, vnLocalToIso } from "~/lib/time";
import type { SeedContext } from "./context";

async function course(ctx: SeedContext, slug: string, titleVi: string, titleEn: string, summaryVi: string, lessons: [string, string, string][]) {
  const r = await createCourse(ctx.db, {
    form: { slug, titleVi, titleEn, summaryVi, summaryEn: "", descriptionVi: summaryVi, descriptionEn: "", gradeMin: 6, gradeMax: 12, topics: "fab lab, an toàn", enrolmentMode: "open", estimatedHours: 1 },
    status: "published",
    now: ctx.today,
  });
  if (!r.ok) throw new Error(`seed: lab course ${slug}: ${r.reason}`);
  const moduleId = await addModule(ctx.db, r.value, { titleVi: "Nội dung", titleEn: "Content" });
  for (const [vi, en, md] of lessons) {
    const id = (await addLesson(ctx.db, r.value, { moduleId, titleVi: vi, titleEn: en, now: ctx.today }))!;
    await updateLesson(ctx.db, id, { titleVi: vi, titleEn: en, contentVi: md, contentEn: undefined, estimatedMinutes: 15, required: true, resources: [], now: ctx.today });
  }
  return r.value;
}

const MACHINE_HOURS = "1-5 08:00-17:00\n6 08:00-12:00";

function resource(r: Partial<ResourceInput> & Pick<ResourceInput, "slug" | "nameVi" | "nameEn">): ResourceInput {
  return {
    kind: "machine",
    descriptionVi: "",
    descriptionEn: "",
    location: "Xưởng chế tạo, tầng 1",
    capacity: 1,
    slotMinutes: 60,
    maxSlotsPerBooking: 3,
    maxHoursPerWeek: 4,
    minGrade: null,
    minAge: null,
    noShowPenalty: true,
    openingHours: MACHINE_HOURS,
    programIds: [],
    ...r,
  };
}

export async function seedLab(ctx: SeedContext): Promise<void> {
  const { db, users } = ctx;
  const now = ctx.today;
  const safety = await course(ctx, "an-toan-xuong-che-tao", "An toàn xưởng chế tạo", "Workshop safety", "Quy tắc an toàn bắt buộc trước khi dùng bất kỳ máy nào của xưởng.", [
    ["Quy tắc chung của xưởng", "Lab rules", "## Quy tắc chung\n\n- Luôn có người hướng dẫn khi dùng máy\n- Đeo kính bảo hộ, buộc tóc gọn\n- Biết vị trí bình chữa cháy và nút dừng khẩn cấp"],
    ["Xử lý sự cố", "Incidents", "## Khi có sự cố\n\nNhấn **nút dừng khẩn cấp**, báo ngay cho người hướng dẫn và ghi lại sự cố vào sổ xưởng."],
  ]);
  const laserInduction = await course(ctx, "huong-dan-may-cat-laser", "Hướng dẫn sử dụng máy cắt laser", "Laser cutter induction", "Cách vận hành máy cắt laser an toàn: vật liệu được phép, lấy nét, thông gió.", [
    ["Vận hành máy cắt laser", "Operating the laser cutter", "## Máy cắt laser\n\n- Chỉ cắt vật liệu trong danh sách cho phép (gỗ MDF, mica)\n- **Không bao giờ** cắt PVC: khói độc\n- Bật quạt hút trước khi cắt, không rời máy khi đang cắt"],
  ]);
  // Inductions are short courses here (read, then a hands-on check at the lab): completing one issues its
  // certificate automatically, which is what unlocks the machine.
  const printerInduction = await course(ctx, "huong-dan-may-in-3d", "Hướng dẫn máy in 3D", "3D printer induction", "Chuẩn bị tệp in, chọn vật liệu, theo dõi bản in và dọn bàn in.", [
    ["Vận hành máy in 3D", "Operating the 3D printers", "## Máy in 3D\n\n- Cắt lớp bằng PrusaSlicer hoặc Bambu Studio\n- Chỉ dùng nhựa PLA/PETG của xưởng\n- Không chạm đầu in khi đang nóng"],
  ]);
  const cncInduction = await course(ctx, "huong-dan-may-cnc", "Hướng dẫn máy phay CNC", "CNC router induction", "Kẹp phôi, chọn dao, chạy thử không tải và dừng khẩn cấp.", [
    ["Vận hành máy phay CNC", "Operating the CNC router", "## Máy phay CNC\n\n- Kẹp phôi chắc chắn, chạy thử không tải\n- Đeo kính và bịt tai\n- Không đứng trước hướng phoi bắn"],
  ]);

  const ids: Record<string, number> = {};
  const resources: ResourceInput[] = [
    resource({ slug: "may-cat-laser", nameVi: "Máy cắt laser CO2 60W", nameEn: "CO2 laser cutter (60 W)", descriptionVi: "Cắt và khắc gỗ MDF, mica đến 6 mm; bàn làm việc 60 × 40 cm.", descriptionEn: "Cuts and engraves MDF and acrylic up to 6 mm; 60 × 40 cm bed.", minGrade: 8, maxHoursPerWeek: 2, programIds: [safety, laserInduction] }),
    resource({ slug: "may-in-3d-1", nameVi: "Máy in 3D số 1 (Prusa MK4)", nameEn: "3D printer no. 1 (Prusa MK4)", descriptionVi: "In nhựa PLA/PETG, khổ 25 × 21 × 22 cm.", descriptionEn: "PLA/PETG, 25 × 21 × 22 cm.", maxSlotsPerBooking: 4, programIds: [safety, printerInduction] }),
    resource({ slug: "may-in-3d-2", nameVi: "Máy in 3D số 2 (Bambu A1)", nameEn: "3D printer no. 2 (Bambu A1)", descriptionVi: "In nhiều màu, khổ 25 × 25 × 25 cm.", descriptionEn: "Multi-colour, 25 × 25 × 25 cm.", maxSlotsPerBooking: 4, programIds: [safety, printerInduction] }),
    resource({ slug: "may-phay-cnc", nameVi: "Máy phay CNC", nameEn: "CNC router", descriptionVi: "Phay gỗ và nhôm mỏng, khổ 60 × 90 cm.", descriptionEn: "Routes wood and thin aluminium, 60 × 90 cm.", minGrade: 10, maxHoursPerWeek: 3, programIds: [safety, cncInduction] }),
    resource({ slug: "ban-dien-tu", nameVi: "Bàn điện tử", nameEn: "Electronics bench", descriptionVi: "Mỏ hàn, đồng hồ vạn năng, nguồn, bo Arduino/ESP32.", descriptionEn: "Soldering iron, multimeter, bench supply, Arduino/ESP32 boards.", location: "Xưởng chế tạo, tầng 2", programIds: [safety] }),
    resource({ slug: "phong-hop-sang-tao", kind: "room", nameVi: "Phòng họp Sáng tạo", nameEn: "Innovation meeting room", descriptionVi: "Phòng 30 chỗ có máy chiếu, cho lớp học, câu lạc bộ và sự kiện cộng đồng.", descriptionEn: "30 seats and a projector, for classes, clubs and community events.", location: "Tầng 2", capacity: 30, maxSlotsPerBooking: 4, maxHoursPerWeek: 8, openingHours: "1-6 08:00-20:00" }),
  ];
  for (const form of resources) {
    const r = await saveResource(db, { resourceId: null, form, now });
    if (!r.ok) throw new Error(`seed: lab resource ${form.slug}: ${r.reason}`);
    ids[form.slug] = r.value.id;
  }
  // The whole lab closes on the 1st of next month for maintenance (a closed day on the calendar).
  const local = isoToVnLocal(now).date;
  const [y, m] = local.split("-").map(Number);
  const firstOfNext = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  await db.insertInto("lab_closed_dates").values({ resource_id: null, date: firstOfNext, reason: "Bảo trì định kỳ", created_at: now }).execute();

  // Who holds which keys: hs04 (grade 9) everything but the CNC; the demo student the safety course and the 3D printer
  // induction but not the laser one (the demo of a refusal and of the way forward); student2 nothing.
  const hs = await db.selectFrom("users").select(["id", "email"]).where("email", "in", ["hs04@example.com", "hs02@example.com", "hs03@example.com"]).orderBy("email").execute();
  const byEmail = Object.fromEntries(hs.map((u) => [u.email, u.id]));
  const grants: [number | undefined, number, "course"][] = [
    [byEmail["hs04@example.com"], safety, "course"],
    [byEmail["hs04@example.com"], laserInduction, "course"],
    [byEmail["hs04@example.com"], printerInduction, "course"],
    [byEmail["hs02@example.com"], safety, "course"],
    [byEmail["hs02@example.com"], printerInduction, "course"],
    [users.student, safety, "course"],
    [users.student, printerInduction, "course"],
  ];
  for (const [userId, programId, kind] of grants) {
    if (!userId) continue;
    await issueCertificate(db, { userId, programId, kind, hours: 1, issuedBy: users.staff, sourceRef: "seed:lab", now });
  }

  // Bookings over the next two weeks: each on the first open day at or after its offset.
  const plan: [number | undefined, string, number, string, number][] = [
    [byEmail["hs04@example.com"], "may-cat-laser", 1, "09:00", 1],
    [byEmail["hs04@example.com"], "may-in-3d-1", 2, "14:00", 2],
    [byEmail["hs02@example.com"], "may-in-3d-1", 3, "09:00", 3],
    [byEmail["hs02@example.com"], "may-in-3d-2", 8, "10:00", 2],
    [users.student, "may-in-3d-2", 2, "15:00", 2],
    [users.student, "ban-dien-tu", 9, "09:00", 1],
    [byEmail["hs04@example.com"], "may-cat-laser", 10, "11:00", 1],
    [byEmail["hs03@example.com"], "phong-hop-sang-tao", 4, "15:00", 2],
    [users.teacher, "phong-hop-sang-tao", 6, "08:00", 2],
  ];
  for (const [userId, slug, offset, time, slots] of plan) {
    if (!userId) continue;
    const role = userId === users.teacher ? "teacher" : "student";
    for (let d = offset; d < offset + 4; d++) {
      const date = isoToVnLocal(addMinutes(now, d * 24 * 60 + 12 * 60)).date;
      const r = await bookSlots(db, { user: { id: userId, role }, resourceId: ids[slug], startsAt: vnLocalToIso(date, time), slots, now, locale: "vi" });
      if (r.ok) break;
    }
  }

  // Room requests: one waiting for staff, one approved (the room is then held).
  for (const [offset, from, to, approve] of [[5, "17:00", "19:00", false], [12, "08:00", "11:00", true]] as const) {
    for (let d = offset; d < offset + 4; d++) {
      const date = isoToVnLocal(addMinutes(now, d * 24 * 60 + 12 * 60)).date;
      const q = await requestRoom(db, {
        user: { id: users.coordinator, role: "coordinator" },
        resourceId: ids["phong-hop-sang-tao"],
        form: { organisation: "Trường THCS Chu Văn An", date, from, to, purpose: approve ? "Ngày hội STEM của trường" : "Sinh hoạt câu lạc bộ Robot", attendance: approve ? 28 : 20 },
        now,
      });
      if (!q.ok) continue;
      if (approve) await decideRoomRequest(db, { requestId: q.value.requestId, approve: true, message: "Phòng đã sẵn sàng.", staffId: users.staff, now });
      break;
    }
  }
}
