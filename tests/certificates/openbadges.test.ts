// Verifiable certificates (issue 18): signed OB 3.0 credentials, round trip through the standard verifier offline,
// tampering, revocation through the Bitstring Status List, key rotation, valid JSON-LD.
import jsonld from "jsonld";
import { decodeList } from "@digitalbazaar/vc-bitstring-status-list";
import { describe, expect, it } from "vitest";
import { issueCertificate, reissueCertificate, revokeCertificate } from "~/certificates/issue.server";
import { decryptSecret, didDocument, didForOrigin, rotateIssuerKey, withdrawIssuerKey } from "~/certificates/issuer-keys.server";
import { localDocumentLoader } from "~/certificates/jsonld.server";
import { credentialSource, openBadgeCredential, signedOpenBadge, signedStatusList, verifyOpenBadge } from "~/certificates/openbadges.server";
import { getCertificateByCode } from "~/certificates/queries.server";
import { statusPosition } from "~/certificates/status-list.server";
import type { CertificateKind } from "#db/schema";
import { db } from "~/lib/db.server";
import { nowIso } from "~/lib/time";
import { createTestUser } from "../helpers/factories";
import { createTestProgram } from "../helpers/certificates";
import { NOW } from "../helpers/instants";
import { callAction, callLoader, makeRequest } from "../helpers/http";
import { action as verifierAction, loader as verifierLoader } from "~/routes/verify.credential";
import { loader as didLoader } from "~/routes/[.well-known].did[.json]";
import { loader as statusLoader } from "~/routes/credentials.status.$list";

const ORIGIN = "http://localhost:3000";
const at = { origin: ORIGIN, now: NOW };
const CLI = { userId: null, ip: "cli" };

async function issued(kind: CertificateKind, name = "Nguyễn Thị Phương Thảo") {
  const u = await createTestUser({ fullName: name });
  const programId = await createTestProgram(kind, "Lập trình Python cho học sinh", "Python programming for students");
  const r = await issueCertificate(db, { userId: u.id, programId, kind, hours: kind === "course" ? 10 : null, now: NOW });
  if (!r.ok) throw new Error(r.reason);
  return (await getCertificateByCode(db, r.value.certificate.code))!;
}

