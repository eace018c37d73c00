// The Remix options: one source of truth, imported by vite.config.ts.
/** @type {import("@remix-run/dev").VitePluginConfig} */
export default {
  appDirectory: "app",
  // STEMHUB_BUILD_DIR lets parallel work build elsewhere; npm start and npm test use "build".
  buildDirectory: process.env.STEMHUB_BUILD_DIR || "build",
  serverModuleFormat: "esm",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
    v3_routeConfig: true,
  },
};
