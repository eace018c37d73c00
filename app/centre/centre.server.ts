// The centre's own details (one row): contact, address and map, opening hours, what to bring, bank transfer.
// Read by the footer, the booking and confirmation pages, .ics files and "contact the centre" messages.
import type { Locale } from "~/i18n";
import { localized } from "~/i18n/localized";
import { recordAudit, type Actor } from "~/lib/audit.server";
import { inTransaction, type DB } from "~/lib/db.server";
import type { CentreSettingsInput } from "./schemas";

export interface CentreView {
  name: string;
  phone: string;
  zalo: string;
  email: string;
  address: string;
  hours: string;
  /** The configured map link, else a map search for the address (empty when there is no address). */
  mapUrl: string;
  bring: string;
  bank: { name: string; account: string; holder: string } | null;
  /** True when at least one way to reach the centre is filled in. */
  reachable: boolean;
}

/** Medical notes on permission slips are kept this many days after the visit unless the admin set otherwise. */
export const MEDICAL_RETENTION_DEFAULT_DAYS = 30;

/** Days after a visit that medical notes are kept (admin setting, used by the purge job). */
export async function medicalRetentionDays(db: DB): Promise<number> {
  const r = await db.selectFrom("centre_settings").select("medical_retention_days").where("id", "=", 1).executeTakeFirst();
  return r?.medical_retention_days ?? MEDICAL_RETENTION_DEFAULT_DAYS;
}

async function row(db: DB) {
  return db.selectFrom("centre_settings").selectAll().where("id", "=", 1).executeTakeFirst();
}

/** The centre's details in the reader's language (English columns fall back to Vietnamese). */
export async function getCentre(db: DB, locale: Locale): Promise<CentreView> {
  const r = await row(db);
  const empty = { name_vi: "", name_en: "", address_vi: "", address_en: "", hours_vi: "", hours_en: "", bring_vi: "", bring_en: "" };
  const c = r ?? { ...empty, phone: "", zalo: "", email: "", map_url: "", bank_name: "", bank_account: "", bank_holder: "" };
  const address = localized(c, "address", locale);
  const mapUrl = c.map_url || (c.address_vi ? `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(c.address_vi)}` : "");
  return {
    name: localized(c, "name", locale),
    phone: c.phone,
    zalo: c.zalo,
    email: c.email,
    address,
    hours: localized(c, "hours", locale),
    mapUrl,
    bring: localized(c, "bring", locale),
    bank: c.bank_account ? { name: c.bank_name, account: c.bank_account, holder: c.bank_holder } : null,
    reachable: !!(c.phone || c.zalo || c.email || address),
  };
}

/** The form's current values (admin page). */
export async function getCentreForm(db: DB): Promise<CentreSettingsInput> {
  const c = await row(db);
  return {
    nameVi: c?.name_vi ?? "",
    nameEn: c?.name_en ?? "",
    phone: c?.phone ?? "",
    zalo: c?.zalo ?? "",
    email: c?.email ?? "",
    addressVi: c?.address_vi ?? "",
    addressEn: c?.address_en ?? "",
    hoursVi: c?.hours_vi ?? "",
    hoursEn: c?.hours_en ?? "",
    mapUrl: c?.map_url ?? "",
    bringVi: c?.bring_vi ?? "",
    bringEn: c?.bring_en ?? "",
    bankName: c?.bank_name ?? "",
    bankAccount: c?.bank_account ?? "",
    bankHolder: c?.bank_holder ?? "",
    medicalRetentionDays: c?.medical_retention_days ?? MEDICAL_RETENTION_DEFAULT_DAYS,
  };
}

/** Saves the details (the route checks the admin role) and records who changed them. */
export async function updateCentre(db: DB, input: { values: CentreSettingsInput; actor: Actor; now: string }): Promise<void> {
  const v = input.values;
  const values = {
    name_vi: v.nameVi,
    name_en: v.nameEn,
    phone: v.phone,
    zalo: v.zalo,
    email: v.email,
    address_vi: v.addressVi,
    address_en: v.addressEn,
    hours_vi: v.hoursVi,
    hours_en: v.hoursEn,
    map_url: v.mapUrl,
    bring_vi: v.bringVi,
    bring_en: v.bringEn,
    bank_name: v.bankName,
    bank_account: v.bankAccount,
    bank_holder: v.bankHolder,
    medical_retention_days: v.medicalRetentionDays,
    updated_by: input.actor.userId,
    updated_at: input.now,
  };
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto("centre_settings")
      .values({ id: 1, ...values })
      .onConflict((oc) => oc.column("id").doUpdateSet(values))
      .execute();
    await recordAudit(trx, {
      actor: input.actor,
      action: "centre.settingsChanged",
      subject: { type: "centre", id: 1 },
      details: { medicalRetentionDays: v.medicalRetentionDays },
      now: input.now,
    });
  });
}
