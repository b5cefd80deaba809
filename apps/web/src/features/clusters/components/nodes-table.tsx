import type { ConnectorNode } from '@hybrid-hub/contract';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { CapacityBar } from '../../../components/capacity-bar.tsx';
import {
  ConnectorStateChip,
  HealthChip,
  MaintenanceChip,
} from '../../../components/health-chip.tsx';

/** The connector hosts (Expressway nodes) of one cluster. */
export function NodesTable({ nodes }: { nodes: readonly ConnectorNode[] }) {
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
            <TableCell>Size</TableCell>
            <TableCell>Version</TableCell>
            <TableCell>Management Connector</TableCell>
            <TableCell>Message Connector</TableCell>
            <TableCell>Connectivity</TableCell>
            <TableCell>Maintenance mode</TableCell>
            <TableCell sx={{ minWidth: 130 }}>Users vs capacity</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {nodes.map((node) => (
            <TableRow key={node.id} hover>
              <TableCell component="th" scope="row" sx={{ fontWeight: 500, whiteSpace: 'nowrap' }}>
                {node.hostname}
              </TableCell>
              <TableCell>{node.size}</TableCell>
              <TableCell sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                {node.version}
              </TableCell>
              <TableCell>
                <ConnectorStateChip state={node.managementConnector} />
              </TableCell>
              <TableCell>
                <ConnectorStateChip state={node.messageConnector} />
              </TableCell>
              <TableCell>
                <HealthChip health={node.connectivity} />
              </TableCell>
              <TableCell>
                <MaintenanceChip state={node.maintenance} />
              </TableCell>
              <TableCell>
                <CapacityBar used={node.users} capacity={node.capacity} unit="" dense />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
