import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorState } from '../../../components/error-state.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { RouterLink } from '../../../components/router-link.tsx';
import { UserStatusChip } from '../../../components/user-status-chip.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { JOB_FAILURES_PAGE_SIZE, userQueries } from '../api/user-queries.ts';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 12 };

/** The users a job could not bring to the asked state, and why, a page at a time. */
export function JobFailuresList({ jobId }: { jobId: string }) {
  const [page, setPage] = useState(1);
  const failures = useQuery(userQueries.jobFailures(jobId, page));
  if (failures.isPending) return <LoadingState label="Loading the failed users…" />;
  if (failures.isError) {
    return <ErrorState error={failures.error} onRetry={() => void failures.refetch()} />;
  }
  const { items, total } = failures.data;
  const first = (page - 1) * JOB_FAILURES_PAGE_SIZE + 1;
  const last = first + items.length - 1;
  return (
    <Box>
      <Table size="small" aria-label="Failed users">
        <TableHead>
          <TableRow>
            <TableCell>User</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Reason</TableCell>
          </TableRow>
        </TableHead>
        <TableBody sx={{ opacity: failures.isPlaceholderData ? 0.5 : 1 }}>
          {items.map((failure) => (
            <TableRow key={failure.userId}>
              <TableCell sx={{ minWidth: 200 }}>
                <RouterLink to={`/users/${encodeURIComponent(failure.userId)}`}>
                  {failure.displayName}
                </RouterLink>
                <Typography variant="caption" color="text.secondary" component="p">
                  {failure.email}
                </Typography>
              </TableCell>
              <TableCell>
                <UserStatusChip status={failure.status} />
              </TableCell>
              <TableCell>
                <Typography variant="body2">{failure.message}</Typography>
                {failure.code && (
                  <Typography variant="caption" color="text.secondary" sx={mono}>
                    {failure.code}
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {total > JOB_FAILURES_PAGE_SIZE && (
        <Box
          sx={{ display: 'flex', alignItems: 'center', justifyContent: 'flex-end', gap: 1, pt: 1 }}
        >
          <Typography variant="caption" color="text.secondary" aria-live="polite">
            {formatNumber(first)}–{formatNumber(last)} of {formatNumber(total)}
          </Typography>
          <Button size="small" disabled={page === 1} onClick={() => setPage(page - 1)}>
            Previous
          </Button>
          <Button
            size="small"
            disabled={page * JOB_FAILURES_PAGE_SIZE >= total}
            onClick={() => setPage(page + 1)}
          >
            Next
          </Button>
        </Box>
      )}
    </Box>
  );
}
