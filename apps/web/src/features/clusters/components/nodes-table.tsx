import type { ConnectorNode } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { Fragment } from 'react';
import { CapacityBar } from '../../../components/capacity-bar.tsx';
import {
  ConnectorStateChip,
  HealthChip,
  MaintenanceChip,
} from '../../../components/health-chip.tsx';
import { StatusChip } from '../../../components/status-chip.tsx';
import { visuallyHidden } from '../../../components/visually-hidden.ts';
import { MaintenanceProgress } from './maintenance-progress.tsx';
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

/** Both connectors of a node, each named: one column instead of two keeps the actions in view. */
function Connectors({ node }: { node: ConnectorNode }) {
  return (
    <Box
      component="dl"
      sx={{
        m: 0,
        display: 'grid',
        gridTemplateColumns: 'auto auto',
        columnGap: 1,
        rowGap: 0.5,
        alignItems: 'center',
        justifyContent: 'start',
        // The hidden words need a positioned box: inside a scrolled table they would widen the page.
        position: 'relative',
        '& dt': { typography: 'caption', color: 'text.secondary', whiteSpace: 'nowrap' },
        '& dd': { m: 0 },
      }}
    >
      {/* "Connector" is said by the column header; screen readers hear it in full. */}
      <dt>
        Management
        <Box component="span" sx={visuallyHidden}>
          {' '}
          Connector
        </Box>
      </dt>
      <dd>
        <ConnectorStateChip state={node.managementConnector} />
      </dd>
      <dt>
        Message
        <Box component="span" sx={visuallyHidden}>
          {' '}
          Connector
        </Box>
      </dt>
      <dd>
        <ConnectorStateChip state={node.messageConnector} />
      </dd>
    </Box>
  );
}

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
  return (
    <TableContainer>
      <Table
        size="small"
        aria-label="Nodes"
        sx={{ '& td, & th': { px: 1.25 }, '& td:first-of-type, & th:first-of-type': { pl: 2 } }}
      >
        <TableHead>
          <TableRow>
            <TableCell>Hostname</TableCell>
            <TableCell>Version</TableCell>
            <TableCell>Connectors</TableCell>
            <TableCell>Connectivity</TableCell>
            <TableCell>Maintenance mode</TableCell>
            <TableCell sx={{ minWidth: 140 }}>Users vs capacity</TableCell>
            {/* Named, not labelled by hidden text: that escapes the scrolled table and widens the page. */}
            <TableCell aria-label="Actions" sx={STICKY_ACTIONS} />
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
                    <Connectors node={node} />
                  </TableCell>
                  <TableCell>
                    <HealthChip health={node.connectivity} />
                  </TableCell>
                  <TableCell>
                    <MaintenanceChip state={node.maintenance} />
                  </TableCell>
                  <TableCell>
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
