import type { UserDetail } from '@hybrid-hub/contract';
import HistoryIcon from '@mui/icons-material/History';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useInfiniteQuery } from '@tanstack/react-query';
import { DialogButton } from '../../../components/dialog-button.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { userQueries } from '../api/user-queries.ts';
import { HistoryEntryItem } from './history-entry.tsx';

function HistoryTimeline({ userId }: { userId: string }) {
  const history = useInfiniteQuery(userQueries.history(userId));
  if (history.isPending) return <LoadingState label="Loading history…" />;
  if (history.isError) {
    return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  }
  const entries = history.data.pages.flatMap((page) => page.items);
  const total = history.data.pages.at(-1)?.total ?? entries.length;
  if (entries.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ py: 4, textAlign: 'center' }}>
        No changes recorded yet.
      </Typography>
    );
  }
  return (
    <>
      <Box component="ol" aria-label="History, newest first" sx={{ listStyle: 'none', m: 0, p: 0 }}>
        {entries.map((entry) => (
          <HistoryEntryItem key={entry.id} entry={entry} />
        ))}
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, pt: 1 }}>
        <Typography variant="caption" color="text.secondary" aria-live="polite">
          Showing {formatNumber(entries.length)} of {formatNumber(total)}
        </Typography>
        {history.hasNextPage && (
          <Button
            size="small"
            variant="outlined"
            onClick={() => void history.fetchNextPage()}
            disabled={history.isFetchingNextPage}
          >
            {history.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </Button>
        )}
      </Box>
    </>
  );
}

/** See history: every change of the user's status or assignment, newest first, paged. */
export function UserHistoryButton({ user }: { user: UserDetail }) {
  return (
    <DialogButton
      label="See history"
      icon={<HistoryIcon aria-hidden />}
      title={`History of ${user.displayName}`}
      description="Every change of status or assignment, newest first. Entries are never rewritten."
    >
      <HistoryTimeline userId={user.id} />
    </DialogButton>
  );
}
