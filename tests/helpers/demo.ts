// The demo data's shared password (README: demo logins), defined once for the unit and browser tests.
export const DEMO_PASSWORD = "stemhub-demo";
