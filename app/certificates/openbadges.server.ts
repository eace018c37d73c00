// Certificates as Open Badges 3.0 OpenBadgeCredentials (W3C VC 2.0), signed with a Data Integrity proof
// (eddsa-rdfc-2022) by the centre's did:web, with a revocation Bitstring Status List entry. Signing and verifying use
// the Digital Bazaar libraries with only local documents (app/certificates/jsonld.server.ts).
import type { DB } from "~/lib/db.server";
import { activeSigningKey, didDocument, didForOrigin } from "./issuer-keys.server";
import { localDocumentLoader, OB_V3_CONTEXT, VC_V2_CONTEXT, type DocumentLoader } from "./jsonld.server";
import { revokedPositions, statusEntry, statusListCredential, statusListExists, statusListUrl } from "./status-list.server";
import type { CertificateRecord } from "./queries.server";
import { publicView, type PublicCertificate } from "./verify.server";

export const OB_CONTEXT = [VC_V2_CONTEXT, OB_V3_CONTEXT];

// The signing libraries (and jsonld) load on first use, as pdf-lib does: a server that is never asked for a credential
// never loads them.
const loadLibraries = async () => {
  const [{ DataIntegrityProof }, { cryptosuite }, { checkStatus }, vc] = await Promise.all([
    import("@digitalbazaar/data-integrity"),
    import("@digitalbazaar/eddsa-rdfc-2022-cryptosuite"),
    import("@digitalbazaar/vc-bitstring-status-list"),
    import("@digitalbazaar/vc"),
  ]);
  return { DataIntegrityProof, eddsaRdfc2022: cryptosuite, checkStatus, vc };
};

const ACHIEVEMENT_TYPE = { course: "CertificateOfCompletion", workshop: "Certificate", tour: "Certificate" } as const;

const CRITERIA = {
  course: "Hoàn thành mọi bài học bắt buộc và bài kiểm tra của khóa học. / Completed every required lesson and quiz of the course.",
  workshop: "Có mặt đủ số buổi yêu cầu của workshop. / Attended the required meetings of the workshop.",
  tour: "Tham gia chuyến tham quan trải nghiệm cùng lớp. / Took part in the experience tour with their class.",
} as const;

export type CredentialSource = PublicCertificate & { programId: number; statusIndex: number | null };

export function credentialSource(c: CertificateRecord): CredentialSource {
  return { ...publicView(c), programId: c.program_id, statusIndex: c.status_index };
}

/**
 * The unsigned credential. Every term is defined by the VC 2.0 or OB 3.0.3 context (safe-mode JSON-LD expansion
 * passes). Bilingual: the achievement's name is the Vietnamese title (inLanguage "vi", OB 3.0's Achievement
 * property); the English title is in its description, "vi / en".
 */
export function openBadgeCredential(c: CredentialSource, origin: string, verifyUrl: string) {
  const issuer = didForOrigin(origin);
  return {
    "@context": OB_CONTEXT,
    id: verifyUrl,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: `${c.programTitleVi} — ${c.recipientName}`,
    description: `Số hiệu / Serial: ${c.serial}. Xác minh / Verify: ${verifyUrl}`,
    issuer: {
      id: issuer,
      type: ["Profile"],
      name: c.issuerName,
      url: origin,
      address: { type: ["Address"], addressLocality: c.issuerCity, addressCountry: "VN" },
    },
    validFrom: c.issuedAt,
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: [{ type: "IdentityObject", identityType: "name", hashed: false, identityHash: c.recipientName }],
      achievement: {
        id: `${origin}/achievements/${c.kind}/${c.programId}`,
        type: ["Achievement"],
        achievementType: ACHIEVEMENT_TYPE[c.kind],
        name: c.programTitleVi,
        inLanguage: "vi",
        description: c.programTitleEn ? `${c.programTitleVi} / ${c.programTitleEn}` : c.programTitleVi,
        criteria: { narrative: CRITERIA[c.kind] },
        ...(c.hours !== null ? { creditsAvailable: c.hours } : {}),
        fieldOfStudy: "STEM",
      },
      ...(c.hours !== null ? { creditsEarned: c.hours } : {}),
    },
    ...(c.statusIndex !== null ? { credentialStatus: statusEntry(origin, c.statusIndex) } : {}),
  };
}

/**
 * The loader a verifier on this server uses: the contexts, our DID document (and its verification methods) and our
 * status lists, all from local data.
 */
export function ourDocumentLoader(db: DB, input: { origin: string; now: string }): DocumentLoader {
  const did = didForOrigin(input.origin);
  const listPrefix = statusListUrl(input.origin, 0).slice(0, -1);
  return localDocumentLoader(async (url) => {
    if (url === did || url.startsWith(`${did}#`)) {
      const doc = await didDocument(db, input);
      if (url === did) return doc;
      const method = doc.verificationMethod.find((m) => m.id === url);
      return method ? { "@context": doc["@context"], ...method } : null;
    }
    if (url.startsWith(listPrefix)) {
      const list = Number(url.slice(listPrefix.length));
      if (!(await statusListExists(db, list))) return null;
      return signedStatusList(db, { ...input, list });
    }
    return null;
  });
}

