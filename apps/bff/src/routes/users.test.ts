import { Problem, UserDetail, UserListResponse, USER_STATUSES } from '@hybrid-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBff, type TestBff } from '../testing/test-bff.ts';

let bff: TestBff;
beforeAll(async () => {
  bff = await startTestBff();
});
afterAll(() => bff.destroy());

const listUsers = async (query: string) =>
  UserListResponse.parse(await bff.json(`/api/v1/users?${query}`));

describe('GET /api/v1/users', () => {
  it('answers the first page with the total, in the contract shape', async () => {
    const page = await listUsers('');
    expect(page.total).toBe(2000);
    expect(page.items).toHaveLength(50);
    expect(page.page).toBe(1);
    const names = page.items.map((user) => user.displayName.toLowerCase());
    expect(names).toEqual([...names].sort());
  });

  it('has users in every status', async () => {
    for (const status of USER_STATUSES) {
      expect(
        (await listUsers(`status=${encodeURIComponent(status)}&pageSize=1`)).total,
        status,
      ).toBeGreaterThan(0);
    }
  });

  it('finds a user by their email', async () => {
    const target = (await listUsers('page=4&pageSize=10')).items[3]!;
    const found = await listUsers(`q=${encodeURIComponent(target.email)}`);
    expect(found.items.map((user) => user.id)).toContain(target.id);
    expect(found.total).toBeLessThan(5);
  });

  it('filters by Error and returns only users in Error', async () => {
    const errors = await listUsers('status=Error&pageSize=100');
    expect(errors.total).toBeGreaterThan(0);
    expect(new Set(errors.items.map((user) => user.status))).toEqual(new Set(['Error']));
    expect(errors.items.every((user) => user.errorCode !== null)).toBe(true);
  });

  it('sorts by last activity, newest first', async () => {
    const page = await listUsers('sort=-lastActivity&status=Active&pageSize=100');
    const times = page.items.map((user) => Date.parse(user.lastActivityAt!));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('gives the same rows through keyset cursors as through page numbers', async () => {
    const first = await listUsers('sort=email&pageSize=25');
    const second = await listUsers(`sort=email&pageSize=25&cursor=${first.nextCursor}`);
    const byNumber = await listUsers('sort=email&pageSize=25&page=2');
    expect(second.items.map((user) => user.id)).toEqual(byNumber.items.map((user) => user.id));
    const back = await listUsers(`sort=email&pageSize=25&cursor=${second.prevCursor}`);
    expect(back.items.map((user) => user.id)).toEqual(first.items.map((user) => user.id));
  });

  it.each([
    ['pageSize=1000', ['query.pageSize']],
    ['status=Bogus', ['query.status']],
    ['sort=password', ['query.sort']],
    ['page=0&pageSize=abc', ['query.page', 'query.pageSize']],
    ['role=admin', ['query.role']],
    ['cursor=not-a-cursor', ['query.cursor']],
  ])('rejects %s with a problem naming %j', async (query, fields) => {
    const response = await bff.get(`/api/v1/users?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = Problem.parse(await response.json());
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors?.map((error) => error.field)).toEqual(fields);
  });
});

describe('GET /api/v1/users/{id}', () => {
  it('answers a user with status, error and what to do', async () => {
    const inError = (await listUsers('status=Error&pageSize=1')).items[0]!;
    const user = UserDetail.parse(await bff.json(`/api/v1/users/${inError.id}`));
    expect(user.status).toBe('Error');
    expect(user.error?.code).toBe(inError.errorCode);
    expect(user.error?.remedy.length).toBeGreaterThan(10);
  });

  it('answers 404 for an unknown id and for another organization’s user', async () => {
    const globexUser = (
      await bff.engine.listUsers('globex', { sort: 'name', page: 1, pageSize: 1 })
    ).items[0]!;
    for (const id of ['acme-u999999', globexUser.id]) {
      const response = await bff.get(`/api/v1/users/${id}`);
      expect(response.status).toBe(404);
      expect(Problem.parse(await response.json()).code).toBe('not_found');
    }
  });

  it('rejects a malformed id', async () => {
    const response = await bff.get(`/api/v1/users/${encodeURIComponent('x;drop table users')}`);
    expect(response.status).toBe(400);
    expect(Problem.parse(await response.json()).errors?.[0]?.field).toBe('params.id');
  });
});
