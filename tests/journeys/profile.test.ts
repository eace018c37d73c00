// Point 2 of issue 19: a student's grade and birth year asked at sign-up and editable on /account.
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { action as accountAction, loader as accountLoader } from "~/routes/account";
import { action as signupAction } from "~/routes/signup";
import { createTestUser, uniqueEmail } from "../helpers/factories";
import { callAction, callLoader, fieldErrorsOf, makeRequest } from "../helpers/http";

const signup = (form: Record<string, string>) =>
  makeRequest("/signup", { form: { fullName: "Lê Ngọc Ánh", role: "student", locale: "vi", password: "mot-cau-de-nho-123", ...form } }).then((r) =>
    callAction(signupAction, r),
  );
const row = (email: string) => db.selectFrom("users").select(["id", "grade", "birth_year"]).where("email", "=", email).executeTakeFirst();

describe("grade and birth year", () => {
  it("a student gives them at sign-up; a teacher's are not kept; bad values answer next to the field and create nothing", async () => {
    const email = uniqueEmail();
    expect((await signup({ email, grade: "8", birthYear: "2012" })).status).toBe(302);
    expect(await row(email)).toMatchObject({ grade: 8, birth_year: 2012 });
    const teacher = uniqueEmail("gv");
    expect((await signup({ email: teacher, role: "teacher", grade: "8", birthYear: "1990" })).status).toBe(302);
    expect(await row(teacher)).toMatchObject({ grade: null, birth_year: null });
    const none = uniqueEmail();
    expect((await signup({ email: none, grade: "", birthYear: "" })).status).toBe(302);
    expect(await row(none)).toMatchObject({ grade: null, birth_year: null });
    const badEmail = uniqueEmail();
    const bad = await signup({ email: badEmail, grade: "13", birthYear: "12" });
    expect(bad.status).toBe(400);
    expect(fieldErrorsOf(bad)).toMatchObject({ grade: ["profile.errors.grade"], birthYear: ["profile.errors.birthYear"] });
    expect(await row(badEmail)).toBeUndefined();
  });

  it("a student edits them on /account (empty clears); a teacher's profile save never sets them", async () => {
    const s = await createTestUser({ role: "student" });
    const save = (userId: number, form: Record<string, string>) =>
      makeRequest("/account", { userId, form: { intent: "profile", fullName: "Học Sinh Thử", locale: "vi", ...form } }).then((r) => callAction(accountAction, r));
    expect((await save(s.id, { grade: "7", birthYear: "2013" })).status).toBe(200);
    const page = await callLoader(accountLoader, await makeRequest("/account", { userId: s.id }));
    expect(page.data.account).toMatchObject({ grade: 7, birthYear: 2013 });
    expect((await save(s.id, { grade: "0" })).status).toBe(400);
    expect((await callLoader(accountLoader, await makeRequest("/account", { userId: s.id }))).data.account).toMatchObject({ grade: 7 });
    expect((await save(s.id, { grade: "", birthYear: "" })).status).toBe(200);
    expect((await callLoader(accountLoader, await makeRequest("/account", { userId: s.id }))).data.account).toMatchObject({ grade: null, birthYear: null });
    const t = await createTestUser({ role: "teacher" });
    expect((await save(t.id, { grade: "9", birthYear: "2010" })).status).toBe(200);
    expect((await callLoader(accountLoader, await makeRequest("/account", { userId: t.id }))).data.account).toMatchObject({ grade: null, birthYear: null });
  });
});
