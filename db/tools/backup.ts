// A consistent copy of the SQLite file while the server keeps running (SQLite's online backup API through
// better-sqlite3: pages are copied in steps, and writes made meanwhile are included or restarted safely).
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";

export async function backupSqlite(sourceFile: string, destination: string): Promise<{ file: string; bytes: number }> {
  fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
  const source = new SQLite(sourceFile, { readonly: true, fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    await source.backup(destination);
  } finally {
    source.close();
  }
  return { file: destination, bytes: fs.statSync(destination).size };
}
