import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBff, type TestBff } from '../testing/test-bff.ts';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET that shows the bytes as they travel (fetch would decompress them out of sight). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

function decoded({ headers, body }: RawAnswer): string {
  const encoding = headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(body).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(body).toString('utf8');
  return body.toString('utf8');
}

// A build as vite.config.ts writes it: each script also as .br and .gz.
const dist = mkdtempSync(path.join(tmpdir(), 'hybrid-hub-dist-'));
const script = `export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `row ${i}`))};\n`;
const brotli = brotliCompressSync(script);
const gzip = gzipSync(script, { level: 9 });
mkdirSync(path.join(dist, 'assets'));
writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Hybrid Hub</title>');
writeFileSync(path.join(dist, 'assets', 'users-abc123.js'), script);
writeFileSync(path.join(dist, 'assets', 'users-abc123.js.br'), brotli);
writeFileSync(path.join(dist, 'assets', 'users-abc123.js.gz'), gzip);

let bff: TestBff;
beforeAll(async () => {
  bff = await startTestBff({ HUB_WEB_DIST: dist });
});
afterAll(async () => {
  await bff.destroy();
  rmSync(dist, { recursive: true, force: true });
});

describe('compression', () => {
  it('serves the build’s own .br or .gz of a script by what the browser accepts, cached for good', async () => {
    const url = `${bff.url}/assets/users-abc123.js`;
    const br = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    // The very bytes of the file on disk: compressed at build time, not per request.
    expect(br.body.equals(brotli)).toBe(true);
    expect(br.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(br.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(br.headers['cache-control']).toMatch(/immutable/);
    expect(br.headers['cache-control']).toMatch(/max-age=31536000/);

    const gz = await rawGet(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body.equals(gzip)).toBe(true);

    const plain = await rawGet(url, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(script);
  });

  it('compresses a JSON answer above the threshold, and leaves a small one as it is', async () => {
    const list = await rawGet(`${bff.url}/api/v1/users?pageSize=100`, {
      ...bff.headers,
      'accept-encoding': 'br',
    });
    expect(list.status).toBe(200);
    expect(list.headers['content-encoding']).toBe('br');
    expect(list.headers['vary']).toMatch(/Accept-Encoding/i);
    const body = JSON.parse(decoded(list)) as { items: unknown[] };
    expect(body.items).toHaveLength(100);
    expect(list.body.length).toBeLessThan(decoded(list).length / 3);

    const health = await rawGet(`${bff.url}/api/health`, { 'accept-encoding': 'br' });
    expect(health.status).toBe(200);
    expect(health.headers['content-encoding']).toBeUndefined();
  });

  it('compresses the users CSV as it streams', async () => {
    const csv = await rawGet(`${bff.url}/api/v1/users/export.csv`, {
      ...bff.headers,
      'accept-encoding': 'gzip',
    });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-encoding']).toBe('gzip');
    // Streamed: no length known up front.
    expect(csv.headers['content-length']).toBeUndefined();
    const records = parse(decoded(csv)) as string[][];
    expect(records.length).toBe(2001); // the header and the demo's 2,000 users
  });

  it('never compresses an event stream, whatever the browser accepts', async () => {
    const abort = new AbortController();
    const answer = await new Promise<RawAnswer>((resolve, reject) => {
      const req = request(
        `${bff.url}/api/v1/events`,
        { headers: { ...bff.headers, 'accept-encoding': 'gzip, br' }, signal: abort.signal },
        (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.of() }),
      );
      req.on('error', (error) => {
        if (!abort.signal.aborted) reject(error);
      });
      req.end();
    });
    abort.abort();
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(answer.headers['content-encoding']).toBeUndefined();
  });
});
