// Public verification: valid / revoked / superseded, nothing private, the same 404 for bad codes, throttled per IP.
import { describe, expect, it } from "vitest";
import { issueCertificate, reissueCertificate, revokeCertificate } from "~/certificates/issue.server";
import { VERIFY_LIMIT } from "~/certificates/verify.server";
import { db } from "~/lib/db.server";
import { localeCookie } from "~/i18n/locale.server";
import { resetThrottle } from "~/lib/throttle.server";
import { loader as verifyLoader } from "~/routes/verify.$code";
import { loader as verifyJsonLoader } from "~/routes/verify.$code[.json]";
import { createTestUser } from "../helpers/factories";
import { callLoader, makeRequest } from "../helpers/http";
import { createTestProgram } from "../helpers/certificates";
import { awayFromWindowEdge, NOW } from "../helpers/instants";

let ipCounter = 0;
const freshIp = () => `10.0.0.${++ipCounter}`;

async function issued() {
  const u = await createTestUser({ fullName: "Nguyễn Thị Phương Thảo", email: `thao${Date.now()}${ipCounter}@example.com` });
  const programId = await createTestProgram("course", "Lập trình Python cho học sinh", "Python programming for students");
  const r = await issueCertificate(db, { userId: u.id, programId, kind: "course", hours: 10, now: NOW });
  if (!r.ok) throw new Error(r.reason);
  return { user: u, cert: r.value.certificate };
}

const verify = async (code: string, ip = freshIp()) =>
  callLoader(verifyLoader, await makeRequest(`/verify/${code}`), { code }, { clientIp: ip });
const verifyJson = async (code: string, ip = freshIp()) =>
  callLoader(verifyJsonLoader, await makeRequest(`/verify/${code}.json`), { code }, { clientIp: ip });

describe("/verify/:code", () => {
  it("shows a valid certificate to anyone, with only what a verifier needs", async () => {
    const { cert } = await issued();
    const res = await verify(cert.code);
    expect(res.status).toBe(200);
    const c = res.data.certificate;
    expect([c.status, c.recipientName, c.programTitleVi, c.serial, c.hours]).toEqual([
      "valid",
      "Nguyễn Thị Phương Thảo",
      "Lập trình Python cho học sinh",
      cert.serial,
      10,
    ]);
    expect(Object.keys(c).sort()).toEqual(
      [
        "serial",
        "kind",
        "status",
        "recipientName",
        "programTitleVi",
        "programTitleEn",
        "hours",
        "issuedAt",
        "issuerName",
        "issuerCity",
        "revokedAt",
        "revokedReason",
        "programTitle",
      ].sort()
    );
    expect(JSON.stringify(res.data)).not.toMatch(/@|user_id|email/);
    // Checked with the standard verifier: the signature and the signed status list.
    expect(res.data.checks).toEqual({ signature: "valid", status: "valid", issuer: "did:web:localhost%3A3000" });
  });

  it("names the program in the visitor's language (the language cookie), Vietnamese by default", async () => {
    const { cert } = await issued();
    expect((await verify(cert.code)).data.certificate.programTitle).toBe("Lập trình Python cho học sinh");
    const cookie = (await localeCookie.serialize("en")).split(";")[0];
    const en = await callLoader(verifyLoader, await makeRequest(`/verify/${cert.code}`, { cookie }), { code: cert.code }, { clientIp: freshIp() });
    expect(en.data.certificate.programTitle).toBe("Python programming for students");
  });

  it("revocation shows at once with date and reason; a superseded certificate still verifies, as superseded", async () => {
    const { cert } = await issued();
    await revokeCertificate(db, { certificateId: cert.id, reason: "Thông tin không chính xác", actor: { userId: null, ip: "test" }, now: NOW });
    const revoked = await verify(cert.code);
    expect(revoked.data.certificate.status).toBe("revoked");
    expect(revoked.data.certificate.revokedReason).toBe("Thông tin không chính xác");
    expect(revoked.data.certificate.revokedAt).toBeTruthy();
    expect(revoked.data.checks).toMatchObject({ signature: "valid", status: "revoked" });

    const second = await issued();
    const staff = await createTestUser({ role: "staff" });
    const re = await reissueCertificate(db, { certificateId: second.cert.id, recipientName: "Nguyễn Thị Phương Thảo", issuedBy: staff.id, now: NOW });
    if (!re.ok) throw new Error();
    const old = await verify(second.cert.code);
    expect(old.status).toBe(200);
    expect(old.data.certificate.status).toBe("superseded");
    expect(old.data.checks.status).toBe("revoked");
    expect(JSON.stringify(old.data)).not.toContain(re.value.certificate.code);
    expect((await verify(re.value.certificate.code)).data.certificate.status).toBe("valid");
  });

  it("unknown, malformed and near-miss codes get the same 404, never a 500", async () => {
    const { cert } = await issued();
    const nearMiss = cert.code.slice(0, -1) + (cert.code.endsWith("A") ? "B" : "A");
    for (const code of [nearMiss, "abc", "", "x".repeat(500), "%00", "' or 1=1 --", "../../etc/passwd", "A".repeat(22)]) {
      const res = await verify(code);
      expect(res.status, code).toBe(404);
      expect(res.data).toBe("Not Found");
      const json = await verifyJson(code);
      expect(json.status, code).toBe(404);
      expect(json.data).toEqual({ error: "not_found" });
    }
  });

  it("throttles look-ups per IP (60 a minute → 429), other visitors unaffected", { timeout: 120_000 }, async () => {
    const { cert } = await issued();
    const ip = "203.0.113.9";
    const windowOf = () => Math.floor(Date.now() / VERIFY_LIMIT.windowMs);
    // The 61 look-ups must fall in one window (windows start on the minute): slow runs once straddled two. If a
    // run on a loaded machine still does, the count restarted midway and proves nothing: it is done again.
    for (let attempt = 1; ; attempt++) {
      await awayFromWindowEdge(VERIFY_LIMIT.windowMs, 20_000);
      const window = windowOf();
      await resetThrottle(db, VERIFY_LIMIT, ip);
      const statuses: number[] = [];
      for (let i = 0; i < VERIFY_LIMIT.max; i++) statuses.push((await verify(i % 2 ? cert.code : "nope", ip)).status);
      const limited = await verify(cert.code, ip);
      const limitedJson = await verifyJson(cert.code, ip);
      if (windowOf() !== window && attempt < 3) continue;
      expect(windowOf(), "the look-ups stayed in one window").toBe(window);
      expect(statuses).not.toContain(429);
      expect(limited.status).toBe(429);
      expect(limited.headers.get("Retry-After")).toBe("60");
      expect(limitedJson.status).toBe(429);
      break;
    }
    expect((await verify(cert.code, "198.51.100.1")).status).toBe(200);
  });
});

