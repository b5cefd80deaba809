import type { LabUserUpdate } from '@hybrid-hub/contract';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorState } from '../../../components/error-state.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { useNotify } from '../../../components/notifications.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { problemText } from '../../../lib/problem-text.ts';
import { labEntryRoles } from '../api/lab-entries.ts';
import { labQueries } from '../api/lab-queries.ts';
import { useUpdateLabUser } from '../api/use-update-lab-user.ts';
import { CloudAccountEditor } from './cloud-account-editor.tsx';
import { DirectoryEditor } from './directory-editor.tsx';
import { DirectoryEntriesTable } from './directory-entries-table.tsx';
import { DuplicateHomeEditor } from './duplicate-home-editor.tsx';

/** The Lab's controls for one user, and after a change, the way to the user to reactivate. */
export function LabUserPanel({ userId }: { userId: string }) {
  const notify = useNotify();
  const lab = useQuery(labQueries.user(userId));
  const update = useUpdateLabUser(userId);
  const [lastChange, setLastChange] = useState<string | null>(null);

  if (lab.isPending) return <LoadingState label="Loading what the directories say…" />;
  if (lab.isError) return <ErrorState error={lab.error} onRetry={() => void lab.refetch()} />;

  const user = lab.data;
  const roles = labEntryRoles(user);
  const busy = update.isPending;
  const apply = (change: LabUserUpdate, done: string) => {
    update.mutate(change, {
      // The sticky hint above says what changed (no snackbar repeating it); errors snackbar.
      onSuccess: () => setLastChange(done),
      onError: (error) =>
        notify(`Could not change it. ${problemText(error)}`, 'error', { cause: error }),
    });
  };

  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      {/*
        Always there and sticky under the app bar: the way on to the user stays in view from
        any editor below, and the page does not jump when a change fills it in.
      */}
      <Box sx={{ position: 'sticky', top: 60, zIndex: 2 }}>
        <Alert
          severity={lastChange ? 'success' : 'info'}
          variant={lastChange ? 'filled' : 'standard'}
          aria-live="polite"
          action={
            <Button
              component={Link}
              to={`/users/${encodeURIComponent(userId)}`}
              color="inherit"
              size="small"
              sx={{ whiteSpace: 'nowrap' }}
            >
              Open user
            </Button>
          }
        >
          {lastChange
            ? `${lastChange}. The user's status does not change by itself: open the user and click Reactivate User to run activation with the new conditions.`
            : 'Changes here alter the conditions only, never the status: afterwards, open the user and click Reactivate User to see what activation makes of them.'}
        </Alert>
      </Box>
      <SectionCard
        title="On-premises directory"
        subtitle="What the IM and Presence clusters return through AXL for this user."
        flush
      >
        <DirectoryEntriesTable entries={user.directoryEntries} roles={roles} />
        <Box sx={{ p: 2, borderTop: 1, borderColor: 'divider' }}>
          <DirectoryEditor user={user} roles={roles} busy={busy} apply={apply} />
        </Box>
      </SectionCard>
      <Box
        sx={{
          display: 'grid',
          gap: 2,
          gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' },
          alignItems: 'start',
        }}
      >
        <SectionCard title="Duplicate home">
          <DuplicateHomeEditor user={user} roles={roles} busy={busy} apply={apply} />
        </SectionCard>
        <SectionCard title="Cloud account">
          <CloudAccountEditor
            user={user}
            hasEntry={Boolean(roles.main)}
            busy={busy}
            apply={apply}
          />
        </SectionCard>
      </Box>
    </Box>
  );
}
