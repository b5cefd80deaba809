import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ManualClock } from '@hybrid-hub/engine';
import express from 'express';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { afterEach, describe, expect, it } from 'vitest';
import { requestIdFor } from '../middleware/request-id.ts';
import type { AuditStore, NewAuditEntry } from './audit-store.ts';
import { auditTrail } from './audit-trail.ts';

let close: (() => void) | undefined;
afterEach(() => close?.());

/** A reactivation route behind the trail, with a session as access control would set it. */
async function serve(store: Pick<AuditStore, 'appendAuditEntry'>) {
  const lines: string[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => lines.push(line) });
  const app = express();
  app.use(pinoHttp({ logger, autoLogging: false, genReqId: requestIdFor }));
  app.use(
    '/api',
    auditTrail({
      store: store as AuditStore,
      accounts: { findAdminByEmail: () => Promise.resolve(undefined) },
      clock: new ManualClock(Date.parse('2025-05-01T10:00:00Z')),
    }),
  );
  app.use((_req, res, next) => {
    res.locals.session = {
      admin: { orgId: 'acme', email: 'admin@acme.example', role: 'full-admin' },
    };
    next();
  });
  app.post('/api/v1/users/:id/reactivate', (_req, res) => {
    res.json({ id: 'u1', email: 'user@acme.example' });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  close = () => server.close();
  const { port } = server.address() as AddressInfo;
  const reactivate = () =>
    fetch(`http://127.0.0.1:${port}/api/v1/users/u1/reactivate`, {
      method: 'POST',
      headers: { 'X-Request-Id': 'support-ticket-42' },
    });
  return { lines, reactivate };
}

describe('the audit trail', () => {
  it('writes the entry before the answer leaves', async () => {
    const written: NewAuditEntry[] = [];
    const { reactivate } = await serve({
      appendAuditEntry: async (entry) => {
        await sleep(100); // a slow store: the answer must wait for it
        written.push(entry);
        return {} as never;
      },
    });
    const response = await reactivate();
    // Had the answer left first, the entry would not be written yet.
    expect(response.status).toBe(200);
    // The request's id is the BFF's own; the client's is kept beside it.
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(written).toEqual([
      {
        orgId: 'acme',
        at: Date.parse('2025-05-01T10:00:00Z'),
        actor: { email: 'admin@acme.example', role: 'full-admin' },
        action: 'reactivateUser',
        detail: null,
        target: { kind: 'user', id: 'u1', label: 'user@acme.example' },
        result: { outcome: 'succeeded', status: 200, code: null },
        clientAddress: '127.0.0.1',
        requestId,
        clientRequestId: 'support-ticket-42',
      },
    ]);
  });

  it('still answers when the entry cannot be written, and logs the failure as an error', async () => {
    const { lines, reactivate } = await serve({
      appendAuditEntry: () => Promise.reject(new Error('disk full')),
    });
    const response = await reactivate();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: 'u1', email: 'user@acme.example' });
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: 50,
        msg: 'could not write the audit entry',
        action: 'reactivateUser',
        status: 200,
        err: expect.objectContaining({ message: 'disk full' }),
      }),
    );
  });

  it('retries the entry of a change made while the database cannot serve for a moment', async () => {
    const written: NewAuditEntry[] = [];
    let refusals = 2;
    const { lines, reactivate } = await serve({
      appendAuditEntry: async (entry) => {
        if (refusals-- > 0) throw new Error('Connection terminated unexpectedly');
        written.push(entry);
        return {} as never;
      },
    });
    const response = await reactivate();
    expect(response.status).toBe(200);
    expect(written.map((entry) => entry.action)).toEqual(['reactivateUser']);
    expect(lines).toEqual([]);
  });
});
