import { CSRF_HEADER, Session } from '@hybrid-hub/contract';
import { DEMO_PASSWORD } from '@hybrid-hub/engine';

export interface SignedIn {
  session: Session;
  /** The `Cookie` request header that carries the session. */
  cookie: string;
  /** What every request of this session sends: the cookie, and the CSRF token. */
  headers: Record<string, string>;
}

/**
 * Signs in over HTTP as a browser would (demo accounts by default password), for tests and
 * benchmarks that call the API themselves.
 */
export async function signIn(
  baseUrl: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<SignedIn> {
  const response = await fetch(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 201) {
    throw new Error(`signing in as ${email} answered ${response.status}: ${await response.text()}`);
  }
  const session = Session.parse(await response.json());
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0]!)
    .join('; ');
  return { session, cookie, headers: { cookie, [CSRF_HEADER]: session.csrfToken } };
}
