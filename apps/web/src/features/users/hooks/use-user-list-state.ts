import { useCallback, useMemo } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { filtersFromSearchParams, searchParamsFromFilters } from '../api/user-list-params.ts';
import type { UserListFilters } from '../api/user-queries.ts';

export interface UserListNavigation {
  /** Keyset cursor for the new page, when it is the current page's neighbour. */
  cursor?: string | null;
  /** Replace the history entry instead of adding one (typing in the search box). */
  replace?: boolean;
}

interface CursorState {
  cursor?: string;
}

/** The Users table's filters, read from and written to the URL. */
export function useUserListState() {
  const [searchParams, setSearchParams] = useSearchParams();
  const location = useLocation();
  const cursor = (location.state as CursorState | null)?.cursor;
  const filters = useMemo(
    () => filtersFromSearchParams(searchParams, cursor),
    [searchParams, cursor],
  );

  const update = useCallback(
    (changes: Partial<Omit<UserListFilters, 'cursor'>>, navigation: UserListNavigation = {}) => {
      setSearchParams(
        (previous) => {
          const { cursor: _unused, ...current } = filtersFromSearchParams(previous);
          const next = { ...current, ...changes };
          if (!next.q) delete next.q;
          if (!next.status) delete next.status;
          return searchParamsFromFilters(next);
        },
        {
          replace: navigation.replace ?? false,
          state: navigation.cursor ? ({ cursor: navigation.cursor } satisfies CursorState) : null,
        },
      );
    },
    [setSearchParams],
  );

  return { filters, update };
}
