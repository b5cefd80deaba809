import {
  DiagnosticsResponse,
  HistoryResponse,
  USER_STATUSES,
  UserDetail,
  UserStatusCounts,
} from '@hybrid-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  expectProblem,
  getUser,
  listUsers,
  problemFields,
  switchMessageService,
  usersIn,
} from '../testing/api.ts';
import { startTestBff, type TestBff } from '../testing/test-bff.ts';

let bff: TestBff;
beforeAll(async () => {
  bff = await startTestBff();
});
afterAll(() => bff.destroy());

const history = async (id: string, query = '') =>
  HistoryResponse.parse(await bff.json(`/api/v1/users/${id}/history${query}`));

describe('GET /api/v1/users/status-counts', () => {
  it('counts the users of every status, as the filtered lists do', async () => {
    const counts = UserStatusCounts.parse(await bff.json('/api/v1/users/status-counts'));
    expect(counts.total).toBe(2000);
    let sum = 0;
    for (const status of USER_STATUSES) {
      const listed = await listUsers(bff, `status=${encodeURIComponent(status)}&pageSize=1`);
      expect(counts.byStatus[status], status).toBe(listed.total);
      sum += counts.byStatus[status] ?? 0;
    }
    expect(sum).toBe(counts.total);
  });
});

describe('PUT /api/v1/users/{id}/message-service', () => {
  it('switches a user off and on again: Not activated, then Pending, then Active', async () => {
    const [active] = await usersIn(bff, 'Active');
    const off = await switchMessageService(bff, active!.id, false);
    expect(off).toMatchObject({ status: 'Not activated', messageServiceEnabled: false });
    expect(off.assignment).toBeNull();

    const on = await switchMessageService(bff, active!.id, true);
    expect(on).toMatchObject({ status: 'Pending', messageServiceEnabled: true });
    const after = await eventually(bff, async () => {
      const user = await getUser(bff, active!.id);
      expect(user.status).toBe('Active');
      return user;
    });
    expect(after.assignment).not.toBeNull();
    expect(after.error).toBeNull();

    const { items } = await history(active!.id, '?pageSize=3');
    expect(items.map((entry) => [entry.actor, entry.fromStatus, entry.toStatus])).toEqual([
      ['system', 'Pending', 'Active'],
      ['admin@acme.example', 'Not activated', 'Pending'],
      ['admin@acme.example', 'Active', 'Not activated'],
    ]);
    expect(items[0]!.node?.id).toBe(after.assignment!.nodeId);
    expect(items[0]!.cluster?.id).toBe(after.assignment!.clusterId);
  });

  it.each([
    [{ enabled: 'yes' }, ['body.enabled']],
    [{}, ['body.enabled']],
    [{ enabled: true, force: true }, ['body.force']],
  ])('rejects the body %j, naming %j', async (body, fields) => {
    const [user] = await usersIn(bff, 'Not activated');
    const response = await bff.send('PUT', `/api/v1/users/${user!.id}/message-service`, body);
    expect(await problemFields(response)).toEqual(fields);
    expect((await getUser(bff, user!.id)).status).toBe('Not activated');
  });
});

describe('POST /api/v1/users/{id}/reactivate', () => {
  it('moves a user in Error back to Pending, once, and re-evaluates them', async () => {
    const [failing] = await usersIn(bff, 'Error', { errorCode: 'MAIL_ID_MISMATCH' });
    const before = (await history(failing!.id)).total;

    const first = await bff.send('POST', `/api/v1/users/${failing!.id}/reactivate`);
    expect(first.status).toBe(200);
    expect(UserDetail.parse(await first.json()).status).toBe('Pending');
    // Reactivating a Pending user changes nothing (SPEC: idempotent).
    const again = await bff.send('POST', `/api/v1/users/${failing!.id}/reactivate`);
    expect(again.status).toBe(200);
    expect(UserDetail.parse(await again.json()).status).toBe('Pending');
    expect((await history(failing!.id)).total).toBe(before + 1);

    // Nothing was fixed, so it fails again, for the same reason.
    const after = await eventually(bff, async () => {
      const user = await getUser(bff, failing!.id);
      expect(user.status).toBe('Error');
      return user;
    });
    expect(after.error?.code).toBe('MAIL_ID_MISMATCH');
    expect((await history(failing!.id)).total).toBe(before + 2);
  });

  it('answers 409 for a user who is not activated', async () => {
    const [user] = await usersIn(bff, 'Not activated');
    const response = await bff.send('POST', `/api/v1/users/${user!.id}/reactivate`);
    const problem = await expectProblem(response, 409, 'conflict');
    expect(problem.detail?.length).toBeGreaterThan(5);
    expect((await getUser(bff, user!.id)).status).toBe('Not activated');
  });
});

describe('GET /api/v1/users/{id}/history', () => {
  it('pages the history newest first', async () => {
    const [user] = await usersIn(bff, 'Error');
    const all = await history(user!.id, '?pageSize=100');
    expect(all.total).toBeGreaterThan(1);
    const times = all.items.map((entry) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const second = await history(user!.id, '?page=2&pageSize=1');
    expect(second.items[0]?.id).toBe(all.items[1]!.id);
    expect(second.total).toBe(all.total);
  });

  it.each([
    ['?pageSize=101', ['query.pageSize']],
    ['?page=0', ['query.page']],
    ['?sort=at', ['query.sort']],
  ])('rejects %s', async (query, fields) => {
    const [user] = await usersIn(bff, 'Active');
    expect(await problemFields(await bff.get(`/api/v1/users/${user!.id}/history${query}`))).toEqual(
      fields,
    );
  });
});

describe('GET /api/v1/users/{id}/diagnostics', () => {
  it('finds the failing check of a user in Error, with the remedy', async () => {
    const [user] = await usersIn(bff, 'Error', { errorCode: 'MAIL_ID_MISMATCH' });
    const diagnostics = DiagnosticsResponse.parse(
      await bff.json(`/api/v1/users/${user!.id}/diagnostics`),
    );
    expect(diagnostics.userId).toBe(user!.id);
    const check = diagnostics.checks.find((entry) => entry.id === 'mailidMatches');
    expect(check?.result).toBe('fail');
    expect(check?.remedy?.length).toBeGreaterThan(10);
  });

  it('passes every check that applies to an Active user', async () => {
    const [user] = await usersIn(bff, 'Active');
    const { checks } = DiagnosticsResponse.parse(
      await bff.json(`/api/v1/users/${user!.id}/diagnostics`),
    );
    expect(checks.filter((check) => check.result === 'fail')).toEqual([]);
    expect(checks.some((check) => check.result === 'pass')).toBe(true);
  });
});

describe('unknown and foreign users', () => {
  it.each([
    ['PUT', 'message-service', { enabled: true }],
    ['POST', 'reactivate', undefined],
    ['GET', 'history', undefined],
    ['GET', 'diagnostics', undefined],
  ] as const)('%s …/%s answers 404', async (method, action, body) => {
    const globexUser = (
      await bff.engine.listUsers('globex', { sort: 'name', page: 1, pageSize: 1 })
    ).items[0]!;
    const before = await bff.engine.getUser('globex', globexUser.id);
    for (const id of ['acme-u999999', globexUser.id]) {
      const path = `/api/v1/users/${id}/${action}`;
      const response = method === 'GET' ? await bff.get(path) : await bff.send(method, path, body);
      await expectProblem(response, 404, 'not_found');
    }
    // The other organization's user was not touched.
    const unchanged = await bff.engine.getUser('globex', globexUser.id);
    expect(unchanged.version).toBe(before.version);
  });
});
