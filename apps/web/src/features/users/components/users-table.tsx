import type { UserListResponse } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Skeleton from '@mui/material/Skeleton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import type { MouseEvent } from 'react';
import { EmptyState } from '../../../components/empty-state.tsx';
import { TablePager } from '../../../components/table-pager.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { PAGE_SIZE_OPTIONS } from '../api/user-list-params.ts';
import type { UserListFilters } from '../api/user-queries.ts';
import { useGridKeyboard } from '../hooks/use-grid-keyboard.ts';
import type { UserSelection } from '../hooks/use-user-selection.ts';
import { userColumns } from './user-columns.tsx';
import { gridClass, usersTableSx } from './users-table-styles.ts';

/** Placeholder rows while the first page loads (the table's height is fixed: nothing moves). */
const SKELETON_ROWS = 10;

function emptyMessage(filters: UserListFilters): string {
  const parts = [
    filters.q ? `“${filters.q}”` : null,
    filters.status ? `status ${filters.status}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? `No users match ${parts.join(' and ')}` : 'No users yet';
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

/**
 * The Users grid: an ARIA grid over a plain table, in server mode — paging, sorting and
 * filtering all happen in the API; at most 100 rows a page, so every row is rendered. See
 * docs/decisions for why this replaced MUI X DataGrid.
 */
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
  const rows = data?.items ?? [];
  const pageIds = rows.map((row) => row.id);
  const isSelected = (id: string) => selection.kind === 'filter' || selection.ids.has(id);
  const selectedOnPage = pageIds.filter(isSelected).length;
  const allOnPage = pageIds.length > 0 && selectedOnPage === pageIds.length;
  const firstColumn = selectable ? 1 : 0;
  const colCount = userColumns.length + firstColumn;
  const sortField = filters.sort.replace(/^-/, '');
  const descending = filters.sort.startsWith('-');

  // Selected rows stay selected while the admin pages through the list.
  const toggleRow = (id: string) => {
    // Every matching user was selected: unticking one keeps this page's others.
    if (selection.kind === 'filter') return onSelectIds(pageIds.filter((other) => other !== id));
    const next = new Set(selection.ids);
    if (!next.delete(id)) next.add(id);
    onSelectIds([...next]);
  };
  const togglePage = () => {
    if (selection.kind === 'filter') return onSelectIds([]);
    const next = new Set(selection.ids);
    for (const id of pageIds) {
      if (allOnPage) next.delete(id);
      else next.add(id);
    }
    onSelectIds([...next]);
  };
  const sortBy = (field: string) =>
    onSortChange(field === sortField && !descending ? `-${field}` : field);

  const changePage = (page: number) => {
    if (page === filters.page) return;
    // One step from the page on screen: follow its keyset cursor (fast on the last page too).
    const current = !stale && data?.page === filters.page ? data : undefined;
    const cursor =
      page === filters.page + 1
        ? (current?.nextCursor ?? null)
        : page === filters.page - 1
          ? (current?.prevCursor ?? null)
          : null;
    onPageChange(page, filters.pageSize, cursor);
  };

  const keyboard = useGridKeyboard({
    rowCount: rows.length + 1,
    colCount,
    onActivate: (row, col, key) => {
      const column = userColumns[col - firstColumn];
      if (row === 0) {
        if (col < firstColumn) togglePage();
        else if (column?.sortable) sortBy(column.field);
        else return false;
        return true;
      }
      const user = rows[row - 1];
      if (!user) return false;
      if (selectable && (key === ' ' || col < firstColumn)) toggleRow(user.id);
      else if (key === 'Enter') onOpenUser(user.id);
      else return false;
      return true;
    },
  });

  const handleRowClick = (event: MouseEvent<HTMLElement>, id: string) => {
    // A click on the name link navigates by itself; one in the checkbox cell selects.
    const target = event.target as HTMLElement;
    if (target.closest('a') || target.closest('[data-field="select"]')) return;
    onOpenUser(id);
  };

  const count = data?.total ?? -1;
  const lastPage =
    count < 0 ? filters.page - 1 : Math.max(0, Math.ceil(count / filters.pageSize) - 1);
  const firstRowIndex = (filters.page - 1) * filters.pageSize + 2;

  return (
    <Box sx={{ height: '100%', display: 'flex', flexDirection: 'column', position: 'relative' }}>
      {loading && (
        <LinearProgress
          aria-label="Loading users"
          sx={{ position: 'absolute', top: 0, left: 0, right: 0, zIndex: 3 }}
        />
      )}
      <Box sx={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
        <Table
          stickyHeader
          size="small"
          role="grid"
          aria-label="Users"
          aria-rowcount={data ? data.total + 1 : -1}
          aria-colcount={colCount}
          aria-busy={loading}
          aria-multiselectable={selectable || undefined}
          onKeyDown={keyboard.onKeyDown}
          onFocus={keyboard.onFocus}
          sx={usersTableSx}
        >
          <colgroup>
            {selectable && <col style={{ width: 52 }} />}
            {userColumns.map((column) => (
              <col key={column.field} style={{ width: column.width }} />
            ))}
          </colgroup>
          <TableHead>
            <TableRow role="row" aria-rowindex={1}>
              {selectable && (
                <TableCell
                  role="columnheader"
                  padding="checkbox"
                  className={gridClass.checkboxCell}
                  data-field="select"
                  tabIndex={keyboard.tabIndexOf(0, 0)}
                >
                  <input
                    type="checkbox"
                    className={gridClass.checkbox}
                    checked={allOnPage}
                    // Some of the page's rows: "mixed" to assistive technology.
                    ref={(input) => {
                      if (input) input.indeterminate = selectedOnPage > 0 && !allOnPage;
                    }}
                    disabled={pageIds.length === 0}
                    onChange={togglePage}
                    aria-label="Select all rows"
                    tabIndex={-1}
                  />
                </TableCell>
              )}
              {userColumns.map((column, index) => {
                const active = column.field === sortField;
                return (
                  <TableCell
                    key={column.field}
                    role="columnheader"
                    data-field={column.field}
                    tabIndex={keyboard.tabIndexOf(0, index + firstColumn)}
                    aria-sort={
                      column.sortable && active
                        ? descending
                          ? 'descending'
                          : 'ascending'
                        : undefined
                    }
                  >
                    {column.sortable ? (
                      <TableSortLabel
                        active={active}
                        direction={active && descending ? 'desc' : 'asc'}
                        tabIndex={-1}
                        onClick={() => sortBy(column.field)}
                      >
                        {column.header}
                      </TableSortLabel>
                    ) : (
                      column.header
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row, index) => {
              const selected = isSelected(row.id);
              return (
                <tr
                  key={row.id}
                  role="row"
                  className={gridClass.row}
                  aria-rowindex={firstRowIndex + index}
                  aria-selected={selectable ? selected : undefined}
                  onClick={(event) => handleRowClick(event, row.id)}
                >
                  {selectable && (
                    <td
                      role="gridcell"
                      className={`${gridClass.cell} ${gridClass.checkboxCell}`}
                      data-field="select"
                      tabIndex={keyboard.tabIndexOf(index + 1, 0)}
                    >
                      <input
                        type="checkbox"
                        className={gridClass.checkbox}
                        checked={selected}
                        onChange={() => toggleRow(row.id)}
                        // Not the user's name: the name cell alone is named by it.
                        aria-label="Select row"
                        tabIndex={-1}
                      />
                    </td>
                  )}
                  {userColumns.map((column, col) => (
                    <td
                      key={column.field}
                      role="gridcell"
                      className={gridClass.cell}
                      data-field={column.field}
                      tabIndex={keyboard.tabIndexOf(index + 1, col + firstColumn)}
                    >
                      {column.render(row)}
                    </td>
                  ))}
                </tr>
              );
            })}
            {!data &&
              loading &&
              Array.from({ length: SKELETON_ROWS }, (_, index) => (
                <TableRow key={index} aria-hidden>
                  {Array.from({ length: colCount }, (_, col) => (
                    <TableCell key={col}>
                      <Skeleton variant="text" />
                    </TableCell>
                  ))}
                </TableRow>
              ))}
          </TableBody>
        </Table>
        {data && rows.length === 0 && (
          <EmptyState
            title={emptyMessage(filters)}
            action={
              (filters.q || filters.status) && (
                <Button variant="outlined" onClick={onClearFilters}>
                  Clear filters
                </Button>
              )
            }
          />
        )}
      </Box>
      <TablePager
        count={count}
        page={Math.min(filters.page - 1, lastPage)}
        rowsPerPage={filters.pageSize}
        rowsPerPageOptions={PAGE_SIZE_OPTIONS}
        onPageChange={(page) => changePage(page + 1)}
        onRowsPerPageChange={(pageSize) => onPageChange(1, pageSize, null)}
        label={(from, to, total) =>
          `${formatNumber(from)}–${formatNumber(to)} of ${formatNumber(total)}`
        }
      />
    </Box>
  );
}
