// Production entry: prepare the database (migrate, demo data on first run), then serve.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createApp } from "./app.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildDir = path.resolve(root, process.env.STEMHUB_BUILD_DIR || "build");
process.env.NODE_ENV ??= "production";

const build = await import(pathToFileURL(path.join(buildDir, "server", "index.js")).href);
await build.entry.module.prepareDatabase();

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "0.0.0.0";
const app = createApp({ build, buildDir, publicOrigin: (process.env.PUBLIC_ORIGIN || "").replace(/\/+$/, "") });
const server = app.listen(port, host, () => {
  const address = server.address();
  const actual = typeof address === "object" && address ? address.port : port;
  console.log(`stem-hub listening on http://localhost:${actual}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
