import {
  AUDIT_EXPORT_COLUMNS,
  PROBLEM_CONTENT_TYPE,
  Problem,
  routes,
  USER_EXPORT_COLUMNS,
} from '@hybrid-hub/contract';
import { liveFormulas, readCsv } from '@hybrid-hub/contract/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataSnapshot } from './testing/data-snapshot.ts';
import {
  describeRequest,
  fuzzRequest,
  type FuzzPrincipal,
  type FuzzRequest,
} from './testing/fuzz-requests.ts';
import { idsOf, type OrgIds } from './testing/route-samples.ts';
import { signIn } from './testing/sign-in.ts';
import { startTestBff, type TestBff } from './testing/test-bff.ts';

/**
 * The API under random and malformed input: every route of the table × ids, query strings,
 * bodies and headers from fast-check (testing/fuzz-requests.ts), as each role and as nobody.
 * Whatever comes in, no answer is a 5xx; every error is problem+json that parses as a Problem
 * with its own status; no answer carries a stack trace, an internal error, a password hash or
 * an AXL password; no prototype gets polluted; and a batch of requests that were all refused
 * leaves the product's data exactly as it was.
 *
 * FUZZ_RUNS (batches of BATCH requests) and FUZZ_SEED repeat or widen a run.
 */

const BATCH = 20;
const SUPPORT = 'support@acme.example';
/** Each CSV download with the list that counts its entries. */
const CSV_ROUTES: [list: string, file: string, columns: readonly string[]][] = [
  [routes.listAuditEntries.path, routes.exportAuditCsv.path, AUDIT_EXPORT_COLUMNS],
  [routes.listUsers.path, routes.exportUsersCsv.path, USER_EXPORT_COLUMNS],
];
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

/** What no answer may contain: internals, or secrets the BFF holds. */
const LEAKS: [string, RegExp][] = [
  ['stack trace', /\n\s+at [^\n]+:\d+:\d+/],
  ['source path', /\/(?:src|node_modules)\/[\w./-]+\.(?:ts|js)/],
  ['database error', /SqliteError|SQLITE_|no such (?:table|column)|syntax error/i],
  ['JavaScript error', /\b(?:TypeError|ReferenceError|RangeError|SyntaxError):/],
  ['AXL password', /demo-axl-secret|axl_?password/i],
  ['password hash', /\$argon2/],
];

/** Inputs no route may accept: whatever the route, the answer is a refusal. */
const NEVER_ACCEPTED = new Set([
  'wrong content type',
  'invalid JSON text',
  'prototype-pollution key',
  'deep nesting',
  'huge array',
  'body over the size limit',
  'array instead of object',
  'null body',
  'unknown field',
  'malformed id encoding',
  'unknown route',
]);

interface Tally {
  requests: number;
  byPrincipal: Map<string, number>;
  byRoute: Map<string, number>;
  byStatus: Map<number, number>;
  byKind: Map<string, number>;
  batches: number;
  /** Batches where every request was refused, whose data was then compared. */
  refusedBatchesChecked: number;
  refusedRequestsChecked: number;
  acceptedChanges: number;
}

const tally: Tally = {
  requests: 0,
  byPrincipal: new Map(),
  byRoute: new Map(),
  byStatus: new Map(),
  byKind: new Map(),
  batches: 0,
  refusedBatchesChecked: 0,
  refusedRequestsChecked: 0,
  acceptedChanges: 0,
};
const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

let bff: TestBff;
const principals: FuzzPrincipal[] = [];
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  bff = await startTestBff({ HUB_LAB: 'true' });
  const ids: Record<string, OrgIds> = {
    acme: await idsOf(bff, 'acme'),
    globex: await idsOf(bff, 'globex'),
  };
  const as = async (email: string, orgId: string, other: string): Promise<FuzzPrincipal> => ({
    label: email,
    headers: (await signIn(bff.url, email)).headers,
    signedIn: true,
    own: ids[orgId]!,
    other: ids[other]!,
  });
  principals.push(
    await as('admin@acme.example', 'acme', 'globex'),
    await as('readonly@acme.example', 'acme', 'globex'),
    await as(SUPPORT, 'acme', 'globex'),
    await as('admin@globex.example', 'globex', 'acme'),
    { label: 'no session', headers: {}, signedIn: false, own: ids.acme!, other: ids.globex! },
  );
}, 60_000);

afterAll(async () => {
  printTally();
  await bff?.destroy();
});

/** Mostly Acme's Full administrator (who may reach every handler), some of each other role. */
const requests = fc.constantFrom(0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4).chain((i) =>
  fuzzRequest(principals[i]!).map((request) => ({
    principal: principals[i]!,
    request,
    [fc.toStringMethod]: () => `${describeRequest(request)} as ${principals[i]!.label}`,
  })),
);

