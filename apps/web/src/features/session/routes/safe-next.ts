import { matchRoutes, type RouteObject } from 'react-router';

const DEFAULT_PAGE = '/';
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Where to go after signing in: a page of this console that `routes` can show, or the default
 * page. Anyone can write `next` into a link, and browsers are lenient with what follows a `/`:
 * they read a backslash as a slash and drop tabs and line breaks, so `/\evil.example` and
 * `/<tab>/evil.example` are other sites, and so is `/%5Cevil.example` once decoded again. React
 * Router refuses to navigate to another origin, which left the admin on an error page; a path the
 * router has no page for would leave them on "not found". So the value and its decoded form must
 * both be a plain path of this origin, and that path a page of the console.
 */
export function safeNext(
  next: string | null,
  routes: RouteObject[],
  origin: string = window.location.origin,
): string {
  if (!next) return DEFAULT_PAGE;
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return DEFAULT_PAGE;
  }
  for (const form of [next, decoded]) {
    const path = form.split(/[?#]/, 1)[0]!;
    if (!path.startsWith('/') || path.includes('//') || form.includes('\\')) return DEFAULT_PAGE;
    if (CONTROL_CHARACTER.test(form)) return DEFAULT_PAGE;
  }
  const url = new URL(next, origin);
  if (url.origin !== origin) return DEFAULT_PAGE;
  const page = matchRoutes(routes, url.pathname)?.at(-1)?.route;
  // '*' is the console's "not found"; back to the sign-in page would be a loop.
  if (!page || page.path === '*' || page.path === '/sign-in') return DEFAULT_PAGE;
  return `${url.pathname}${url.search}${url.hash}`;
}