async function signed(kind: CertificateKind) {
  const c = await issued(kind);
  const credential = await signedOpenBadge(db, credentialSource(c), { ...at, verifyUrl: `${ORIGIN}/verify/${c.code}` });
  return { c, credential };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const clone = (x: object): any => JSON.parse(JSON.stringify(x));

describe("signed Open Badges 3.0 credentials", () => {
  it("the issuer is did:web for the public origin, port percent-encoded", () => {
    expect(didForOrigin("http://localhost:3000")).toBe("did:web:localhost%3A3000");
    expect(didForOrigin("https://stem.example.vn")).toBe("did:web:stem.example.vn");
    expect(didForOrigin("https://example.vn/stem/")).toBe("did:web:example.vn:stem");
  });

  for (const kind of ["course", "workshop", "tour"] as const) {
    it(`a ${kind} certificate verifies offline with the standard verifier, status valid`, async () => {
      const { credential } = await signed(kind);
      expect(credential.proof).toMatchObject({ type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022", proofPurpose: "assertionMethod" });
      expect((credential.proof as { verificationMethod: string }).verificationMethod).toMatch(/^did:web:localhost%3A3000#key-/);
      expect(credential.credentialStatus).toMatchObject({ type: "BitstringStatusListEntry", statusPurpose: "revocation" });
      expect(await verifyOpenBadge(db, credential, at)).toEqual({ signature: "valid", status: "valid", reason: null });
    });

    it(`a ${kind} credential is valid JSON-LD: safe-mode expansion with the published contexts keeps every term`, async () => {
      const c = await issued(kind);
      const unsigned = openBadgeCredential(credentialSource(c), ORIGIN, `${ORIGIN}/verify/${c.code}`);
      const expanded = await jsonld.expand(unsigned, { documentLoader: localDocumentLoader(), safe: true });
      expect(expanded).toHaveLength(1);
      expect(JSON.stringify(expanded)).toContain("https://schema.org/inLanguage");
    });
  }

  it("tampering with the name, the date or the achievement fails verification with a reason", async () => {
    const { credential } = await signed("course");
    const name = clone(credential);
    name.credentialSubject.identifier[0].identityHash = "Someone Else";
    const date = clone(credential);
    date.validFrom = "2020-01-01T00:00:00.000Z";
    const achievement = clone(credential);
    achievement.credentialSubject.achievement.name = "Tiến sĩ Vật lý";
    const hours = clone(credential);
    hours.credentialSubject.creditsEarned = 100;
    for (const bad of [name, date, achievement, hours]) {
      const r = await verifyOpenBadge(db, bad, at);
      expect(r.signature).toBe("invalid");
      expect(r.reason).toBeTruthy();
    }
  });

  it("a term outside the contexts is refused at signing (safe mode), so nothing is silently dropped", async () => {
    const c = await issued("tour");
    const bad = { ...openBadgeCredential(credentialSource(c), ORIGIN, `${ORIGIN}/verify/${c.code}`), serial: c.serial };
    await expect(jsonld.expand(bad, { documentLoader: localDocumentLoader(), safe: true })).rejects.toThrow();
  });

  it("revoking sets the certificate's bit in the signed status list and the verifier reports revoked", async () => {
    const { c, credential } = await signed("workshop");
    await revokeCertificate(db, { certificateId: c.id, reason: "Sai thông tin", actor: { userId: null, ip: "test" }, now: NOW });
    const { list, index } = statusPosition(c.status_index!);
    const sl = await signedStatusList(db, { ...at, list });
    expect(sl.type).toContain("BitstringStatusListCredential");
    expect(sl.credentialSubject.encodedList.startsWith("u")).toBe(true);
    const bits = await decodeList({ encodedList: sl.credentialSubject.encodedList });
    expect(bits.length).toBe(131072);
    expect(bits.getStatus(index)).toBe(true);
    // The credential downloaded before revocation still has a good signature, and now reports revoked.
    expect(await verifyOpenBadge(db, credential, at)).toEqual({ signature: "valid", status: "revoked", reason: null });
  });

  it("superseding (reissue after a name correction) sets the old certificate's bit too", async () => {
    const { c, credential } = await signed("course");
    const r = await reissueCertificate(db, { certificateId: c.id, recipientName: "Nguyễn Thị Phương Thảo B", issuedBy: c.user_id, now: NOW });
    expect(r.ok).toBe(true);
    expect((await verifyOpenBadge(db, credential, at)).status).toBe("revoked");
    if (!r.ok) return;
    const fresh = (await getCertificateByCode(db, r.value.certificate.code))!;
    expect(fresh.status_index).not.toBe(c.status_index);
    const freshCredential = await signedOpenBadge(db, credentialSource(fresh), { ...at, verifyUrl: `${ORIGIN}/verify/${fresh.code}` });
    expect((await verifyOpenBadge(db, freshCredential, at)).status).toBe("valid");
  });

  it("every certificate gets its own status position", async () => {
    const a = await issued("course");
    const b = await issued("tour");
    expect(a.status_index).toBeGreaterThan(0);
    expect(b.status_index).not.toBe(a.status_index);
  });

  it("key rotation: credentials signed with the old key still verify; a withdrawn key fails; unknown keys fail", async () => {
    const { credential: old } = await signed("course");
    const oldKey = (old.proof as { verificationMethod: string }).verificationMethod.split("#")[1];
    const rotated = await rotateIssuerKey(db, { actor: CLI, now: NOW });
    expect(rotated.previous).toBe(oldKey);
    const doc = await didDocument(db, at);
    expect(doc.assertionMethod).toEqual(expect.arrayContaining([`did:web:localhost%3A3000#${oldKey}`, `did:web:localhost%3A3000#${rotated.keyId}`]));
    expect(await verifyOpenBadge(db, old, at)).toEqual({ signature: "valid", status: "valid", reason: null });
    const { credential: fresh } = await signed("tour");
    expect((fresh.proof as { verificationMethod: string }).verificationMethod).toContain(rotated.keyId);

    // An unknown key id (and a DID that is not ours) cannot be resolved: fails, without fetching anything.
    const unknown = clone(fresh);
    unknown.proof.verificationMethod = "did:web:localhost%3A3000#key-unknown";
    expect((await verifyOpenBadge(db, unknown, at)).signature).toBe("invalid");
    const foreign = clone(fresh);
    foreign.proof.verificationMethod = "did:web:evil.example#key-1";
    expect((await verifyOpenBadge(db, foreign, at)).signature).toBe("invalid");

    expect(await withdrawIssuerKey(db, { keyId: rotated.keyId, actor: CLI, now: NOW })).toEqual({ ok: false, reason: "active" });
    expect((await withdrawIssuerKey(db, { keyId: oldKey, actor: CLI, now: NOW })).ok).toBe(true);
    expect((await didDocument(db, at)).assertionMethod).not.toContain(`did:web:localhost%3A3000#${oldKey}`);
    expect((await verifyOpenBadge(db, old, at)).signature).toBe("invalid");
    expect(await verifyOpenBadge(db, fresh, at)).toEqual({ signature: "valid", status: "valid", reason: null });
    const audit = await db.selectFrom("audit_events").select(["action", "subject_id"]).where("action", "in", ["certificate.keyRotated", "certificate.keyWithdrawn"]).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["certificate.keyRotated", "certificate.keyWithdrawn"]);
  });

  it("the signing key is stored encrypted, never in clear", async () => {
    await signed("tour");
    const rows = await db.selectFrom("issuer_keys").select(["secret_key_encrypted", "public_key_multibase"]).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.secret_key_encrypted).toMatch(/^v1:/);
      const secret = decryptSecret(r.secret_key_encrypted);
      expect(secret).toMatch(/^z/);
      expect(r.secret_key_encrypted).not.toContain(secret);
      expect(() => decryptSecret(r.secret_key_encrypted, "another secret")).toThrow(/CREDENTIAL_KEY_SECRET/);
    }
  });
});

describe("/.well-known/did.json and /credentials/status/:list", () => {
  it("serve the DID document and the signed status list with their content types, readable from any origin", async () => {
    const c = await issued("course");
    await revokeCertificate(db, { certificateId: c.id, reason: "Cấp nhầm", actor: { userId: null, ip: "test" }, now: NOW });
    const did = await callLoader(didLoader, await makeRequest("/.well-known/did.json"), {});
    expect(did.status).toBe(200);
    expect(did.headers.get("Content-Type")).toBe("application/did+json");
    expect(did.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(did.data.id).toBe("did:web:localhost%3A3000");
    expect(did.data.verificationMethod[0]).toMatchObject({ type: "Multikey", controller: "did:web:localhost%3A3000" });
    expect(did.data.verificationMethod[0].publicKeyMultibase).toMatch(/^z6Mk/);
    expect(JSON.stringify(did.data)).not.toMatch(/secret|private/i);

    const { list, index } = statusPosition(c.status_index!);
    const sl = await callLoader(statusLoader, await makeRequest(`/credentials/status/${list}`), { list: String(list) });
    expect(sl.status).toBe(200);
    expect(sl.headers.get("Content-Type")).toBe("application/vc+ld+json");
    expect(sl.data.id).toBe(`${ORIGIN}/credentials/status/${list}`);
    expect(sl.data.issuer).toBe("did:web:localhost%3A3000");
    expect(sl.data.credentialSubject).toMatchObject({ type: "BitstringStatusList", statusPurpose: "revocation" });
    expect((await decodeList({ encodedList: sl.data.credentialSubject.encodedList })).getStatus(index)).toBe(true);
    // Signed "now" by the route (validFrom is the real clock): checked at the real clock too.
    const checked = await verifyOpenBadge(db, sl.data, { origin: ORIGIN, now: nowIso() });
    expect(checked.signature).toBe("valid");

    for (const bad of ["0", "999", "abc", "1.5", "-1"]) {
      expect((await callLoader(statusLoader, await makeRequest(`/credentials/status/${bad}`), { list: bad })).status).toBe(404);
    }
  });
});

describe("POST /verify/credential (the JSON verifier)", () => {
  const post = async (body: string, type = "application/json", ip = `10.9.0.${Math.floor(Math.random() * 250)}`) =>
    callAction(verifierAction, await makeRequest("/verify/credential", { method: "POST", headers: { "Content-Type": type } }).then(
      (r) => new Request(r.url, { method: "POST", headers: r.headers, body }),
    ), {}, { clientIp: ip });

  it("checks our credentials: valid, tampered, revoked", async () => {
    const { c, credential } = await signed("course");
    const good = await post(JSON.stringify(credential));
    expect(good.status).toBe(200);
    expect(good.data).toMatchObject({ verified: true, signature: "valid", status: "valid" });
    const tampered = clone(credential);
    tampered.credentialSubject.achievement.name = "Khác";
    expect((await post(JSON.stringify(tampered))).data).toMatchObject({ verified: false, signature: "invalid" });
    await revokeCertificate(db, { certificateId: c.id, reason: "x", actor: CLI, now: NOW });
    expect((await post(JSON.stringify(credential))).data).toMatchObject({ verified: false, signature: "valid", status: "revoked" });
  });

  it("refuses what is not ours, not JSON or too large, and never fetches (another issuer is 422 at once)", async () => {
    const { credential } = await signed("tour");
    const foreign = clone(credential);
    foreign.issuer.id = "did:web:attacker.example";
    expect((await post(JSON.stringify(foreign))).status).toBe(422);
    const pointing = clone(credential);
    pointing.credentialStatus.statusListCredential = "http://169.254.169.254/latest/meta-data";
    const r = await post(JSON.stringify(pointing));
    expect(r.status).toBe(200);
    expect(r.data.verified).toBe(false);
    expect((await post("not json")).status).toBe(400);
    expect((await post("[1,2]")).status).toBe(400);
    expect((await post("x".repeat(70_000))).status).toBe(413);
    expect((await post(JSON.stringify(credential), "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await callLoader(verifierLoader, await makeRequest("/verify/credential"), {})).status).toBe(405);
  });
});
