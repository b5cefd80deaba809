import type { UserDetail } from '@hybrid-hub/contract';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { DetailList } from '../../../components/detail-list.tsx';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { RouterLink } from '../../../components/router-link.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { MessageServiceCard } from './message-service-card.tsx';

function UserErrorAlert({ error }: { error: NonNullable<UserDetail['error']> }) {
  return (
    <Alert severity="error" variant="outlined" sx={{ bgcolor: 'background.paper' }}>
      <AlertTitle sx={{ fontWeight: 600 }}>{error.message}</AlertTitle>
      <Typography variant="body2" sx={{ mb: 1 }}>
        <strong>What to do:</strong> {error.remedy}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p">
        <Box component="span" sx={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' }}>
          {error.code}
        </Box>
        {' · '}
        {error.retriedAutomatically
          ? 'The service retries activation automatically; the history says when.'
          : 'The service does not retry by itself: an administrator must act, then Reactivate User.'}
      </Typography>
    </Alert>
  );
}

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

/** One user's Message Service state, with the switch and Reactivate User. */
export function UserDetails({ user }: { user: UserDetail }) {
  const { assignment, homeImpNode } = user;
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      {user.status === 'Error' && user.error && <UserErrorAlert error={user.error} />}
      <Box
        sx={{
          display: 'grid',
          gap: 2,
          gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' },
          alignItems: 'start',
        }}
      >
        <MessageServiceCard user={user} />
        <SectionCard title="Assignment">
          <DetailList
            items={[
              {
                label: 'Expressway cluster',
                value: assignment ? (
                  <RouterLink to={`/clusters/${encodeURIComponent(assignment.clusterId)}`}>
                    {assignment.clusterName}
                  </RouterLink>
                ) : (
                  'Not assigned'
                ),
              },
              { label: 'Node', value: assignment ? assignment.nodeHostname : 'Not assigned' },
              {
                label: 'Home IM and Presence node',
                value: homeImpNode ? homeImpNode.address : 'Unknown',
              },
              {
                label: 'IM and Presence cluster',
                value: homeImpNode ? homeImpNode.impClusterName : 'Unknown',
              },
            ]}
          />
        </SectionCard>
        <SectionCard title="Activity">
          <DetailList
            items={[
              { label: 'Last activity', value: <RelativeTime value={user.lastActivityAt} /> },
              { label: 'Active in the last 72 hours', value: yesNo(user.activeWithin72Hours) },
              { label: 'Last changed', value: formatDateTime(user.updatedAt) },
            ]}
          />
        </SectionCard>
        <SectionCard title="Entitlements">
          <DetailList
            items={[
              {
                label: 'Hybrid Message',
                value: user.entitlements.hybridMessage ? 'Entitled' : 'Not entitled',
              },
              {
                label: 'Message Free',
                value: user.entitlements.messageFree ? 'Entitled' : 'Not entitled',
              },
            ]}
          />
        </SectionCard>
      </Box>
    </Box>
  );
}
