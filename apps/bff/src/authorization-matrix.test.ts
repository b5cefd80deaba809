import {
  ADMIN_ROLES,
  CSRF_HEADER,
  HistoryResponse,
  pathFor,
  routes,
  UserDetail,
  type AdminRole,
  type RouteName,
  type RouteSpec,
} from '@hybrid-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, usersIn } from './testing/api.ts';
import { idKind, idsOf, routeTable, SAMPLE_BODIES, type OrgIds } from './testing/route-samples.ts';
import { signIn, type SignedIn } from './testing/sign-in.ts';
import { startTestBff, type TestBff } from './testing/test-bff.ts';

/**
 * The authorization matrix, generated from the route table: every route × every role × own and
 * other organization (and no session at all), each expecting the status its `access` implies.
 * A route added to the table is in the matrix by itself; one whose path parameter or body the
 * matrix cannot fill fails here until a sample is added (testing/route-samples.ts).
 */

/**
 * Signing in and out act on the session itself (a sign-in ends the session it is sent with):
 * they are checked apart, once every other row has run.
 */
const SESSION_ROUTES: RouteName[] = ['signIn', 'signOut'];

interface Principal {
  label: string;
  role: AdminRole | undefined;
  orgId: string | undefined;
  headers: Record<string, string>;
}

let bff: TestBff;
const principals: Principal[] = [];
const ids: Record<string, OrgIds> = {};

beforeAll(async () => {
  bff = await startTestBff({ HUB_LAB: 'true' });
  ids.acme = await idsOf(bff, 'acme');
  ids.globex = await idsOf(bff, 'globex');
  const account = async (email: string): Promise<Principal> => {
    const signedIn: SignedIn = await signIn(bff.url, email);
    return {
      label: `${signedIn.session.admin.role} of ${signedIn.session.organization.id}`,
      role: signedIn.session.admin.role,
      orgId: signedIn.session.organization.id,
      headers: signedIn.headers,
    };
  };
  principals.push(
    { label: 'no session', role: undefined, orgId: undefined, headers: {} },
    await account('support@acme.example'),
    await account('readonly@acme.example'),
    await account('admin@globex.example'),
    // Last: its changes are the only ones that go through, after every refusal was checked.
    await account('admin@acme.example'),
  );
}, 60_000);
afterAll(() => bff.destroy());

async function call(
  name: RouteName,
  spec: RouteSpec,
  principal: Principal,
  orgId: string,
): Promise<number> {
  const kind = idKind(spec);
  const path = kind ? pathFor(spec.path, { id: ids[orgId]![kind] }) : spec.path;
  const headers: Record<string, string> = { ...principal.headers };
  let body: string | undefined;
  if (spec.body) {
    body = JSON.stringify(SAMPLE_BODIES[name]?.(ids[orgId]!));
    headers['content-type'] = 'application/json';
  }
  if (spec.ifMatch) {
    const revision =
      orgId === principal.orgId
        ? (await bff.engine.previewMaintenance(orgId, ids[orgId]!.node)).revision
        : 1;
    headers['if-match'] = `"${revision}"`;
  }
  const abort = new AbortController();
  const response = await fetch(`${bff.url}${path}`, {
    method: spec.method,
    headers,
    body,
    signal: abort.signal,
  });
  // An event stream never ends by itself: its status is all the matrix needs.
  if (spec.produces === 'text/event-stream') abort.abort();
  else await response.arrayBuffer();
  return response.status;
}

/** What a request must be answered with, from the route's rule alone. */
function expectation(spec: RouteSpec, principal: Principal, sameOrg: boolean): string {
  if (spec.access === 'public') return 'not 401/403';
  if (!principal.role) return '401';
  if (!spec.access.includes(principal.role)) return '403';
  if (!sameOrg && idKind(spec)) return '404';
  return spec.method === 'GET' ? '200' : 'done (2xx) or refused by a domain rule (409)';
}

function meets(status: number, expected: string): boolean {
  switch (expected) {
    case 'not 401/403':
      return status !== 401 && status !== 403 && status < 500;
    case '401':
    case '403':
    case '404':
    case '200':
      return String(status) === expected;
    default:
      return (status >= 200 && status < 300) || status === 409;
  }
}

