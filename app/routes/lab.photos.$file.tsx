import type { LoaderFunctionArgs } from "@remix-run/node";
import { readPhoto } from "~/lab/photos.server";
import { notFound } from "~/lib/http.server";

// A resource photo (public, like the equipment list). Names are random; anything else is not found.
export async function loader({ params }: LoaderFunctionArgs) {
  const photo = await readPhoto(String(params.file ?? ""));
  if (!photo) throw notFound();
  return new Response(new Uint8Array(photo.body), {
    headers: { "Content-Type": photo.contentType, "Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff" },
  });
}
