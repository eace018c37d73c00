// Any unknown URL: a 404 page in the user's language (rendered by the root ErrorBoundary).
export async function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}
