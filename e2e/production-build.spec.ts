import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures.ts';

test.use({ account: null });

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../apps/web/dist');

/** A GET with the path sent as written: a browser or fetch would resolve `//` and `.` first. */
function rawGet(baseURL: string, rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(baseURL);
    const req = httpRequest({ host: hostname, port, path: rawPath }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test.describe('The production build', () => {
  test('ships no mock service worker: whoever asks for it under any spelling gets none', async ({
    baseURL,
  }) => {
    // A worker that answers /api from an in-page engine belongs to `npm run dev:mock` only.
    expect(existsSync(path.join(webDist, 'index.html'))).toBe(true);
    expect.soft(existsSync(path.join(webDist, 'mockServiceWorker.js'))).toBe(false);
    for (const spelling of [
      '/mockServiceWorker.js',
      '/mockServiceWorker%2ejs',
      '/mockServiceWorker%2Ejs',
      '//mockServiceWorker.js',
      '/./mockServiceWorker.js',
      '/assets/../mockServiceWorker.js',
    ]) {
      const answer = await rawGet(baseURL!, spelling);
      expect.soft(answer.body, spelling).not.toContain('INTEGRITY_CHECKSUM');
      expect.soft(answer.body, spelling).not.toContain('Mock Service Worker');
    }
  });
});
