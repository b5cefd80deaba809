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
      onSuccess: () => {
        setLastChange(done);
        notify(`${done}.`);
      },
      onError: (error) => notify(`Could not change it. ${problemText(error)}`, 'error'),
    });
  };

  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      {lastChange && (
        <Alert
          severity="info"
          action={
            <Button
              component={Link}
              to={`/users/${encodeURIComponent(userId)}`}
              color="inherit"
              size="small"
            >
              Open user
            </Button>
          }
        >
          {lastChange}. The user&apos;s status does not change by itself: open the user and click
          Reactivate User to run activation with the new conditions.
        </Alert>
      )}
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