// GETs first, then changes, deletions last: a change must not hide a route from the ones after.
const ORDER = { GET: 0, PUT: 1, POST: 1, DELETE: 2 } as const;
const table = [...routeTable].sort(([, a], [, b]) => ORDER[a.method] - ORDER[b.method]);

describe('the authorization matrix', () => {
  it('has a rule, and what it needs to call it, for every route', () => {
    for (const [name, spec] of table) {
      const rule = spec.access;
      expect(
        rule === 'public' || (rule.length > 0 && rule.every((r) => ADMIN_ROLES.includes(r))),
        name,
      ).toBe(true);
      if (spec.body) {
        const sample = SAMPLE_BODIES[name];
        expect(sample, `a sample body for ${name}`).toBeDefined();
        expect(spec.body.safeParse(sample?.(ids.acme!)).success, `the body of ${name}`).toBe(true);
      }
      idKind(spec);
    }
  });

  it('answers every route × role × organization as its rule says', async () => {
    const results: string[] = [];
    const failures: string[] = [];
    for (const [name, spec] of table.filter(([n]) => !SESSION_ROUTES.includes(n))) {
      for (const principal of principals) {
        const orgs = principal.orgId
          ? [principal.orgId, principal.orgId === 'acme' ? 'globex' : 'acme']
          : ['acme'];
        for (const orgId of orgs) {
          const sameOrg = orgId === principal.orgId;
          // Without an id in the path, "another organization" is the same request.
          if (!sameOrg && !idKind(spec)) continue;
          const expected = expectation(spec, principal, sameOrg);
          const status = await call(name, spec, principal, orgId);
          const row = `${spec.method} ${spec.path} as ${principal.label} on ${orgId}: ${status} (expected ${expected})`;
          results.push(row);
          if (!meets(status, expected)) failures.push(row);
        }
      }
    }
    expect(failures).toEqual([]);
    // Every role was refused somewhere and let through somewhere: the matrix is not vacuous.
    for (const role of ADMIN_ROLES) {
      expect(
        results.some((r) => r.includes(`as ${role} of acme`) && r.includes('(expected 403)')),
      ).toBe(role !== 'full-admin');
      expect(
        results.some((r) => r.includes(`as ${role} of acme`) && r.includes(': 200 (expected 200)')),
      ).toBe(true);
    }
  }, 60_000);

  it('signs out whoever asks, and lets anyone sign in', async () => {
    for (const principal of principals) {
      expect(await call('signOut', routes.signOut, principal, 'acme')).toBe(204);
      // The session has ended: the same request now meets the sign-in rule alone.
      expect(await call('getSession', routes.getSession, principal, 'acme')).toBe(401);
    }
    for (const email of ['support@acme.example', 'readonly@acme.example', 'admin@globex.example']) {
      expect((await signIn(bff.url, email)).session.admin.email).toBe(email);
    }
  });
});

describe('a refused change', () => {
  it("changes nothing: a Support administrator's reactivation is 403, the user and history stay", async () => {
    const [user] = await usersIn(bff, 'Error');
    const historyBefore = HistoryResponse.parse(
      await bff.json(`/api/v1/users/${user!.id}/history`),
    );
    const support = await bff.signIn('support@acme.example');
    // A hand-made request, with the session's real CSRF token: the role alone refuses it.
    const response = await support.send('POST', `/api/v1/users/${user!.id}/reactivate`, undefined, {
      [CSRF_HEADER]: support.session!.csrfToken,
    });
    const problem = await expectProblem(response, 403, 'forbidden');
    expect(problem.detail).toBe(
      "A Support administrator can read users, their history and Diagnostics, and can't change anything.",
    );
    expect(UserDetail.parse(await bff.json(`/api/v1/users/${user!.id}`)).status).toBe('Error');
    expect(HistoryResponse.parse(await bff.json(`/api/v1/users/${user!.id}/history`))).toEqual(
      historyBefore,
    );
  });
});
