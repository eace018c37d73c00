import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/auth/lucia.server";

// POST only: logging out changes state, so a GET (a link, a prefetch) must not do it.
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const cookie = await endSession(request);
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}
