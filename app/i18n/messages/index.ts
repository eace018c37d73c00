// Every catalogue, merged. Each capability owns one file, so issues do not edit each other's strings.
import * as common from "./common";
import * as workshops from "./workshops";
import * as courses from "./courses";
import * as classes from "./classes";
import * as tours from "./tours";
import * as certificates from "./certificates";
import * as security from "./security";
import * as insights from "./insights";
import * as journeys from "./journeys";
import * as lab from "./lab";
import * as mail from "./mail";
import * as guardians from "./guardians";

export const catalogues = {
  vi: { ...common.vi, ...workshops.vi, ...courses.vi, ...classes.vi, ...tours.vi, ...certificates.vi, ...security.vi, ...insights.vi, ...mail.vi, ...lab.vi, ...journeys.vi, ...guardians.vi },
  en: { ...common.en, ...workshops.en, ...courses.en, ...classes.en, ...tours.en, ...certificates.en, ...security.en, ...insights.en, ...mail.en, ...lab.en, ...journeys.en, ...guardians.en },
};

export type MessageKey = keyof typeof catalogues.vi;
