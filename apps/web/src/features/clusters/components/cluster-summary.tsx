import type { ClusterDetail } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { CapacityBar } from '../../../components/capacity-bar.tsx';
import { NODE_CAPACITY } from '@hybrid-hub/contract';
import { formatNumber } from '../../../lib/format.ts';

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 0.5 }}>
        {label}
      </Typography>
      {children}
    </Box>
  );
}

/** Key figures of a cluster, above its detail sections. */
export function ClusterSummaryBar({ cluster }: { cluster: ClusterDetail }) {
  return (
    <Paper
      variant="outlined"
      sx={{
        p: 2,
        display: 'grid',
        gap: 3,
        gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(3, minmax(0, 1fr)) minmax(0, 2fr)' },
        alignItems: 'start',
      }}
    >
      <Stat label="Nodes serving">
        <Typography variant="h6" component="p">
          {cluster.nodesServing} of {cluster.nodeCount}
        </Typography>
      </Stat>
      <Stat label="Node size">
        <Typography variant="h6" component="p">
          {cluster.nodeSize}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {formatNumber(NODE_CAPACITY[cluster.nodeSize])} users per node
        </Typography>
      </Stat>
      <Stat label="IM and Presence clusters">
        <Typography variant="h6" component="p">
          {cluster.impClusterCount}
        </Typography>
      </Stat>
      <Stat label="Message Service users vs capacity">
        <CapacityBar used={cluster.users} capacity={cluster.capacity} />
      </Stat>
    </Paper>
  );
}
