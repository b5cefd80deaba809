import { describe, expect, it } from 'vitest';
import { createAppRoutes } from '../../../app/router.tsx';
import { createTestQueryClient } from '../../../testing/render.tsx';
import { safeNext } from './safe-next.ts';

const routes = createAppRoutes(createTestQueryClient());
const origin = 'https://hub.example';
const after = (next: string | null) => safeNext(next, routes, origin);

describe('where signing in goes next', () => {
  it.each([
    '/users',
    '/users?status=Error',
    '/users?status=Error&search=a%20b',
    '/users/abc',
    '/users/acme-u000001',
    '/clusters/c-1',
    '/audit?requestId=1a2b3c4d',
    '/lab',
    '/',
  ])('keeps %s, a page of the console', (next) => {
    expect(after(next)).toBe(next);
  });

  it.each([
    '/%5Cevil.example',
    '/%5cevil.example',
    '/\\evil.example',
    '/\\/evil.example',
    '//evil.example',
    '//evil.example/users',
    '/%2F%2Fevil.example',
    '/%2F/evil.example',
    '/users/%2F%2Fevil.example',
    'https://evil.example',
    'https://evil.example/users',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,hi',
    '/\t/evil.example',
    '/%09/evil.example',
    '/\n/evil.example',
    '/%0A/evil.example',
    '/users%00',
    ' /users',
    'users',
    '/%E0%A4%A',
    '/nope',
    '/users/abc/nope',
    '/sign-in',
    '/sign-in?next=/users',
    '',
    null,
  ])('goes to the default page instead of %j', (next) => {
    expect(after(next)).toBe('/');
  });
});
