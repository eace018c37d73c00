import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [tailwindcss(), remix(remixConfig), tsconfigPaths()],
  // better-sqlite3 and argon2 are native: never bundle them into the server build.
  ssr: { external: ["better-sqlite3", "@node-rs/argon2"], noExternal: ["kysely", "zod", "@conform-to/zod"] },
  build: { target: "es2022" },
});
