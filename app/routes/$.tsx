import { notFound } from "~/lib/http.server";

// Any unknown URL: a 404 page in the user's language (rendered by the root ErrorBoundary).
export async function loader() {
  throw notFound();
}

export default function NotFound() {
  return null;
}
