// Imported statically so the migrations also run from the built server bundle.
import type { Migration } from "kysely";
import * as m0001 from "./0001_foundation";
import * as m0002 from "./0002_workshops";
import * as m0003 from "./0003_courses";
import * as m0004 from "./0004_classes";
import * as m0005 from "./0005_tours";
import * as m0006 from "./0006_certificates";
import * as m0007 from "./0007_security";
import * as m0008 from "./0008_search_index";
import * as m0009 from "./0009_class_consent";
import * as m0010 from "./0010_sign_in";
import * as m0011 from "./0011_centre_settings";
import * as m0012 from "./0012_performance";
import * as m0013 from "./0013_lab";
import * as m0014 from "./0014_insights";
import * as m0015 from "./0015_email_outbox";
import * as m0016 from "./0016_email_tokens";
import * as m0017 from "./0017_topic_names";
import * as m0019 from "./0019_mail_more";
import * as m0020 from "./0020_guardians";
import * as m0021 from "./0021_tour_checkins";
import * as m0022 from "./0022_verifiable_credentials";
import * as m0023 from "./0023_medical_note_retention";
import * as m0024 from "./0024_workshop_slips";
import * as m0025 from "./0025_student_cards";
import * as m0026 from "./0026_insights_scale";
import * as m0027 from "./0027_students_served_summary";
import * as m0028 from "./0028_report_name_order";
import * as m0029 from "./0029_staff_lists_order";
import * as m0030 from "./0030_insight_days";
import * as m0031 from "./0031_served_summary_scale";
import * as m0032 from "./0032_unmet_summary";
import * as m0033 from "./0033_meeting_marks";
import * as m0034 from "./0034_unmet_counts";
import * as m0035 from "./0035_course_progress_counts";

export const migrations: Record<string, Migration> = {
  "0001_foundation": m0001,
  "0002_workshops": m0002,
  "0003_courses": m0003,
  "0004_classes": m0004,
  "0005_tours": m0005,
  "0006_certificates": m0006,
  "0007_security": m0007,
  "0008_search_index": m0008,
  "0009_class_consent": m0009,
  "0010_sign_in": m0010,
  "0011_centre_settings": m0011,
  "0012_performance": m0012,
  "0013_lab": m0013,
  "0014_insights": m0014,
  "0015_email_outbox": m0015,
  "0016_email_tokens": m0016,
  "0017_topic_names": m0017,
  "0019_mail_more": m0019,
  "0020_guardians": m0020,
  "0021_tour_checkins": m0021,
  "0022_verifiable_credentials": m0022,
  "0023_medical_note_retention": m0023,
  "0024_workshop_slips": m0024,
  "0025_student_cards": m0025,
  "0026_insights_scale": m0026,
  "0027_students_served_summary": m0027,
  "0028_report_name_order": m0028,
  "0029_staff_lists_order": m0029,
  "0030_insight_days": m0030,
  "0031_served_summary_scale": m0031,
  "0032_unmet_summary": m0032,
  "0033_meeting_marks": m0033,
  "0034_unmet_counts": m0034,
  "0035_course_progress_counts": m0035,
};
