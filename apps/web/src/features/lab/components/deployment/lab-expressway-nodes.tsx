import { Connectivity, type LabDeployment } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { MaintenanceChip } from '../../../../components/health-chip.tsx';
import { SectionCard } from '../../../../components/section-card.tsx';
import { StatusChip } from '../../../../components/status-chip.tsx';
import { visuallyHidden } from '../../../../components/visually-hidden.ts';
import { apiClient } from '../../../../lib/api-client.ts';
import { formatNumber } from '../../../../lib/format.ts';
import type { LabCommandProps } from './lab-command-props.ts';

type LabCluster = LabDeployment['clusters'][number];

/**
 * One Expressway cluster's nodes: fail one (an uncontrolled outage: it stops answering, its
 * users are affected) or recover it, and set its connectivity to the cloud.
 */
function ClusterNodes({ cluster, busy, command }: LabCommandProps & { cluster: LabCluster }) {
  const update = (
    id: string,
    body: { reachable?: boolean; connectivity?: Connectivity },
    done: string,
  ) => command(() => apiClient.request('updateLabNode', { params: { id }, body }), done);
  return (
    <TableContainer>
      <Table size="small" aria-label={`Nodes of ${cluster.name}`}>
        <TableHead>
          <TableRow>
            <TableCell>Node</TableCell>
            <TableCell align="right">Users</TableCell>
            <TableCell>Maintenance mode</TableCell>
            <TableCell>Expressway</TableCell>
            <TableCell>Cloud connectivity</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {cluster.nodes.map((node) => (
            <TableRow key={node.id} hover>
              <TableCell
                component="th"
                scope="row"
                id={`lab-node-${node.id}`}
                sx={{ fontWeight: 500, whiteSpace: 'nowrap' }}
              >
                {node.hostname}
              </TableCell>
              <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                {formatNumber(node.users)}
              </TableCell>
              <TableCell>
                <MaintenanceChip state={node.maintenance} />
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <StatusChip
                  label={node.reachable ? 'Up' : 'Failed'}
                  tone={node.reachable ? 'success' : 'error'}
                />{' '}
                <Button
                  size="small"
                  color={node.reachable ? 'error' : 'primary'}
                  disabled={busy}
                  // "Fail" alone, said once a row: the node's name tells which.
                  aria-describedby={`lab-node-${node.id}`}
                  onClick={() =>
                    update(
                      node.id,
                      { reachable: !node.reachable },
                      node.reachable
                        ? `${node.hostname} failed: it no longer answers`
                        : `${node.hostname} recovered`,
                    )
                  }
                >
                  {node.reachable ? 'Fail' : 'Recover'}
                </Button>
              </TableCell>
              <TableCell>
                <TextField
                  select
                  size="small"
                  label={`Cloud connectivity of ${node.hostname}`}
                  value={node.connectivity}
                  disabled={busy}
                  onChange={(event) => {
                    const connectivity = event.target.value as Connectivity;
                    update(
                      node.id,
                      { connectivity },
                      `${node.hostname}'s cloud connectivity is ${connectivity}`,
                    );
                  }}
                  sx={{ minWidth: 160, '& .MuiInputLabel-root': visuallyHidden }}
                >
                  {Connectivity.options.map((value) => (
                    <MenuItem key={value} value={value}>
                      {value}
                    </MenuItem>
                  ))}
                </TextField>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

export function LabExpresswayNodes({
  clusters,
  busy,
  command,
}: LabCommandProps & { clusters: readonly LabCluster[] }) {
  return (
    <SectionCard
      title="Expressway nodes"
      subtitle="Fail a node to see an uncontrolled outage (its users are affected, unlike maintenance mode); take its cloud connectivity down or degrade it."
      flush
    >
      {clusters.map((cluster, index) => (
        <Box key={cluster.id} sx={index > 0 ? { borderTop: 1, borderColor: 'divider' } : undefined}>
          <Typography variant="subtitle2" component="h3" sx={{ px: 2, pt: 1.5 }}>
            {cluster.name}
          </Typography>
          <ClusterNodes cluster={cluster} busy={busy} command={command} />
        </Box>
      ))}
    </SectionCard>
  );
}
