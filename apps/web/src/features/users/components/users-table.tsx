import type { UserListResponse } from '@hybrid-hub/contract';
import Button from '@mui/material/Button';
import {
  DataGrid,
  GRID_CHECKBOX_SELECTION_FIELD,
  type GridPaginationModel,
  type GridRowParams,
  type GridRowSelectionModel,
  type GridSortModel,
  type MuiEvent,
} from '@mui/x-data-grid';
import { useMemo, type MouseEvent } from 'react';
import { EmptyState } from '../../../components/empty-state.tsx';
import { PAGE_SIZE_OPTIONS } from '../api/user-list-params.ts';
import type { UserListFilters } from '../api/user-queries.ts';
import type { UserSelection } from '../hooks/use-user-selection.ts';
import { userColumns } from './user-columns.tsx';

declare module '@mui/x-data-grid' {
  interface NoRowsOverlayPropsOverrides {
    message: string;
    onClearFilters?: () => void;
  }
}

function NoUsersOverlay({
  message,
  onClearFilters,
}: {
  message: string;
  onClearFilters?: () => void;
}) {
  return (
    <EmptyState
      title={message}
      action={
        onClearFilters && (
          <Button variant="outlined" onClick={onClearFilters}>
            Clear filters
          </Button>
        )
      }
    />
  );
}

function emptyMessage(filters: UserListFilters): string {
  const parts = [
    filters.q ? `“${filters.q}”` : null,
    filters.status ? `status ${filters.status}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? `No users match ${parts.join(' and ')}` : 'No users yet';
}

function sortModelOf(sort: string): GridSortModel {
  const descending = sort.startsWith('-');
  return [{ field: descending ? sort.slice(1) : sort, sort: descending ? 'desc' : 'asc' }];
}

export interface UsersTableProps {
  filters: UserListFilters;
  data: UserListResponse | undefined;
  loading: boolean;
  /** The shown rows belong to the previous request (placeholder while paging). */
  stale: boolean;
  onPageChange: (page: number, pageSize: number, cursor: string | null) => void;
  onSortChange: (sort: string | undefined) => void;
  onOpenUser: (id: string) => void;
  onClearFilters: () => void;
  selection: UserSelection;
  /** Rows can be selected for bulk actions (the roles that may run them). */
  selectable?: boolean;
  onSelectIds: (ids: string[]) => void;
}

/** Every row checked while all matching users are selected; otherwise the chosen ids. */
function selectionModelOf(selection: UserSelection): GridRowSelectionModel {
  return selection.kind === 'filter'
    ? { type: 'exclude', ids: new Set() }
    : { type: 'include', ids: new Set(selection.ids) };
}

/** The Users grid in server mode: paging, sorting and filtering all happen in the API. */
export function UsersTable({
  filters,
  data,
  loading,
  stale,
  onPageChange,
  onSortChange,
  onOpenUser,
  onClearFilters,
  selection,
  selectable = true,
  onSelectIds,
}: UsersTableProps) {
  const rowSelectionModel = useMemo(() => selectionModelOf(selection), [selection]);
  const paginationModel = useMemo(
    () => ({ page: filters.page - 1, pageSize: filters.pageSize }),
    [filters.page, filters.pageSize],
  );
  const sortModel = useMemo(() => sortModelOf(filters.sort), [filters.sort]);
  const hasFilters = Boolean(filters.q || filters.status);

  const handlePagination = (model: GridPaginationModel) => {
    if (model.pageSize !== filters.pageSize) return onPageChange(1, model.pageSize, null);
    const page = model.page + 1;
    if (page === filters.page) return;
    // One step from the page on screen: follow its keyset cursor (fast on the last page too).
    const current = !stale && data?.page === filters.page ? data : undefined;
    const cursor =
      page === filters.page + 1
        ? (current?.nextCursor ?? null)
        : page === filters.page - 1
          ? (current?.prevCursor ?? null)
          : null;
    onPageChange(page, model.pageSize, cursor);
  };

  const handleSort = (model: GridSortModel) => {
    const first = model[0];
    onSortChange(first?.sort ? `${first.sort === 'desc' ? '-' : ''}${first.field}` : undefined);
  };

  const handleRowClick = (params: GridRowParams, event: MuiEvent<MouseEvent>) => {
    // A click on the name link navigates by itself; one on the checkbox selects.
    const target = event.target as HTMLElement;
    if (target.closest('a') || target.closest(`[data-field="${GRID_CHECKBOX_SELECTION_FIELD}"]`)) {
      return;
    }
    onOpenUser(String(params.id));
  };

  const handleSelection = (model: GridRowSelectionModel) => {
    // The grid only knows this page: "all but" means this page's rows but those.
    const ids =
      model.type === 'include'
        ? [...model.ids]
        : (data?.items ?? []).map((row) => row.id).filter((id) => !model.ids.has(id));
    onSelectIds(ids.map(String));
  };

  return (
    <DataGrid
      aria-label="Users"
      rows={data?.items ?? []}
      columns={userColumns}
      rowCount={data?.total ?? 0}
      loading={loading}
      paginationMode="server"
      sortingMode="server"
      filterMode="server"
      paginationModel={paginationModel}
      onPaginationModelChange={handlePagination}
      pageSizeOptions={[...PAGE_SIZE_OPTIONS]}
      sortModel={sortModel}
      onSortModelChange={handleSort}
      sortingOrder={['asc', 'desc']}
      disableColumnFilter
      disableColumnSelector
      checkboxSelection={selectable}
      disableRowSelectionOnClick
      // Selected rows stay selected while the admin pages through the list.
      keepNonExistentRowsSelected
      rowSelectionModel={rowSelectionModel}
      onRowSelectionModelChange={handleSelection}
      // At most 100 rows a page: render them all (and jsdom, which has no layout, sees them).
      disableVirtualization
      rowHeight={44}
      columnHeaderHeight={44}
      onRowClick={handleRowClick}
      onCellKeyDown={(params, event) => {
        if (event.key === 'Enter' && params.field !== GRID_CHECKBOX_SELECTION_FIELD) {
          onOpenUser(String(params.id));
        }
      }}
      slots={{ noRowsOverlay: NoUsersOverlay }}
      slotProps={{
        noRowsOverlay: {
          message: emptyMessage(filters),
          onClearFilters: hasFilters ? onClearFilters : undefined,
        },
        loadingOverlay: { variant: 'linear-progress', noRowsVariant: 'skeleton' },
      }}
      sx={{
        border: 0,
        borderRadius: 0,
        '& .MuiDataGrid-row': { cursor: 'pointer' },
        '& .MuiDataGrid-columnHeaders': { bgcolor: '#fafbfc' },
        '& .MuiDataGrid-columnHeaderTitle': { fontWeight: 600 },
        '& .MuiDataGrid-cell:focus, & .MuiDataGrid-cell:focus-within': {
          outline: '2px solid',
          outlineColor: 'primary.main',
          outlineOffset: -2,
        },
      }}
    />
  );
}
