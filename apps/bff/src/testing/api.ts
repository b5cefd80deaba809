import {
  Problem,
  UserDetail,
  UserListResponse,
  type ProblemCode,
  type UserStatus,
  type UserSummary,
} from '@hybrid-hub/contract';
import { expect, vi } from 'vitest';
import type { TestBff } from './test-bff.ts';

/** Checks a problem answer's status, media type and code, and returns it parsed. */
export async function expectProblem(
  response: Response,
  status: number,
  code: ProblemCode,
): Promise<Problem> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = Problem.parse(await response.json());
  expect(problem.code).toBe(code);
  return problem;
}

/** The fields a validation problem names. */
export async function problemFields(response: Response): Promise<string[]> {
  const problem = await expectProblem(response, 400, 'validation_failed');
  return (problem.errors ?? []).map((error) => error.field);
}

export async function listUsers(bff: TestBff, query: string): Promise<UserListResponse> {
  return UserListResponse.parse(await bff.json(`/api/v1/users?${query}`));
}

/** Users in a status (by email, so the choice is stable), optionally with an error code. */
export async function usersIn(
  bff: TestBff,
  status: UserStatus,
  { count = 1, errorCode }: { count?: number; errorCode?: string } = {},
): Promise<UserSummary[]> {
  const page = await listUsers(bff, `status=${encodeURIComponent(status)}&sort=email&pageSize=100`);
  const users = page.items.filter((user) => !errorCode || user.errorCode === errorCode);
  expect(users.length, `${count} users in ${status} ${errorCode ?? ''}`).toBeGreaterThanOrEqual(
    count,
  );
  return users.slice(0, count);
}

export async function getUser(bff: TestBff, id: string): Promise<UserDetail> {
  return UserDetail.parse(await bff.json(`/api/v1/users/${id}`));
}

export async function switchMessageService(
  bff: TestBff,
  id: string,
  enabled: boolean,
): Promise<UserDetail> {
  const response = await bff.send('PUT', `/api/v1/users/${id}/message-service`, { enabled });
  expect(response.status).toBe(200);
  return UserDetail.parse(await response.json());
}

/**
 * Retries `check` until it passes, moving the BFF's clock forward a little before each try, so
 * that activation delays pass while the due-work loop ticks in real time.
 */
export function eventually<T>(bff: TestBff, check: () => Promise<T>, timeout = 5000): Promise<T> {
  return vi.waitFor(
    async () => {
      bff.clock.advance(100);
      return check();
    },
    { timeout, interval: 25 },
  );
}
