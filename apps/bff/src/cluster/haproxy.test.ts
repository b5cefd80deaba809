import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../testing/bff-process.ts';
import { haproxyConfig } from './haproxy-config.ts';
import { findHaproxy, startHaproxy, type RunningHaproxy } from './haproxy.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A stand-in replica: answers its name; its health as `healthy` says. */
async function replica(name: string) {
  const state = { healthy: true, hits: 0 };
  const server: Server = createServer((req, res) => {
    if (req.url === '/api/health') {
      res.writeHead(state.healthy ? 200 : 503).end();
      return;
    }
    state.hits++;
    res
      .writeHead(200, { 'content-type': 'text/plain' })
      .end(`${name} ${req.headers['x-forwarded-for'] ?? ''}`);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { name, port, state, server };
}

// Skipped where HAProxy is not installed (.ci/run installs it, as it does Chromium).
describe.runIf(findHaproxy())('HAProxy in front of the replicas', () => {
  let haproxy: RunningHaproxy;

  it('spreads requests, takes out a replica whose health fails, and retries a refused connection on another', async () => {
    const replicas = await Promise.all(['r1', 'r2', 'r3'].map(replica));
    const port = await freePort();
    const config = haproxyConfig({
      host: '127.0.0.1',
      port,
      replicas: replicas.map(({ name, port: p }) => ({ name, host: '127.0.0.1', port: p })),
    });
    haproxy = await startHaproxy(config, port);
    cleanups.push(() => haproxy.stop());
    const get = async () => (await (await fetch(`http://127.0.0.1:${port}/x`)).text()).split(' ');

    const names = new Set<string>();
    for (let i = 0; i < 6; i++) names.add((await get())[0]!);
    expect([...names].sort()).toEqual(['r1', 'r2', 'r3']);
    // The client's address reaches the replica (they trust it from HAProxy: HUB_TRUST_PROXY).
    expect((await get())[1]).toBe('127.0.0.1');

    // r2 reports its database unreachable: out after two failed checks a second apart.
    replicas[1]!.state.healthy = false;
    await new Promise((resolve) => setTimeout(resolve, 2_600));
    const before = replicas[1]!.state.hits;
    for (let i = 0; i < 6; i++) expect((await get())[0]).not.toBe('r2');
    expect(replicas[1]!.state.hits).toBe(before);

    // r3 dies between checks: its refused connections go to another replica, nobody sees an error.
    await new Promise<void>((resolve) => {
      replicas[2]!.server.closeAllConnections();
      replicas[2]!.server.close(() => resolve());
    });
    for (let i = 0; i < 6; i++) expect((await get())[0]).toBe('r1');
  }, 20_000);
});
