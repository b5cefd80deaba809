import type { ImpCluster } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Fragment } from 'react';
import { HealthChip, StatusOnOff } from '../../../components/health-chip.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { SessionMoveProgress } from '../../../components/session-move-progress.tsx';
import { formatCount } from '../../../lib/format.ts';

function ImpClusterBlock({ cluster }: { cluster: ImpCluster }) {
  const groupName = new Map(cluster.presenceRedundancyGroups.map((g) => [g.id, g.name]));
  return (
    <Box>
      <Box
        sx={{
          px: 2,
          pt: 2,
          pb: 1,
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'baseline',
          columnGap: 3,
          rowGap: 0.5,
        }}
      >
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {cluster.name}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          Publisher{' '}
          <Box component="span" sx={{ color: 'text.primary' }}>
            {cluster.publisherAddress}
          </Box>
        </Typography>
        <Typography variant="body2" color="text.secondary">
          AXL account{' '}
          <Box component="span" sx={{ color: 'text.primary' }}>
            {cluster.axlUsername}
          </Box>
        </Typography>
        <Typography
          variant="body2"
          color="text.secondary"
          component="div"
          sx={{ display: 'flex', alignItems: 'center', gap: 1 }}
        >
          Certificate validation <StatusOnOff value={cluster.certificateValidation} />
        </Typography>
      </Box>
      <TableContainer>
        <Table size="small" aria-label={`Nodes of ${cluster.name}`}>
          <TableHead>
            <TableRow>
              <TableCell>Node</TableCell>
              <TableCell>Version</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>AXL service</TableCell>
              <TableCell>Presence redundancy group</TableCell>
              <TableCell>Sessions</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {cluster.nodes.map((node) => (
              <TableRow key={node.id} hover>
                <TableCell component="th" scope="row">
                  <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                    {node.address}
                    {node.isPublisher && (
                      <Chip size="small" variant="outlined" label="Publisher" sx={{ height: 20 }} />
                    )}
                  </Box>
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{node.version}</TableCell>
                <TableCell>
                  <HealthChip health={node.status} />
                </TableCell>
                <TableCell>{node.axlServiceRunning ? 'Running' : 'Stopped'}</TableCell>
                <TableCell>
                  {node.presenceRedundancyGroupId
                    ? (groupName.get(node.presenceRedundancyGroupId) ?? '—')
                    : '—'}
                </TableCell>
                <TableCell>
                  {node.sessionMove ? <SessionMoveProgress move={node.sessionMove} /> : '—'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {cluster.presenceRedundancyGroups.length > 0 && (
        <Box sx={{ px: 2, py: 1.5 }}>
          <Typography
            variant="caption"
            color="text.secondary"
            component="h4"
            sx={{ mb: 0.75, fontWeight: 600 }}
          >
            Presence redundancy groups
          </Typography>
          <Box
            component="ul"
            sx={{ m: 0, p: 0, listStyle: 'none', display: 'flex', flexWrap: 'wrap', gap: 1 }}
          >
            {cluster.presenceRedundancyGroups.map((group) => (
              <Box
                component="li"
                key={group.id}
                sx={{
                  display: 'flex',
                  alignItems: 'center',
                  gap: 1,
                  border: 1,
                  borderColor: 'divider',
                  borderRadius: 1,
                  px: 1.25,
                  py: 0.5,
                }}
              >
                <Typography variant="body2" sx={{ fontWeight: 500 }}>
                  {group.name}
                </Typography>
                <Typography variant="caption" color="text.secondary">
                  {formatCount(group.impNodeIds.length, 'node')} · High availability
                </Typography>
                <StatusOnOff value={group.highAvailability} />
              </Box>
            ))}
          </Box>
        </Box>
      )}
    </Box>
  );
}

/** IM and Presence clusters configured on this Expressway cluster (by publisher). */
export function ImpClusters({ clusters }: { clusters: readonly ImpCluster[] }) {
  return (
    <SectionCard
      title="IM and Presence clusters"
      subtitle="Configured on this Expressway cluster by their publisher"
      flush
    >
      {clusters.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
          No IM and Presence cluster is configured.
        </Typography>
      ) : (
        clusters.map((cluster, index) => (
          <Fragment key={cluster.id}>
            {index > 0 && <Divider />}
            <ImpClusterBlock cluster={cluster} />
          </Fragment>
        ))
      )}
    </SectionCard>
  );
}
