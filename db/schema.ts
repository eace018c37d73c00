// The Database interface: one part per capability, so each issue extends its own file.
import type { FoundationTables } from "./schema/foundation";
import type { WorkshopsTables } from "./schema/workshops";
import type { CoursesTables } from "./schema/courses";
import type { ClassesTables } from "./schema/classes";
import type { ToursTables } from "./schema/tours";
import type { CertificatesTables } from "./schema/certificates";
import type { SecurityTables } from "./schema/security";
import type { MailTables } from "./schema/mail";
import type { LabTables } from "./schema/lab";
import type { CentreTables } from "./schema/centre";
import type { GuardiansTables } from "./schema/guardians";
import type { InsightsTables } from "./schema/insights";

export interface Database
  extends FoundationTables,
    WorkshopsTables,
    CoursesTables,
    ClassesTables,
    ToursTables,
    CertificatesTables,
    SecurityTables,
    MailTables,
    LabTables,
    CentreTables,
    GuardiansTables,
    InsightsTables {}

export * from "./schema/foundation";
export * from "./schema/insights";
export * from "./schema/workshops";
export * from "./schema/courses";
export * from "./schema/classes";
export * from "./schema/tours";
export * from "./schema/certificates";
export * from "./schema/security";
export * from "./schema/mail";
export * from "./schema/lab";
export * from "./schema/centre";
export * from "./schema/guardians";
