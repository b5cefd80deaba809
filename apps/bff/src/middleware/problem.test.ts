import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemHandler } from './problem.ts';

/** A bare app whose routes throw what a failing database or a bug would. */
function appThrowing() {
  const app = express();
  app.use((req, _res, next) => {
    req.log = pino({ level: 'silent' });
    next();
  });
  app.get('/restarting', () => {
    throw Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
  });
  app.get('/bug', () => {
    throw new TypeError('x is undefined');
  });
  app.use(problemHandler);
  return app;
}

describe('problems for errors', () => {
  let url = '';
  let close = () => {};
  beforeAll(async () => {
    const server = appThrowing().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('answers a database that cannot serve now with 503 and when to retry', async () => {
    const response = await fetch(`${url}/restarting`);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toMatchObject({
      code: 'service_unavailable',
      title: 'Service unavailable',
      detail: expect.stringMatching(/database cannot be reached/),
    });
  });

  it('answers a bug with 500 and no internals', async () => {
    const response = await fetch(`${url}/bug`);
    expect(response.status).toBe(500);
    expect(response.headers.get('retry-after')).toBeNull();
    expect(JSON.stringify(await response.json())).not.toMatch(/undefined/);
  });
});
