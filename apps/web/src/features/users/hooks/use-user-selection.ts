import type { BulkSelection } from '@hybrid-hub/contract';
import { useState } from 'react';
import type { UserListFilters } from '../api/user-queries.ts';

/**
 * What the admin selected for a bulk action: rows by id (kept across pages), or every user
 * matching the list's filter — all pages, which the grid never holds.
 */
export type UserSelection = { kind: 'ids'; ids: ReadonlySet<string> } | { kind: 'filter' };

const NOTHING: UserSelection = { kind: 'ids', ids: new Set() };

export interface UserSelectionState {
  selection: UserSelection;
  selectIds: (ids: Iterable<string>) => void;
  selectAllMatching: () => void;
  clear: () => void;
  /** The selection as the bulk route takes it; null when nothing is selected. */
  toBulkSelection: () => BulkSelection | null;
}

export function useUserSelection(filters: Pick<UserListFilters, 'q' | 'status'>) {
  const [selection, setSelection] = useState<UserSelection>(NOTHING);
  // A new filter shows other users: a selection made under the old one would act unseen.
  const filterKey = JSON.stringify([filters.q ?? '', filters.status ?? '']);
  const [selectedUnder, setSelectedUnder] = useState(filterKey);
  if (selectedUnder !== filterKey) {
    setSelectedUnder(filterKey);
    setSelection(NOTHING);
  }

  return {
    selection,
    // The grid reports its model again after some renders: the same rows keep the same state
    // object, so that report does not start another render.
    selectIds: (ids) =>
      setSelection((current) => {
        const next = new Set(ids);
        const same =
          current.kind === 'ids' &&
          current.ids.size === next.size &&
          [...next].every((id) => current.ids.has(id));
        return same ? current : { kind: 'ids', ids: next };
      }),
    selectAllMatching: () => setSelection({ kind: 'filter' }),
    clear: () => setSelection(NOTHING),
    toBulkSelection: () => {
      if (selection.kind === 'filter') {
        return {
          kind: 'filter',
          ...(filters.q ? { q: filters.q } : {}),
          ...(filters.status ? { status: filters.status } : {}),
        };
      }
      return selection.ids.size > 0 ? { kind: 'ids', ids: [...selection.ids] } : null;
    },
  } satisfies UserSelectionState;
}
