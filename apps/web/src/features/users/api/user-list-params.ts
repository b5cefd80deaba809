import { USER_STATUSES, type UserStatus } from '@hybrid-hub/contract';
import type { UserListFilters } from './user-queries.ts';

/**
 * The Users table's state lives in the URL (`?q=&status=&sort=&page=&pageSize=`), so a reload,
 * a shared link and the back button all keep it. The keyset cursor rides in the history entry's
 * state instead: it is an optimisation for the adjacent page, not part of the address.
 */

export const PAGE_SIZE_OPTIONS = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;
export const DEFAULT_SORT = 'name';
const SORT_PATTERN = /^-?(name|email|status|lastActivity)$/;

export function isUserStatus(value: string | null): value is UserStatus {
  return value !== null && (USER_STATUSES as readonly string[]).includes(value);
}

export function filtersFromSearchParams(params: URLSearchParams, cursor?: string): UserListFilters {
  const q = params.get('q')?.trim();
  const status = params.get('status');
  const sort = params.get('sort');
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    ...(q ? { q } : {}),
    ...(isUserStatus(status) ? { status } : {}),
    sort: sort && SORT_PATTERN.test(sort) ? sort : DEFAULT_SORT,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (PAGE_SIZE_OPTIONS as readonly number[]).includes(pageSize)
      ? pageSize
      : DEFAULT_PAGE_SIZE,
    ...(cursor ? { cursor } : {}),
  };
}

/** The URL form of the filters: defaults are left out so addresses stay short. */
export function searchParamsFromFilters(filters: Omit<UserListFilters, 'cursor'>): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.status) params.set('status', filters.status);
  if (filters.sort !== DEFAULT_SORT) params.set('sort', filters.sort);
  if (filters.page !== 1) params.set('page', String(filters.page));
  if (filters.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(filters.pageSize));
  return params;
}
