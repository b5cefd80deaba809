import { describe, expect, it } from 'vitest';
import { parseUserSort, UserListQuery } from './users.ts';

describe('UserListQuery', () => {
  it('fills defaults and coerces query-string numbers', () => {
    expect(UserListQuery.parse({ page: '3', pageSize: '25' })).toEqual({
      sort: 'name',
      page: 3,
      pageSize: 25,
    });
  });

  it('trims the search text and keeps an empty status out', () => {
    expect(UserListQuery.parse({ q: '  jane ' }).q).toBe('jane');
  });

  it.each([
    [{ pageSize: '1000' }, 'pageSize'],
    [{ pageSize: '0' }, 'pageSize'],
    [{ page: 'two' }, 'page'],
    [{ status: 'Bogus' }, 'status'],
    [{ sort: 'password' }, 'sort'],
    [{ unknown: 'x' }, ''],
  ])('rejects %o naming the field', (input, field) => {
    const result = UserListQuery.safeParse(input);
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.'));
    if (field) expect(paths).toContain(field);
  });
});

describe('parseUserSort', () => {
  it('reads the direction from the leading minus', () => {
    expect(parseUserSort('-lastActivity')).toEqual({ field: 'lastActivity', direction: 'desc' });
    expect(parseUserSort('email')).toEqual({ field: 'email', direction: 'asc' });
  });
});
