// Point 1 of issue 19: log-in, sign-up and their links carry redirectTo, so a visitor comes back to the session.
import { describe, expect, it } from "vitest";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { action as signupAction, loader as signupLoader } from "~/routes/signup";
import { TEST_PASSWORD, createTestUser, uniqueEmail } from "../helpers/factories";
import { callAction, callLoader, makeRequest } from "../helpers/http";

const signup = (form: Record<string, string>) =>
  makeRequest("/signup", { form: { fullName: "Lê Ngọc Ánh", role: "student", locale: "vi", password: "mot-cau-de-nho-123", email: uniqueEmail(), ...form } }).then((r) =>
    callAction(signupAction, r),
  );

describe("coming back to where you were", () => {
  it("sign-up lands on the page it was opened from (a session card), never on another site", async () => {
    const back = await signup({ redirectTo: "/workshops/robot-co-ban#session-3" });
    expect(back.status).toBe(302);
    expect(back.location).toBe("/workshops/robot-co-ban#session-3");
    expect((await signup({ redirectTo: "//evil.example/x" })).location).toBe("/dashboard");
    expect((await signup({ redirectTo: "https://evil.example/x" })).location).toBe("/dashboard");
    expect((await signup({})).location).toBe("/dashboard");
  });

  it("log-in lands on the join link or the session it was sent from", async () => {
    const u = await createTestUser({ role: "student" });
    const r = await callAction(
      loginAction,
      await makeRequest("/login", { form: { identifier: u.email!, password: TEST_PASSWORD, redirectTo: "/join/ABCD1234" } }),
      {},
      { clientIp: "10.9.0.1" },
    );
    expect(r.location).toBe("/join/ABCD1234");
  });

  it("a signed-in user opening /signup or /login with redirectTo goes straight there", async () => {
    const u = await createTestUser({ role: "student" });
    expect((await callLoader(signupLoader, await makeRequest("/signup?redirectTo=%2Fworkshops%2Fx", { userId: u.id }))).location).toBe("/workshops/x");
    expect((await callLoader(loginLoader, await makeRequest("/login?redirectTo=%2Fworkshops%2Fx", { userId: u.id }))).location).toBe("/workshops/x");
  });
});
