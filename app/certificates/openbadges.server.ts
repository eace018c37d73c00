// The verification data as an Open Badges 3.0 OpenBadgeCredential. Unsigned for now: no proof, said in the data.
import type { PublicCertificate } from "./verify.server";

export const OB_CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"];

const ACHIEVEMENT_TYPE = { course: "CertificateOfCompletion", workshop: "Certificate", tour: "Certificate" } as const;

const CRITERIA = {
  course: "Hoàn thành mọi bài học bắt buộc và bài kiểm tra của khóa học. / Completed every required lesson and quiz of the course.",
  workshop: "Có mặt đủ số buổi yêu cầu của workshop. / Attended the required meetings of the workshop.",
  tour: "Tham gia chuyến tham quan trải nghiệm cùng lớp. / Took part in the experience tour with their class.",
} as const;

export function openBadgeCredential(c: PublicCertificate & { programId: number }, origin: string, verifyUrl: string) {
  const status =
    c.status === "valid"
      ? undefined
      : {
          id: `${verifyUrl}#status`,
          type: "StemHubCertificateStatus",
          status: c.status,
          ...(c.status === "revoked" ? { revokedAt: c.revokedAt, reason: c.revokedReason } : {}),
        };
  return {
    "@context": OB_CONTEXT,
    id: verifyUrl,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: `${c.programTitleVi} — ${c.recipientName}`,
    description:
      "Unsigned credential: it carries no cryptographic proof. Its status is authoritative only at the verification URL (id). / Chứng nhận chưa ký số: hãy xác minh tại địa chỉ id.",
    issuer: {
      id: origin,
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
        ...(c.programTitleEn ? { alternateName: c.programTitleEn } : {}),
        description: c.programTitleEn ? `${c.programTitleVi} / ${c.programTitleEn}` : c.programTitleVi,
        criteria: { narrative: CRITERIA[c.kind] },
        ...(c.hours !== null ? { creditsAvailable: c.hours, fieldOfStudy: "STEM" } : { fieldOfStudy: "STEM" }),
      },
      ...(c.hours !== null ? { creditsEarned: c.hours } : {}),
    },
    ...(status ? { credentialStatus: status } : {}),
    // Not part of Open Badges: a plain-language warning for people reading the JSON.
    note: "unsigned: no proof section; check the status at the id URL",
    serial: c.serial,
  };
}
