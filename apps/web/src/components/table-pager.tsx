import KeyboardArrowLeft from '@mui/icons-material/KeyboardArrowLeft';
import KeyboardArrowRight from '@mui/icons-material/KeyboardArrowRight';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import InputBase from '@mui/material/InputBase';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Typography from '@mui/material/Typography';
import { useId } from 'react';

export interface TablePagerProps {
  /** Rows in the whole list; -1 while it is not known yet. */
  count: number;
  /** Zero-based, as MUI's `TablePagination`. */
  page: number;
  rowsPerPage: number;
  /** Offered when more than one; the change comes back through `onRowsPerPageChange`. */
  rowsPerPageOptions?: readonly number[];
  onPageChange: (page: number) => void;
  onRowsPerPageChange?: (rowsPerPage: number) => void;
  /** "51–100 of 2,000 users": the rows shown, said the list's way. */
  label: (from: number, to: number, count: number) => string;
}

/**
 * A list's footer: rows per page, the rows shown, previous and next — what MUI's
 * `TablePagination` shows, in its words ("Rows per page:", "Go to previous page", "Go to next
 * page"). Ours because MUI's wraps each button in a Tooltip, whose Popper (12 kB gzip) every
 * list screen then downloads before it shows; a title says the same here.
 */
export function TablePager({
  count,
  page,
  rowsPerPage,
  rowsPerPageOptions = [],
  onPageChange,
  onRowsPerPageChange,
  label,
}: TablePagerProps) {
  const labelId = useId();
  const lastPage = count < 0 ? Infinity : Math.max(0, Math.ceil(count / rowsPerPage) - 1);
  const from = count === 0 ? 0 : page * rowsPerPage + 1;
  const to = count < 0 ? (page + 1) * rowsPerPage : Math.min(count, (page + 1) * rowsPerPage);
  return (
    <Box
      sx={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'flex-end',
        flexWrap: 'wrap',
        columnGap: 3,
        minHeight: 52,
        px: 2,
        borderTop: 1,
        borderColor: 'divider',
        flexShrink: 0,
      }}
    >
      {rowsPerPageOptions.length > 1 && onRowsPerPageChange && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Typography id={labelId} variant="body2">
            Rows per page:
          </Typography>
          <Select
            value={rowsPerPage}
            onChange={(event) => onRowsPerPageChange(Number(event.target.value))}
            labelId={labelId}
            input={<InputBase />}
            sx={{ fontSize: 14 }}
          >
            {rowsPerPageOptions.map((option) => (
              <MenuItem key={option} value={option}>
                {option}
              </MenuItem>
            ))}
          </Select>
        </Box>
      )}
      <Typography variant="body2" aria-live="polite">
        {count < 0 ? '' : label(from, to, count)}
      </Typography>
      <Box>
        <IconButton
          aria-label="Go to previous page"
          title="Go to previous page"
          disabled={page <= 0}
          onClick={() => onPageChange(page - 1)}
        >
          <KeyboardArrowLeft />
        </IconButton>
        <IconButton
          aria-label="Go to next page"
          title="Go to next page"
          disabled={page >= lastPage}
          onClick={() => onPageChange(page + 1)}
        >
          <KeyboardArrowRight />
        </IconButton>
      </Box>
    </Box>
  );
}
