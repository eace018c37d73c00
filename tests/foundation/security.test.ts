import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, isCrossSiteRequest, isScannerPage } from "../../server/security.mjs";
import { safeRedirectPath } from "~/lib/guards.server";
import { action as loginAction } from "~/routes/login";
import { TEST_PASSWORD, createTestUser } from "../helpers/factories";
import { callAction, makeRequest } from "../helpers/http";

const here = ["http://localhost:3000"];

describe("CSRF origin check", () => {
  it("refuses state changes from another site", () => {
    expect(isCrossSiteRequest("POST", { origin: "http://evil.example" }, here)).toBe(true);
    expect(isCrossSiteRequest("POST", { origin: "null" }, here)).toBe(true);
    expect(isCrossSiteRequest("POST", { referer: "http://evil.example/page" }, here)).toBe(true);
    expect(isCrossSiteRequest("DELETE", { origin: "http://localhost:3000.evil.example" }, here)).toBe(true);
  });

  it("allows same-site state changes and every safe method", () => {
    expect(isCrossSiteRequest("POST", { origin: "http://localhost:3000" }, here)).toBe(false);
    expect(isCrossSiteRequest("POST", { referer: "http://localhost:3000/login" }, here)).toBe(false);
    expect(isCrossSiteRequest("GET", { origin: "http://evil.example" }, here)).toBe(false);
  });

  it("a POST with neither Origin nor Referer passes the origin check (a non-browser client); the session cookie is SameSite=Lax, so a browser's cross-site POST carries no session", async () => {
    expect(isCrossSiteRequest("POST", {}, here)).toBe(false);
    expect(isCrossSiteRequest("POST", { origin: null, referer: null }, here)).toBe(false);
    // A Referer that is not a URL is refused rather than trusted.
    expect(isCrossSiteRequest("POST", { referer: "not a url" }, here)).toBe(true);
    const user = await createTestUser();
    const res = await callAction(loginAction, await makeRequest("/login", { form: { identifier: user.email!, password: TEST_PASSWORD } }));
    expect(res.status).toBe(302);
    const cookie = res.headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/HttpOnly/i);
  });

  it("sets a nonce-based script policy that forbids framing", () => {
    const csp = contentSecurityPolicy("abc");
    expect(csp).toContain("script-src 'self' 'nonce-abc'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it("lets only the check-in page compile WebAssembly (the QR decoder); never JavaScript eval", () => {
    expect(contentSecurityPolicy("abc")).not.toContain("wasm-unsafe-eval");
    const scanner = contentSecurityPolicy("abc", { scanner: true });
    expect(scanner).toContain("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval'");
    expect(scanner).not.toMatch(/'unsafe-eval'|unsafe-inline'[^;]*script/);
    expect(isScannerPage("/bookings/12/checkin")).toBe(true);
    expect(isScannerPage("/bookings/12/checkin/")).toBe(true);
    for (const other of ["/bookings/12", "/bookings/12/slips", "/bookings/x/checkin", "/bookings/12/checkin/more", "/x/bookings/12/checkin"]) {
      expect(isScannerPage(other)).toBe(false);
    }
  });
});

describe("redirect targets", () => {
  it("accept local paths only", () => {
    expect(safeRedirectPath("/classes/1")).toBe("/classes/1");
    expect(safeRedirectPath("//evil.example")).toBe("/dashboard");
    expect(safeRedirectPath("https://evil.example")).toBe("/dashboard");
    expect(safeRedirectPath("/\\evil.example")).toBe("/dashboard");
  });
});

describe("CSP nonces", () => {
  it("are 128 random bits each, never repeated, also across refills of the random pool", () => {
    const nonces = Array.from({ length: 1000 }, () => createNonce());
    expect(new Set(nonces).size).toBe(1000);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});
