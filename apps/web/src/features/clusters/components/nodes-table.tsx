import type { ConnectorNode } from '@hybrid-hub/contract';
import type { Theme } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { Fragment } from 'react';
import { HealthChip, MaintenanceChip } from '../../../components/health-chip.tsx';
import { MaintenanceProgress } from './maintenance-progress.tsx';
import { NodeCards } from './node-cards.tsx';
import { NodeConnectors, NodeLoad } from './node-connectors.tsx';
import { NodeMaintenanceButton } from './node-maintenance-button.tsx';

const COLUMNS = 7;

/**
 * The maintenance action stays in view at the right while a narrow window scrolls the table
 * sideways (the hostname is at the left): the admin never has to hunt for it.
 */
const STICKY_ACTIONS = {
  position: 'sticky',
  right: 0,
  bgcolor: 'background.paper',
  zIndex: 1,
} as const;

/**
 * The connector hosts (Expressway nodes) of one cluster, each with its maintenance action; a
 * node entering maintenance mode has its progress on a row of its own beneath it.
 */
export function NodesTable({
  clusterId,
  nodes,
}: {
  clusterId: string;
  nodes: readonly ConnectorNode[];
}) {
  // Below 1,200 px the table would hide the nodes' state or their action behind a sideways
  // scroll (the drawer takes 224 px of the window): each node becomes a block instead.
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('lg'));
  if (narrow) return <NodeCards clusterId={clusterId} nodes={nodes} />;
  return (
    <TableContainer>
      <Table
        size="small"
        aria-label="Nodes"
        sx={{ '& td, & th': { px: 1 }, '& td:first-of-type, & th:first-of-type': { pl: 2 } }}
      >
        <TableHead>
          <TableRow>
            <TableCell>Hostname</TableCell>
            <TableCell>Version</TableCell>
            <TableCell>Connectors</TableCell>
            <TableCell>Connectivity</TableCell>
            <TableCell>Maintenance mode</TableCell>
            <TableCell sx={{ minWidth: 130 }}>Users vs capacity</TableCell>
            {/* Named, not labelled by hidden text (that escaped the scrolled table and widened the page); the header keeps its own background. */}
            <TableCell aria-label="Actions" sx={{ ...STICKY_ACTIONS, bgcolor: undefined }} />
          </TableRow>
        </TableHead>
        <TableBody>
          {nodes.map((node) => {
            const progress = node.maintenanceProgress;
            return (
              <Fragment key={node.id}>
                <TableRow
                  sx={progress ? { '& > td, & > th': { borderBottom: 'none' } } : undefined}
                >
                  <TableCell
                    component="th"
                    scope="row"
                    sx={{ fontWeight: 500, whiteSpace: 'nowrap' }}
                  >
                    {node.hostname}
                  </TableCell>
                  {/* No size column: every node of a cluster has the cluster's size (above). */}
                  <TableCell sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                    {node.version}
                  </TableCell>
                  <TableCell>
                    <NodeConnectors node={node} />
                  </TableCell>
                  <TableCell>
                    <HealthChip health={node.connectivity} />
                  </TableCell>
                  <TableCell>
                    <MaintenanceChip state={node.maintenance} />
                  </TableCell>
                  <TableCell>
                    <NodeLoad node={node} />
                  </TableCell>
                  <TableCell align="right" sx={STICKY_ACTIONS}>
                    <NodeMaintenanceButton clusterId={clusterId} node={node} />
                  </TableCell>
                </TableRow>
                {progress && (
                  <TableRow>
                    <TableCell colSpan={COLUMNS} sx={{ pt: 0 }}>
                      <MaintenanceProgress hostname={node.hostname} progress={progress} />
                    </TableCell>
                  </TableRow>
                )}
              </Fragment>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
