import type { ClusterDetail } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { CapacityBar } from '../../../components/capacity-bar.tsx';
import { LabelledValue } from './labelled-value.tsx';
import { NODE_CAPACITY } from '@hybrid-hub/contract';
import { formatNumber } from '../../../lib/format.ts';

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
      <LabelledValue label="Nodes serving">
        <Typography variant="h6" component="p">
          {cluster.nodesServing} of {cluster.nodeCount}
        </Typography>
      </LabelledValue>
      <LabelledValue label="Node size">
        <Typography variant="h6" component="p">
          {cluster.nodeSize}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {formatNumber(NODE_CAPACITY[cluster.nodeSize])} users per node
        </Typography>
      </LabelledValue>
      <LabelledValue label="IM and Presence clusters">
        <Typography variant="h6" component="p">
          {cluster.impClusterCount}
        </Typography>
      </LabelledValue>
      {/* A row of its own on a phone: half of one is narrower than the bar. */}
      <Box sx={{ gridColumn: { xs: '1 / -1', md: 'auto' }, minWidth: 0 }}>
        <LabelledValue label="Message Service users vs capacity">
          <CapacityBar used={cluster.users} capacity={cluster.capacity} />
        </LabelledValue>
      </Box>
    </Paper>
  );
}
