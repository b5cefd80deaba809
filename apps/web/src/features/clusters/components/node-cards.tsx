import type { ConnectorNode } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { HealthChip, MaintenanceChip } from '../../../components/health-chip.tsx';
import { LabelledValue } from './labelled-value.tsx';
import { MaintenanceProgress } from './maintenance-progress.tsx';
import { NodeConnectors, NodeLoad } from './node-connectors.tsx';
import { NodeMaintenanceButton } from './node-maintenance-button.tsx';

/** One node, everything the nodes table says about it, in a block that fits a narrow window. */
function NodeCard({ clusterId, node }: { clusterId: string; node: ConnectorNode }) {
  const progress = node.maintenanceProgress;
  return (
    <Box
      component="li"
      aria-label={node.hostname}
      sx={{ p: 2, display: 'grid', gap: 1.5, borderTop: 1, borderColor: 'divider' }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="subtitle2" component="h3" sx={{ overflowWrap: 'anywhere' }}>
          {node.hostname}
        </Typography>
        <Typography variant="caption" color="text.secondary" sx={{ flexGrow: 1 }}>
          {node.version}
        </Typography>
        <NodeMaintenanceButton clusterId={clusterId} node={node} />
      </Box>
      <Box
        sx={{
          display: 'grid',
          gap: 1.5,
          gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
          alignItems: 'start',
        }}
      >
        <LabelledValue label="Maintenance mode">
          <MaintenanceChip state={node.maintenance} />
        </LabelledValue>
        <LabelledValue label="Connectivity">
          <HealthChip health={node.connectivity} />
        </LabelledValue>
        <LabelledValue label="Connectors">
          <NodeConnectors node={node} />
        </LabelledValue>
        <LabelledValue label="Users vs capacity">
          <NodeLoad node={node} />
        </LabelledValue>
      </Box>
      {progress && <MaintenanceProgress hostname={node.hostname} progress={progress} />}
    </Box>
  );
}

/**
 * The nodes as a list of blocks, for windows too narrow for the nodes table: the state and the
 * maintenance action of every node stay in view without scrolling sideways.
 */
export function NodeCards({
  clusterId,
  nodes,
}: {
  clusterId: string;
  nodes: readonly ConnectorNode[];
}) {
  return (
    <Box
      component="ul"
      aria-label="Nodes"
      sx={{ m: 0, p: 0, listStyle: 'none', '& > li:first-of-type': { borderTop: 0 } }}
    >
      {nodes.map((node) => (
        <NodeCard key={node.id} clusterId={clusterId} node={node} />
      ))}
    </Box>
  );
}
