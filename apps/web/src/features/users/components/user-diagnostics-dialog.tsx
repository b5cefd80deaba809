import type { UserDetail } from '@hybrid-hub/contract';
import FactCheckOutlinedIcon from '@mui/icons-material/FactCheckOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { DialogButton } from '../../../components/dialog-button.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { userQueries } from '../api/user-queries.ts';
import { DiagnosticCheckItem } from './diagnostic-check-item.tsx';

function Checklist({ userId }: { userId: string }) {
  const diagnostics = useQuery(userQueries.diagnostics(userId));
  if (diagnostics.isPending) return <LoadingState label="Running the checks…" />;
  if (diagnostics.isError) {
    return <ErrorState error={diagnostics.error} onRetry={() => void diagnostics.refetch()} />;
  }
  const { checks, summary, ranAt } = diagnostics.data;
  const failed = checks.some((check) => check.result === 'fail');
  return (
    <>
      {/* Stays in place while the checks run again, so nothing jumps. */}
      <LinearProgress
        sx={{ visibility: diagnostics.isFetching ? 'visible' : 'hidden', mb: 1 }}
        aria-hidden
      />
      <Alert severity={failed ? 'error' : 'success'} variant="outlined" sx={{ mb: 1 }}>
        {summary}
      </Alert>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography variant="caption" color="text.secondary" sx={{ flexGrow: 1 }}>
          Ran {formatDateTime(ranAt)}
        </Typography>
        <Button
          size="small"
          onClick={() => void diagnostics.refetch()}
          disabled={diagnostics.isFetching}
        >
          Run again
        </Button>
      </Box>
      <Box component="ul" aria-label="Checks" sx={{ listStyle: 'none', m: 0, p: 0 }}>
        {checks.map((check) => (
          <DiagnosticCheckItem key={check.id} check={check} />
        ))}
      </Box>
    </>
  );
}

/** Diagnostics: the guide's per-user and IM and Presence checks, run now, with remedies. */
export function UserDiagnosticsButton({ user }: { user: UserDetail }) {
  return (
    <DialogButton
      label="Diagnostics"
      icon={<FactCheckOutlinedIcon aria-hidden />}
      title={`Diagnostics for ${user.displayName}`}
      maxWidth="md"
    >
      <Checklist userId={user.id} />
    </DialogButton>
  );
}