async function sign<T extends object>(db: DB, credential: T, input: { origin: string; now: string }): Promise<T & { proof: object }> {
  const [key, { DataIntegrityProof, eddsaRdfc2022, vc }] = await Promise.all([activeSigningKey(db, input), loadLibraries()]);
  const suite = new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022, date: input.now });
  return vc.issue({ credential, suite, documentLoader: localDocumentLoader() });
}

/** A certificate's credential signed with the active key (made fresh on each request: the key may have rotated). */
export async function signedOpenBadge(db: DB, c: CredentialSource, input: { origin: string; verifyUrl: string; now: string }) {
  return sign(db, openBadgeCredential(c, input.origin, input.verifyUrl), input);
}

// Signed status lists by origin, list, number of set bits and signing key. Bits are only ever set (a revoked or
// superseded certificate never becomes valid again), so the count tells whether the list changed.
const statusListCache = new Map<string, object>();

/** The signed BitstringStatusListCredential of list `list`, with the current revocations. */
export async function signedStatusList(db: DB, input: { origin: string; list: number; now: string }) {
  const [set, key] = await Promise.all([revokedPositions(db, input.list), activeSigningKey(db, input)]);
  const cacheKey = [input.origin, input.list, set.length, key.id].join("|");
  const cached = statusListCache.get(cacheKey);
  if (cached) return structuredClone(cached) as Awaited<ReturnType<typeof sign<Awaited<ReturnType<typeof statusListCredential>>>>>;
  const unsigned = await statusListCredential(db, { ...input, issuer: didForOrigin(input.origin) });
  const signedList = await sign(db, unsigned, input);
  if (statusListCache.size >= 16) statusListCache.clear();
  statusListCache.set(cacheKey, signedList);
  return structuredClone(signedList);
}

export type SignatureCheck = "valid" | "invalid";
export type StatusCheck = "valid" | "revoked" | "unknown";

export interface CredentialCheck {
  signature: SignatureCheck;
  status: StatusCheck;
  /** Why the check failed, in the library's words (for logs and the JSON verifier). */
  reason: string | null;
}

/** Verifies a credential as any standard verifier would, but offline: only our DID and status lists resolve. */
export async function verifyOpenBadge(db: DB, credential: object, input: { origin: string; now: string }): Promise<CredentialCheck> {
  const { DataIntegrityProof, eddsaRdfc2022, checkStatus, vc } = await loadLibraries();
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
  const documentLoader = ourDocumentLoader(db, input);
  let result: Awaited<ReturnType<typeof import("@digitalbazaar/vc").verifyCredential>>;
  try {
    result = await vc.verifyCredential({ credential, suite, documentLoader, checkStatus, now: new Date(input.now) });
  } catch (e) {
    return { signature: "invalid", status: "unknown", reason: e instanceof Error ? e.message : String(e) };
  }
  if (!result.verified) {
    const error = result.error?.errors?.[0] ?? result.error ?? result.results?.[0]?.error;
    const signatureOk = result.results?.[0]?.verified === true;
    return { signature: signatureOk ? "valid" : "invalid", status: "unknown", reason: String(error?.message ?? error ?? "not verified") };
  }
  const statuses = (result.statusResult?.results ?? []) as { status: boolean }[];
  return { signature: "valid", status: statuses.some((s) => s.status) ? "revoked" : "valid", reason: null };
}

/**
 * What the verification page shows: the credential signed now and checked with the standard verifier, the same way a
 * wallet or an employer checks a downloaded copy (signature, then the signed status list).
 */
export async function checkedCertificate(db: DB, c: CertificateRecord, input: { origin: string; verifyUrl: string; now: string }) {
  const credential = await signedOpenBadge(db, credentialSource(c), input);
  return verifyOpenBadge(db, credential, input);
}

/** Largest credential the public verifier accepts (ours are about 3 KB). */
export const MAX_SUBMITTED_CREDENTIAL_BYTES = 64 * 1024;

export type SubmittedCheckRefusal = "tooLarge" | "notJson" | "notOurs";

/**
 * Checks a credential someone submits (POST /verify/credential). Only credentials of this centre's DID are checked,
 * and only local documents resolve, so nothing is fetched whatever the credential names.
 */
export async function checkSubmittedCredential(
  db: DB,
  input: { body: string; origin: string; now: string },
): Promise<{ ok: true; value: CredentialCheck } | { ok: false; reason: SubmittedCheckRefusal }> {
  if (Buffer.byteLength(input.body, "utf8") > MAX_SUBMITTED_CREDENTIAL_BYTES) return { ok: false, reason: "tooLarge" };
  let credential: unknown;
  try {
    credential = JSON.parse(input.body);
  } catch {
    return { ok: false, reason: "notJson" };
  }
  if (!credential || typeof credential !== "object" || Array.isArray(credential)) return { ok: false, reason: "notJson" };
  const issuer = (credential as { issuer?: unknown }).issuer;
  const issuerId = typeof issuer === "string" ? issuer : issuer && typeof issuer === "object" ? (issuer as { id?: unknown }).id : null;
  if (issuerId !== didForOrigin(input.origin)) return { ok: false, reason: "notOurs" };
  return { ok: true, value: await verifyOpenBadge(db, credential, input) };
}
