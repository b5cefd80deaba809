import type { ConnectorNode } from '@hybrid-hub/contract';
import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { CapacityBar } from '../../../components/capacity-bar.tsx';
import { HealthChip, MaintenanceChip } from '../../../components/health-chip.tsx';
import { StatusChip } from '../../../components/status-chip.tsx';
import { MaintenanceProgress } from './maintenance-progress.tsx';
import { NodeConnectors } from './node-connectors.tsx';
import { NodeMaintenanceButton } from './node-maintenance-button.tsx';

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 0.5 }}>
        {label}
      </Typography>
      {children}
    </Box>
  );
}

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
          gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))',
          alignItems: 'start',
        }}
      >
        <Labelled label="Maintenance mode">
          <MaintenanceChip state={node.maintenance} />
        </Labelled>
        <Labelled label="Connectivity">
          <HealthChip health={node.connectivity} />
        </Labelled>
        <Labelled label="Connectors">
          <NodeConnectors node={node} />
        </Labelled>
        <Labelled label="Users vs capacity">
          <CapacityBar used={node.users} capacity={node.capacity} unit="" dense />
          {node.usersAffected && (
            <Box sx={{ mt: 0.5 }}>
              <StatusChip
                label="Users affected"
                tone="error"
                title="This node has users but cannot serve them"
              />
            </Box>
          )}
        </Labelled>
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
