import { setTimeout as sleep } from 'node:timers/promises';
import { USER_EXPORT_COLUMNS, UserStatusCounts, type UserSummary } from '@hybrid-hub/contract';
import { liveFormulas, readCsv } from '@hybrid-hub/contract/testing';
import { ACTIVATION_ERRORS } from '@hybrid-hub/engine';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { problemFields, usersIn } from '../testing/api.ts';
import { startTestBff, type TestBff } from '../testing/test-bff.ts';

let bff: TestBff;
beforeAll(async () => {
  bff = await startTestBff();
});
afterAll(() => bff.destroy());

async function exportCsv(query = '') {
  const response = await bff.get(`/api/v1/users/export.csv${query}`);
  expect(response.status).toBe(200);
  const text = await response.text();
  return { response, text, records: readCsv(text) };
}

/** Gives users new display names, straight in the store (no route renames a user). */
async function rename(users: readonly UserSummary[], names: readonly string[]) {
  const stored = await bff.store.getUsers(
    'acme',
    users.map((user) => user.id),
  );
  for (const [index, target] of users.entries()) {
    const user = stored.find((candidate) => candidate.id === target.id)!;
    const renamed = { ...user, displayName: names[index]!, version: user.version + 1 };
    expect(await bff.store.updateUser(renamed, user.version)).toBe(true);
  }
}

const today = () => new Date().toISOString().slice(0, 10);

describe('GET /api/v1/users/export.csv', () => {
  it('downloads every user under the SPEC’s columns', async () => {
    const { response, records } = await exportCsv();
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="users-all-${today()}.csv"`,
    );
    expect(records[0]).toEqual([...USER_EXPORT_COLUMNS]);
    expect(records).toHaveLength(2001);
    expect(new Set(records.slice(1).map((record) => record.length))).toEqual(new Set([8]));
  });

  it('filters by status: one row per user the status counts show, with the error in words', async () => {
    const counts = UserStatusCounts.parse(await bff.json('/api/v1/users/status-counts'));
    const { response, records } = await exportCsv('?status=Error');
    expect(response.headers.get('content-disposition')).toContain(`users-error-${today()}.csv`);
    const rows = records.slice(1);
    expect(rows).toHaveLength(counts.byStatus.Error!);
    for (const [, , status, code, message] of rows) {
      expect(status).toBe('Error');
      expect(message).toBe(ACTIVATION_ERRORS[code as keyof typeof ACTIVATION_ERRORS].message);
    }

    const notActivated = await exportCsv('?status=Not%20activated');
    expect(notActivated.response.headers.get('content-disposition')).toContain(
      'users-not-activated-',
    );
    expect(notActivated.records).toHaveLength(counts.byStatus['Not activated']! + 1);
  });

  it('shows the assignment and the last activity of an Active user', async () => {
    const [user] = await usersIn(bff, 'Active');
    const { records } = await exportCsv(`?q=${encodeURIComponent(user!.email)}`);
    const row = records.find((record) => record[1] === user!.email);
    expect(row).toEqual([
      user!.displayName,
      user!.email,
      'Active',
      '',
      '',
      user!.assignment!.clusterName,
      user!.assignment!.nodeHostname,
      user!.lastActivityAt ?? '',
    ]);
  });

  it('quotes what needs quoting and keeps formulas from running in a spreadsheet', async () => {
    const targets = await usersIn(bff, 'Active', { count: 4 });
    const names = [
      'Smith, "Jo"\nsecond line',
      '=HYPERLINK("http://evil.example","x")',
      '@SUM(A1)',
      '-2+3',
    ];
    await rename(targets, names);
    for (const [index, target] of targets.entries()) {
      const { text, records } = await exportCsv(`?q=${encodeURIComponent(target.email)}`);
      const row = records.find((record) => record[1] === target.email)!;
      expect(row[0]).toBe(index === 0 ? names[0] : `'${names[index]}`);
      if (index === 0) expect(text).toContain('"Smith, ""Jo""\nsecond line"');
    }
  });

  it('keeps line breaks in a name inside its cell, and no line of it a live formula', async () => {
    const targets = await usersIn(bff, 'Error', { count: 4 });
    await rename(targets, ['Jo\n=2*21', "Jo\r=cmd|' /C calc'!A0", 'Jo\r\n@SUM(A1)', '\n\r\t+1']);
    const counts = UserStatusCounts.parse(await bff.json('/api/v1/users/status-counts'));
    const { text, records } = await exportCsv('?status=Error');
    expect(records).toHaveLength(counts.byStatus.Error! + 1);
    expect(new Set(records.map((record) => record.length))).toEqual(
      new Set([USER_EXPORT_COLUMNS.length]),
    );
    expect(liveFormulas(text)).toEqual([]);
    const row = records.find((record) => record[1] === targets[0]!.email);
    expect(row![0]).toBe("Jo\n'=2*21");
  });

  it.each([
    ['?status=Bogus', ['query.status']],
    ['?sort=name', ['query.sort']],
    ['?q=' + 'x'.repeat(201), ['query.q']],
  ])('rejects %s', async (query, fields) => {
    expect(await problemFields(await bff.get(`/api/v1/users/export.csv${query}`))).toEqual(fields);
  });
});

