import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Problem } from '@hybrid-hub/contract';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { startBff, type RunningBff } from '../start.ts';

/**
 * The BFF serving a built SPA to whoever asks, probes included: a file outside the build is never
 * served, and a path that cannot name a file is refused as a problem, logged as the client's
 * mistake (warn, no stack) rather than the server's.
 */

const SECRET = 'outside-the-build';
let dataDir: string;
let bff: RunningBff;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-web-app-'));
  const webDist = path.join(dataDir, 'web', 'dist');
  mkdirSync(path.join(webDist, 'assets'), { recursive: true });
  writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(path.join(webDist, 'assets', 'index-abc123.js'), 'console.log("app");');
  // What a traversal would be after: files beside and above the build.
  for (const dir of [dataDir, path.join(dataDir, 'web')]) {
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: SECRET }));
  }
  const log = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        logLines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  bff = await startBff(
    readConfig({
      PORT: '0',
      HUB_DEMO: 'false',
      HUB_DATA_DIR: path.join(dataDir, 'data'),
      HUB_WEB_DIST: webDist,
    }),
    { logger: pino({ level: 'debug' }, log) },
  );
});
afterAll(async () => {
  await bff.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A GET with the path sent as written: fetch would resolve `..` and `.` segments first. */
function rawGet(rawPath: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(bff.url);
    const req = httpRequest({ host: hostname, port, path: rawPath }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serving the built console', () => {
  it('serves its assets and answers deep links with index.html', async () => {
    expect((await rawGet('/assets/index-abc123.js')).body).toContain('console.log');
    expect((await rawGet('/users/acme-u000001')).body).toContain('<div id="root">');
  });

  it.each([
    '/assets/..%2f..%2fpackage.json',
    '/assets/..%2fpackage.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/assets/%2e%2e/',
    '/assets/%00',
    '/assets/index-abc123.js%00.html',
    '/assets/%E0%A4%A',
    '/assets/..%5c..%5cpackage.json',
    '/%c0%ae%c0%ae/package.json',
    '/..%2fpackage.json',
    '/..%5c..%5cpackage.json',
    '/%2e%2e/package.json',
    '/users/%00',
    '/users/%zz',
  ])(
    'refuses %s as a problem (400 or 404), never a file outside the build, logged at warn without a stack',
    async (probe) => {
      const from = logLines.length;
      const answer = await rawGet(probe);
      expect([400, 404]).toContain(answer.status);
      expect(answer.type).toMatch(/^application\/problem\+json/);
      const problem = Problem.parse(JSON.parse(answer.body));
      expect(problem.code).toBe(answer.status === 400 ? 'validation_failed' : 'not_found');
      expect(answer.body).not.toContain(SECRET);
      expect(answer.body).not.toMatch(/stack|Error:|\bat \/|node_modules|\.ts\b/);

      const lines = logLines.slice(from);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        expect(line.level, JSON.stringify(line)).toBeLessThan(50); // below pino's error
        expect(JSON.stringify(line)).not.toMatch(/"stack"|\n\s+at /);
      }
      expect(lines.some((line) => line.level === 40)).toBe(true);
    },
  );
});
