import type { Generated, Selectable } from "kysely";

/** One row (id 1): the centre's contact details, what to bring, bank-transfer details. */
export interface CentreSettingsTable {
  id: number;
  name_vi: Generated<string>;
  name_en: Generated<string>;
  phone: Generated<string>;
  zalo: Generated<string>;
  email: Generated<string>;
  address_vi: Generated<string>;
  address_en: Generated<string>;
  hours_vi: Generated<string>;
  hours_en: Generated<string>;
  map_url: Generated<string>;
  bring_vi: Generated<string>;
  bring_en: Generated<string>;
  bank_name: Generated<string>;
  bank_account: Generated<string>;
  bank_holder: Generated<string>;
  /** Days after a visit that permission slips' medical notes are kept (issue 16; 1–365, default 30). */
  medical_retention_days: Generated<number>;
  updated_by: number | null;
  updated_at: string;
}

export type CentreSettingsRow = Selectable<CentreSettingsTable>;

export interface CentreTables {
  centre_settings: CentreSettingsTable;
}
