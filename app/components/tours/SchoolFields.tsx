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

type Reply = Parameters<typeof TextField>[0]["reply"];

/** `reply`: this form's own reply (an empty one when another form on the page was submitted). */
export function SchoolFields({ values, reply }: { values?: SchoolValues; reply?: Reply }) {
  const t = useT();
  return (
    <>
      <TextField reply={reply} name="name" label={t("schools.field.name")} defaultValue={values?.name} required />
      <TextField reply={reply} name="address" label={`${t("schools.field.address")} ${t("common.optional")}`} defaultValue={values?.address} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField reply={reply} name="district" label={`${t("schools.field.district")} ${t("common.optional")}`} defaultValue={values?.district} />
        <TextField reply={reply} name="province" label={`${t("schools.field.province")} ${t("common.optional")}`} defaultValue={values?.province ?? "Bình Dương"} />
        <TextField reply={reply} name="phone" type="tel" label={`${t("schools.field.phone")} ${t("common.optional")}`} defaultValue={values?.phone} />
        <TextField reply={reply} name="email" type="email" label={`${t("schools.field.email")} ${t("common.optional")}`} defaultValue={values?.email} />
      </div>
    </>
  );
}