describe('the export stream', () => {
  it('streams compressed to a client that accepts it, without a listener left per batch', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    // Rows that do not compress, so the compressor's buffer fills and each write waits for it.
    const original = bff.engine.exportUsers.bind(bff.engine);
    const noise = () => Array.from({ length: 20 }, () => Math.random().toString(36)).join('');
    const spy = vi.spyOn(bff.engine, 'exportUsers').mockImplementation((orgId, query) =>
      (async function* () {
        for (let round = 0; round < 5; round++) {
          for await (const batch of original(orgId, query)) {
            yield batch.map((user): UserSummary => ({ ...user, displayName: noise() }));
          }
        }
      })(),
    );
    try {
      const response = await bff.get('/api/v1/users/export.csv', { 'accept-encoding': 'gzip' });
      expect(response.headers.get('content-encoding')).toBe('gzip');
      expect(readCsv(await response.text())).toHaveLength(5 * 2000 + 1);
      await sleep(10); // warnings are emitted a tick later
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      spy.mockRestore();
      process.off('warning', onWarning);
    }
  });

  it('reads no further than a slow client takes, and stops when the client leaves', async () => {
    // An export far larger than socket buffers: the demo's users, over and over.
    const original = bff.engine.exportUsers.bind(bff.engine);
    let rowsRead = 0;
    let stopped = false;
    const spy = vi.spyOn(bff.engine, 'exportUsers').mockImplementation((orgId, query) =>
      (async function* () {
        try {
          for (let round = 0; round < 500; round++) {
            for await (const batch of original(orgId, query)) {
              rowsRead += batch.length;
              yield batch.map((user): UserSummary => ({
                ...user,
                displayName: user.displayName.padEnd(200, '.'),
              }));
            }
          }
        } finally {
          stopped = true;
        }
      })(),
    );
    try {
      const abort = new AbortController();
      const response = await fetch(`${bff.url}/api/v1/users/export.csv`, {
        // Uncompressed: the padded rows would shrink a hundredfold, and far more would fit.
        headers: { ...bff.headers, 'accept-encoding': 'identity' },
        signal: abort.signal,
      });
      expect(response.status).toBe(200);
      // Not reading: the server must pause once the buffers between us are full (it reads a
      // batch a turn of the event loop, so filling them takes a while).
      const whilePaused = await vi.waitFor(
        async () => {
          const before = rowsRead;
          await sleep(300);
          expect(rowsRead).toBe(before);
          return before;
        },
        { timeout: 10_000, interval: 0 },
      );
      await sleep(300);
      expect(rowsRead).toBe(whilePaused);
      // A million rows of 250 bytes were on offer; a few megabytes of buffers hold far fewer.
      expect(rowsRead).toBeLessThan(100_000);

      abort.abort();
      await vi.waitFor(() => expect(stopped).toBe(true), { timeout: 3000 });
    } finally {
      spy.mockRestore();
    }
  });
});
