// Test helpers of the certificates capability: programs to certify (a class to print for: createTestClass in
// ./factories). Reading PDFs and QR
// codes back lives in ./documents.
import type { ProgramKind } from "#db/schema";
import { createProgram } from "~/catalog/programs.server";
import { db } from "~/lib/db.server";

let n = 0;
export async function createTestProgram(
  kind: ProgramKind,
  titleVi = `Chương trình thử ${++n}`,
  titleEn: string | null = `Test program ${n}`
) {
  const id = await createProgram(db, { kind, slug: `cert-test-${kind}-${++n}-${Date.now()}`, titleVi, titleEn, status: "published" });
  if (!id) throw new Error("createTestProgram failed");
  return id;
}
