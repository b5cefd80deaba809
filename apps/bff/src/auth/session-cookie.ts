import { SECURE_SESSION_COOKIE as SECURE_NAME, SESSION_COOKIE as NAME } from '@hybrid-hub/contract';
import type { CookieOptions, Request, Response } from 'express';

// Over HTTPS the cookie takes the `__Host-` prefix (SECURE_NAME): browsers then accept it only
// when Secure, for path /, without a Domain, so no subdomain or plain-HTTP page can plant or
// shadow it.

export type CookieSecurity = 'auto' | 'true' | 'false';

/** The session cookie: HttpOnly (no script reads it), SameSite=Strict, Secure over HTTPS. */
export interface SessionCookie {
  read(req: Request): string | undefined;
  set(req: Request, res: Response, token: string): void;
  clear(req: Request, res: Response): void;
}

export function sessionCookie(security: CookieSecurity): SessionCookie {
  const secure = (req: Request) => security === 'true' || (security === 'auto' && req.secure);
  const options = (req: Request): CookieOptions => ({
    httpOnly: true,
    // Strict: no other site's page can make the browser send it. The SPA's own requests are
    // same-site, and a link from elsewhere only loads the page, which holds no data by itself.
    sameSite: 'strict',
    secure: secure(req),
    path: '/',
    // No Max-Age: the cookie goes when the browser closes; the server ends the session anyway
    // (idle and absolute expiry).
  });
  const nameFor = (req: Request) => (secure(req) ? SECURE_NAME : NAME);

  return {
    // Only the name this request would be given: over HTTPS a plain `hub_session` may have been
    // planted by a plain-HTTP page or a sibling subdomain (no prefix guarantees its origin), so
    // it names no session there.
    read(req) {
      return parseCookies(req.headers.cookie).get(nameFor(req));
    },
    set(req, res, token) {
      res.cookie(nameFor(req), token, options(req));
    },
    // Both names: a cookie set before the proxy (or HUB_COOKIE_SECURE) changed is gone too, and
    // nothing a browser still holds can outlive the sign-out.
    clear(req, res) {
      res.clearCookie(NAME, { ...options(req), secure: false });
      res.clearCookie(SECURE_NAME, { ...options(req), secure: true });
    },
  };
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    // The first of two cookies with one name wins, as browsers send the most specific first.
    if (!name || cookies.has(name)) continue;
    const value = part.slice(at + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      // A value that is not valid percent-encoding names no session.
    }
  }
  return cookies;
}
