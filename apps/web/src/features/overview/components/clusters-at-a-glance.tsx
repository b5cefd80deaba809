import type { ClusterSummary } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { CapacityBar } from '../../../components/capacity-bar.tsx';
import { HealthChip } from '../../../components/health-chip.tsx';
import { NARROW_ONLY, WIDE_ONLY } from '../../../components/responsive.ts';
import { RouterLink } from '../../../components/router-link.tsx';
import { formatNumber } from '../../../lib/format.ts';

export function ClustersAtAGlance({ clusters }: { clusters: readonly ClusterSummary[] }) {
  if (clusters.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
        No Expressway cluster hosts the Message Connector yet.
      </Typography>
    );
  }
  return (
    // Scrolls sideways on a narrow window instead of being cut by the card.
    <TableContainer>
      <Table
        size="small"
        aria-label="Clusters at a glance"
        sx={{ '& td, & th': { px: 1 }, '& td:first-of-type, & th:first-of-type': { pl: 2 } }}
      >
        <TableHead>
          <TableRow>
            <TableCell>Cluster</TableCell>
            <TableCell sx={WIDE_ONLY}>Health</TableCell>
            <TableCell>Nodes serving</TableCell>
            <TableCell align="right">Affected users</TableCell>
            <TableCell align="right">Open alarms</TableCell>
            <TableCell sx={{ width: '35%', minWidth: 130 }}>Users vs capacity</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {clusters.map((cluster) => (
            <TableRow key={cluster.id} hover>
              <TableCell component="th" scope="row">
                <RouterLink
                  to={`/clusters/${encodeURIComponent(cluster.id)}`}
                  sx={{ fontWeight: 500, whiteSpace: 'nowrap' }}
                >
                  {cluster.name}
                </RouterLink>
                {/* On a narrow window the health goes under the name, making room for the load. */}
                <Box sx={{ ...NARROW_ONLY, mt: 0.5 }}>
                  <HealthChip health={cluster.health} />
                </Box>
              </TableCell>
              <TableCell sx={WIDE_ONLY}>
                <HealthChip health={cluster.health} />
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {cluster.nodesServing} of {cluster.nodeCount}
              </TableCell>
              <TableCell
                align="right"
                sx={{
                  fontVariantNumeric: 'tabular-nums',
                  ...(cluster.affectedUsers > 0 && { color: 'error.dark', fontWeight: 600 }),
                }}
              >
                {formatNumber(cluster.affectedUsers)}
              </TableCell>
              <TableCell
                align="right"
                sx={{
                  fontVariantNumeric: 'tabular-nums',
                  ...(cluster.openAlarms > 0 && { color: 'warning.dark', fontWeight: 600 }),
                }}
              >
                {formatNumber(cluster.openAlarms)}
              </TableCell>
              <TableCell>
                <CapacityBar used={cluster.users} capacity={cluster.capacity} unit="" dense />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
