// The school profile fields, shared by "propose a new school" and the coordinator's profile form.
import { TextField } from "~/components/forms";
import { useT } from "~/i18n/react";

export interface SchoolValues {
  name: string;
  address: string;
  district: string;
  province: string;
  phone: string;
  email: string;
}

/** Wrap the form in a FormScope when the page has several forms with these fields (errors go to the one sent). */
export function SchoolFields({ values }: { values?: SchoolValues }) {
  const t = useT();
  return (
    <>
      <TextField name="name" label={t("schools.field.name")} defaultValue={values?.name} required />
      <TextField name="address" label={`${t("schools.field.address")} ${t("common.optional")}`} defaultValue={values?.address} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="district" label={`${t("schools.field.district")} ${t("common.optional")}`} defaultValue={values?.district} />
        <TextField name="province" label={`${t("schools.field.province")} ${t("common.optional")}`} defaultValue={values?.province ?? "Bình Dương"} />
        <TextField name="phone" type="tel" label={`${t("schools.field.phone")} ${t("common.optional")}`} defaultValue={values?.phone} />
        <TextField name="email" type="email" label={`${t("schools.field.email")} ${t("common.optional")}`} defaultValue={values?.email} />
      </div>
    </>
  );
}
