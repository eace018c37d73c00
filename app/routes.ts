import type { RouteConfig } from "@remix-run/route-config";
import { flatRoutes } from "@remix-run/fs-routes";

// One module per URL under app/routes (Remix flat-routes naming).
export default flatRoutes() satisfies RouteConfig;
