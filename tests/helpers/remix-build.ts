// Remix's real request handler over a hand-made build: a few routes, the app's own future flags (remix.config.js),
// no client assets. For tests of what Remix does around loaders and rendering (one session look-up per request,
// nothing left pending after a page).
import { createRequestHandler, type ServerBuild } from "@remix-run/server-runtime";
import remixConfig from "../../remix.config.js";

export function handlerForBuild(parts: { entry: unknown; routes: Record<string, unknown>; assetRoutes?: Record<string, unknown> }) {
  const build = {
    mode: "production",
    entry: { module: parts.entry },
    routes: parts.routes,
    assets: { url: "/manifest.js", version: "1", entry: { imports: [], module: "/entry.js" }, routes: parts.assetRoutes ?? {} },
    publicPath: "/",
    assetsBuildDirectory: "public/build",
    future: remixConfig.future,
    isSpaMode: false,
  } as unknown as ServerBuild;
  return createRequestHandler(build, "production");
}
