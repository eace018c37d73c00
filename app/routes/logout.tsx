import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { endSession } from "~/auth/lucia.server";
import { parseForm } from "~/lib/forms.server";

// POST only: logging out changes state, so a GET (a link, a prefetch) must not do it.
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  // Read (and ignore) the body before answering, so an unexpected upload never drops the connection.
  await parseForm(request, z.object({}));
  const cookie = await endSession(request);
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}