describe("/verify/:code.json", () => {
  it("is a signed Open Badges 3.0 OpenBadgeCredential with a revocation status list entry", async () => {
    const { cert } = await issued();
    const res = await verifyJson(cert.code);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("application/json");
    const vc = res.data;
    expect(vc["@context"]).toEqual(["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]);
    expect(vc.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(vc.id).toBe(`http://localhost:3000/verify/${cert.code}`);
    expect(vc.issuer.id).toBe("did:web:localhost%3A3000");
    expect(vc.issuer.type).toEqual(["Profile"]);
    expect(vc.issuer.name).toContain("Bình Dương");
    expect(vc.validFrom).toBe(cert.issued_at);
    expect(vc.credentialSubject.type).toEqual(["AchievementSubject"]);
    expect(vc.credentialSubject.identifier[0]).toMatchObject({
      identityType: "name",
      hashed: false,
      identityHash: "Nguyễn Thị Phương Thảo",
    });
    expect(vc.credentialSubject.achievement).toMatchObject({
      type: ["Achievement"],
      name: "Lập trình Python cho học sinh",
      inLanguage: "vi",
      achievementType: "CertificateOfCompletion",
    });
    expect(vc.credentialSubject.achievement.alternateName).toBeUndefined();
    expect(vc.proof).toMatchObject({ type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022" });
    expect(vc.credentialStatus).toMatchObject({
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListCredential: "http://localhost:3000/credentials/status/1",
    });
    expect(res.headers.get("Content-Disposition")).toBeNull();

    const download = await callLoader(verifyJsonLoader, await makeRequest(`/verify/${cert.code}.json?download=1`), { code: cert.code }, { clientIp: freshIp() });
    expect(download.headers.get("Content-Disposition")).toBe(`attachment; filename="${cert.serial}.credential.json"`);
    expect(download.data.proof).toBeTruthy();
  });
});
