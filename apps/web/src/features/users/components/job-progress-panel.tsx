import type { BulkAction, Job } from '@hybrid-hub/contract';
import CloseIcon from '@mui/icons-material/Close';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useEffect, useId, useState } from 'react';
import { ErrorState } from '../../../components/error-state.tsx';
import { useNotify } from '../../../components/notifications.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { formatCount, formatNumber } from '../../../lib/format.ts';
import { problemText } from '../../../lib/problem-text.ts';
import { fetchJobFailureIds } from '../api/job-failure-ids.ts';
import { useBulkJob } from '../hooks/use-bulk-job.ts';
import { JobFailuresList } from './job-failures-list.tsx';

const DOING: Record<BulkAction, string> = {
  activate: 'Activating',
  deactivate: 'Deactivating',
  reactivate: 'Reactivating',
};

function stateText(job: Job): string {
  switch (job.state) {
    case 'applying':
      return 'Changing the Message Service, user by user…';
    case 'settling':
      return 'Waiting for the service to assign the Pending users…';
    case 'completed':
      return 'Finished.';
  }
}

export interface JobProgressPanelProps {
  jobId: string;
  onSelectFailed: (ids: string[]) => void;
  onClose: () => void;
}

/** A bulk job's progress, then its honest result and the failed users, to retry them. */
export function JobProgressPanel({ jobId, onSelectFailed, onClose }: JobProgressPanelProps) {
  const titleId = useId();
  const notify = useNotify();
  const {
    data: job,
    isError,
    error,
    refetch,
  } = useBulkJob(jobId, (done) => notify(done.summary, done.failed > 0 ? 'info' : 'success'));
  const [selecting, setSelecting] = useState(false);
  // A job the server does not know (another database, a fresh mock after a reload) is
  // forgotten rather than shown as an error the admin cannot do anything about.
  const unknown = !job && isApiError(error) && error.status === 404;
  useEffect(() => {
    if (unknown) onClose();
  }, [unknown, onClose]);

  const selectFailed = () => {
    setSelecting(true);
    fetchJobFailureIds(jobId)
      .then((ids) => {
        onSelectFailed(ids);
        notify(
          `${formatCount(ids.length, 'failed user')} selected: choose an action to retry them.`,
          'info',
        );
      })
      .catch((e: unknown) =>
        notify(`Could not select the failed users. ${problemText(e)}`, 'error', { cause: e }),
      )
      .finally(() => setSelecting(false));
  };

  const done = job ? job.settled : 0;
  const percent = job && job.total > 0 ? (done / job.total) * 100 : job ? 100 : 0;
  const completed = job?.state === 'completed';

  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby={titleId}
      sx={{ mb: 2, p: 2, display: 'grid', gap: 1.25 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography
          id={titleId}
          variant="subtitle1"
          component="h2"
          sx={{ fontWeight: 600, flexGrow: 1 }}
        >
          {job ? `${DOING[job.action]} ${formatCount(job.total, 'user')}` : 'Bulk action'}
        </Typography>
        <IconButton size="small" aria-label="Close the job panel" onClick={onClose}>
          <CloseIcon fontSize="small" />
        </IconButton>
      </Box>
      {isError && !job ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <>
          <LinearProgress
            variant={job ? 'determinate' : 'indeterminate'}
            value={percent}
            aria-label="Progress"
            color={completed && job.failed > 0 ? 'warning' : 'primary'}
          />
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }} aria-live="polite">
            <Typography
              variant="body2"
              sx={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}
            >
              {job ? `${formatNumber(done)} of ${formatNumber(job.total)} done` : 'Starting…'}
            </Typography>
            {job && !completed && (
              <Typography variant="body2" color="text.secondary">
                {stateText(job)} You can leave this page: the job goes on.
              </Typography>
            )}
          </Box>
          {job && completed && (
            <Alert
              severity={job.failed > 0 ? 'warning' : 'success'}
              action={
                job.failed > 0 ? (
                  <Button color="inherit" size="small" onClick={selectFailed} disabled={selecting}>
                    Select failed users
                  </Button>
                ) : undefined
              }
            >
              {job.summary}
            </Alert>
          )}
          {job && completed && job.failed > 0 && <JobFailuresList jobId={job.id} />}
        </>
      )}
    </Paper>
  );
}