async function send(request: FuzzRequest): Promise<{ status: number; type: string; text: string }> {
  const abort = new AbortController();
  const response = await fetch(`${bff.url}${request.url}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: abort.signal,
  });
  const type = response.headers.get('content-type') ?? '';
  // An open event stream never ends by itself: its status and type are what count.
  if (type.startsWith('text/event-stream')) {
    abort.abort();
    return { status: response.status, type, text: '' };
  }
  return { status: response.status, type, text: await response.text() };
}

/** Why the answer breaks the rules, if it does. */
function violation(
  request: FuzzRequest,
  status: number,
  type: string,
  text: string,
): string | undefined {
  if (status >= 500) return `${status}: ${text.slice(0, 300)}`;
  const never = request.kinds.find((kind) => NEVER_ACCEPTED.has(kind));
  if (status < 400 && never) return `accepted (${status}) despite ${never}`;
  for (const [what, pattern] of LEAKS) {
    if (pattern.test(text)) return `leaks a ${what}: ${text.slice(0, 300)}`;
  }
  if (status < 400 || request.method === 'HEAD') return undefined;
  if (!type.startsWith(PROBLEM_CONTENT_TYPE)) return `${status} as ${type}, not problem+json`;
  let problem: Problem;
  try {
    problem = Problem.parse(JSON.parse(text));
  } catch (error) {
    return `${status} body is not a Problem (${String(error).slice(0, 200)}): ${text.slice(0, 200)}`;
  }
  if (problem.status !== status) return `problem says ${problem.status}, answer is ${status}`;
  return undefined;
}

/** Waits until the data stops changing (a job a request started runs in the background). */
async function quiet(): Promise<Record<string, string>> {
  let last = await dataSnapshot(bff.store);
  for (let i = 0; i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const next = await dataSnapshot(bff.store);
    if (JSON.stringify(next) === JSON.stringify(last)) return next;
    last = next;
  }
  return last;
}

describe('the API under random and malformed requests', () => {
  it(
    'never answers 5xx, answers every error as a Problem, leaks nothing, and changes nothing it refused',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(requests, { minLength: BATCH, maxLength: BATCH }),
          async (batch) => {
            tally.batches += 1;
            const before = await dataSnapshot(bff.store);
            let changed = false;
            for (const item of batch) {
              const { status, type, text } = await send(item.request);
              tally.requests += 1;
              bump(tally.byPrincipal, item.principal.label);
              bump(tally.byRoute, item.request.route);
              bump(tally.byStatus, status);
              for (const kind of item.request.kinds) bump(tally.byKind, kind);
              const broken = violation(item.request, status, type, text);
              if (broken) {
                throw new Error(
                  `${describeRequest(item.request)} as ${item.principal.label}\n  → ${broken}`,
                );
              }
              if (item.request.method !== 'GET' && status < 300) {
                changed = true;
                tally.acceptedChanges += 1;
              }
            }
            if (changed) {
              await quiet();
              return;
            }
            const after = await dataSnapshot(bff.store);
            expect(after, 'a batch of refused requests changed the data').toEqual(before);
            tally.refusedBatchesChecked += 1;
            tally.refusedRequestsChecked += batch.filter((b) => b.request.method !== 'GET').length;
          },
        ),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      // The run was not vacuous: handlers were reached and refused input, and some got through.
      expect(tally.byStatus.get(400) ?? 0).toBeGreaterThan(RUNS);
      expect(tally.refusedBatchesChecked).toBeGreaterThan(RUNS / 10);
      expect(new Set(tally.byRoute.keys()).size).toBe(Object.keys(routes).length + 1);
      // About 10 ms a request here: room for a slower machine, or a longer FUZZ_RUNS.
    },
    Math.max(180_000, RUNS * BATCH * 50),
  );

  it('leaves every CSV it can reach one record per entry, with no live formula', async () => {
    const planted = /[\r\n]/;
    let plantedCells = 0;
    for (const principal of principals.filter((p) => p.signedIn && p.label !== SUPPORT)) {
      for (const [list, file, columns] of CSV_ROUTES) {
        const get = (path: string) => fetch(`${bff.url}${path}`, { headers: principal.headers });
        const { total } = (await (await get(`${list}?pageSize=1`)).json()) as { total: number };
        const text = await (await get(file)).text();
        const [header, ...rows] = readCsv(text);
        expect(header, `${file} as ${principal.label}`).toEqual([...columns]);
        expect(rows, `${file} as ${principal.label}`).toHaveLength(total);
        expect(liveFormulas(text), `${file} as ${principal.label}`).toEqual([]);
        plantedCells += rows.flat().filter((cell) => planted.test(cell)).length;
      }
    }
    // Not vacuous: the run wrote line breaks into what the files hold (refused paths, mailids).
    expect(plantedCells).toBeGreaterThan(0);
  });
});

function printTally(): void {
  const sorted = <K>(map: Map<K, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${String(k)} ${n}`)
      .join(', ');
  console.log(
    [
      `Fuzz: ${tally.requests} requests in ${tally.batches} batches of ${BATCH} (FUZZ_RUNS=${RUNS}${SEED === undefined ? '' : `, FUZZ_SEED=${SEED}`})`,
      `  as: ${sorted(tally.byPrincipal)}`,
      `  answers: ${sorted(tally.byStatus)}`,
      `  routes: ${tally.byRoute.size} (${sorted(tally.byRoute)})`,
      `  inputs: ${sorted(tally.byKind)}`,
      `  data compared after ${tally.refusedBatchesChecked} batches of refused requests (${tally.refusedRequestsChecked} refused changes); ${tally.acceptedChanges} changes were accepted`,
    ].join('\n'),
  );
}
