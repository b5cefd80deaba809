/**
 * Where a BFF's CPU time went, a request at a time: reads the largest `.cpuprofile` in a directory
 * (the main thread's, written by `BENCH_CPU_PROF=<dir> npm run bench`) and charges each sample to
 * what it was doing — the nearest frame up its stack that is ours or a known package's:
 * session, rate limit, validation, the query and count (SQL runs inside better-sqlite3's calls, so
 * in the frame that called it), mapping rows to answers, serialization, logging, Express itself,
 * Node's HTTP, garbage collection, and the BFF's own background work (the due-work loop). Idle
 * time and module loading at start are left out.
 * Usage: node --import tsx bench/profile-breakdown.ts <dir> <requests answered>
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

const [directory, requestsArgument] = process.argv.slice(2);
if (!directory || !requestsArgument) {
  throw new Error('usage: profile-breakdown.ts <profile directory> <requests answered>');
}
const requests = Number(requestsArgument);
const [file] = readdirSync(directory)
  .filter((name) => name.endsWith('.cpuprofile'))
  .sort((a, b) => statSync(path.join(directory, b)).size - statSync(path.join(directory, a)).size);
if (!file) throw new Error(`no .cpuprofile in ${directory}`);
const profile = JSON.parse(readFileSync(path.join(directory, file), 'utf8')) as {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
};

/** Packages by what they do for a request. */
const PACKAGES: [RegExp, string][] = [
  [/^(pino|pino-http|pino-std-serializers|sonic-boom|@pinojs\/.*|thread-stream)$/, 'logging'],
  [/^express-rate-limit$/, 'rate limit'],
  [/^zod$/, 'validation'],
  [/^helmet$/, 'security headers'],
  [/^(compression|compressible|negotiator|on-headers|accepts)$/, 'compression'],
  [/^better-sqlite3$/, 'query and count (SQL)'],
];
/** Our files by what they do for a request. */
const FILES: [RegExp, string][] = [
  [/store\/(user-list|sql-statements|search-)/, 'query and count (SQL)'],
  [/store\/user-rows|queries\/user-queries|user-cursor/, 'mapping'],
  [/auth\/(sessions|session-cookie)|bff-tables\/sqlite-auth|identify-session/, 'session'],
  [/middleware\/rate-limit/, 'rate limit'],
  [/middleware\/route\.ts|route-matcher|openapi/, 'validation'],
  [/request-id|request-log|logger/, 'logging'],
  [/audit\//, 'audit trail'],
  [/simulation-clock|sqlite-clock/, 'clock refresh'],
  // The BFF's own work between requests: due activations and moves, events, alarms.
  [
    /\/(commands|rules|work|events)\/|engine-store\/(?!sqlite-store)|demo\//,
    'background work (due-work loop, seeding)',
  ],
];

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parentOf.set(child, node.id);

function activity(id: number): string | null {
  const leaf = byId.get(id)!.callFrame.functionName;
  if (leaf === '(idle)') return null;
  if (leaf === '(garbage collector)') return 'garbage collection';
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const { url, functionName } = byId.get(at)!.callFrame;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
    if (pkg === 'express' && /^(stringify|json|send)$/.test(functionName)) return 'serialization';
    if (pkg === 'tsx' || pkg === 'esbuild' || url.includes('internal/modules')) return null;
    if (pkg)
      return PACKAGES.find(([pattern]) => pattern.test(pkg))?.[1] ?? 'Express (routing, req/res)';
    if (/(apps|packages)\/[^/]+\/src\//.test(url)) {
      return FILES.find(([pattern]) => pattern.test(url))?.[1] ?? 'other app code';
    }
  }
  return byId.get(id)!.callFrame.url.startsWith('node:') ? "Node's HTTP and streams" : 'other';
}

const spent = new Map<string, number>();
let busy = 0;
profile.samples.forEach((id, i) => {
  const what = activity(id);
  const micros = profile.timeDeltas[i] ?? 0;
  if (what === null) return;
  busy += micros;
  spent.set(what, (spent.get(what) ?? 0) + micros);
});
const perRequest = (micros: number) => (micros / 1000 / requests).toFixed(3);
console.log(
  `${file}: ${(busy / 1e6).toFixed(2)} s busy for ${requests} requests, ${perRequest(busy)} ms a request`,
);
for (const [what, micros] of [...spent].sort((a, b) => b[1] - a[1])) {
  console.log(
    `${perRequest(micros).padStart(8)} ms ${((100 * micros) / busy).toFixed(1).padStart(5)} %  ${what}`,
  );
}
