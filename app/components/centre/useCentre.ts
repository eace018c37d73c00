// The centre's details from the root loader (every page has them), for "contact the centre" messages.
import { useRouteLoaderData } from "@remix-run/react";
import type { CentreView } from "~/centre/centre.server";

export function useCentre(): CentreView | null {
  const root = useRouteLoaderData("root") as { centre?: CentreView } | undefined;
  return root?.centre ?? null;
}
