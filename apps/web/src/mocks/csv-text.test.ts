import {
  AUDIT_EXPORT_COLUMNS,
  AuditListResponse,
  CSRF_HEADER,
  USER_EXPORT_COLUMNS,
  UserListQuery,
} from '@hybrid-hub/contract';
import { liveFormulas, readCsv } from '@hybrid-hub/contract/testing';
import { describe, expect, it } from 'vitest';
import { mockSession, ORG_ID, testEngine } from '../testing/test-server.ts';
import { MOCK_CSRF_TOKEN } from './mock-session.ts';

/** The mock's CSV files are written like the BFF's: line breaks planted in a field stay in it. */

function send(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(new URL(path, location.origin), {
    method,
    headers: {
      [CSRF_HEADER]: MOCK_CSRF_TOKEN,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function csv(path: string) {
  const response = await send('GET', path);
  expect(response.headers.get('content-type')).toContain('text/csv');
  const text = await response.text();
  return { text, records: readCsv(text) };
}

async function firstUsers(status: 'Active' | 'Error', count: number) {
  const query = UserListQuery.parse({ status, sort: 'email', pageSize: count });
  return (await testEngine.engine.listUsers(ORG_ID, query)).items;
}

describe('the mock’s CSV downloads', () => {
  it('keep a planted path or mailid inside its cell in the audit log, with no live formula', async () => {
    mockSession.signInAs('support@acme.example');
    const refused = await send('POST', "/api/v1/users/%0A%3Dcmd%7C'%2FC%20calc'!A0/reactivate");
    expect(refused.status).toBe(403);
    mockSession.signInAs('admin@acme.example');
    const [user] = await firstUsers('Active', 1);
    const lab = await send('PUT', `/api/v1/lab/users/${user!.id}`, {
      directory: { mailid: 'x\n=2*21' },
    });
    expect(lab.status).toBe(200);

    const { total } = AuditListResponse.parse(await (await send('GET', '/api/v1/audit')).json());
    const { text, records } = await csv('/api/v1/audit/export.csv');
    expect(records[0]).toEqual([...AUDIT_EXPORT_COLUMNS]);
    expect(records).toHaveLength(total + 1);
    expect(new Set(records.map((record) => record.length))).toEqual(
      new Set([AUDIT_EXPORT_COLUMNS.length]),
    );
    expect(liveFormulas(text)).toEqual([]);
    expect(records.map((record) => record[4])).toContain("directory.mailid: x\n'=2*21");
  });

  it('keep a display name with line breaks inside its cell in the users export', async () => {
    const targets = await firstUsers('Error', 3);
    const names = ['Jo\n=2*21', 'Jo\r@SUM(A1)', 'Jo\r\n-1+1'];
    const stored = await testEngine.store.getUsers(
      ORG_ID,
      targets.map((user) => user.id),
    );
    for (const [index, target] of targets.entries()) {
      const user = stored.find((candidate) => candidate.id === target.id)!;
      const renamed = { ...user, displayName: names[index]!, version: user.version + 1 };
      expect(await testEngine.store.updateUser(renamed, user.version)).toBe(true);
    }
    const counts = await testEngine.engine.getUserStatusCounts(ORG_ID);
    const { text, records } = await csv('/api/v1/users/export.csv?status=Error');
    expect(records[0]).toEqual([...USER_EXPORT_COLUMNS]);
    expect(records).toHaveLength((counts.byStatus.Error ?? 0) + 1);
    expect(liveFormulas(text)).toEqual([]);
    expect(records.find((record) => record[1] === targets[0]!.email)?.[0]).toBe("Jo\n'=2*21");
  });
});
