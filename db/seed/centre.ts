// The demo centre's contact details, what to bring and bank-transfer details (admin edits them on /admin/centre).
import type { Kysely } from "kysely";
import type { Database } from "../schema";

export async function seedCentre(db: Kysely<Database>): Promise<void> {
  await db
    .updateTable("centre_settings")
    .set({
      name_vi: "Trung tâm STEM Hub",
      name_en: "STEM Hub Centre",
      phone: "028 3822 1234",
      zalo: "0901 234 567",
      email: "lienhe@stemhub.example",
      address_vi: "12 Nguyễn Văn Bảo, Phường 4, Gò Vấp, TP. Hồ Chí Minh",
      address_en: "12 Nguyen Van Bao, Ward 4, Go Vap, Ho Chi Minh City",
      hours_vi: "Thứ Hai–Thứ Bảy, 8:00–17:30",
      hours_en: "Monday–Saturday, 8:00–17:30",
      bring_vi: "Bình nước, bút và vở ghi. Máy tính xách tay nếu có (trung tâm có máy cho mượn).",
      bring_en: "A water bottle, a pen and a notebook. A laptop if you have one (the centre lends some).",
      bank_name: "Vietcombank — CN Gò Vấp",
      bank_account: "0071 0012 34567",
      bank_holder: "CONG TY TNHH STEM HUB",
      updated_at: "2026-01-01T00:00:00.000Z",
    })
    .where("id", "=", 1)
    .execute();
}
