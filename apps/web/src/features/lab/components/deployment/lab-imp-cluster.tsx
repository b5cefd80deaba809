import type { LabDeploymentImpCluster, LabImpNode, LabImpNodeUpdate } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { HealthChip } from '../../../../components/health-chip.tsx';
import { SessionMoveProgress } from '../../../../components/session-move-progress.tsx';
import { StatusChip } from '../../../../components/status-chip.tsx';
import { apiClient } from '../../../../lib/api-client.ts';
import { formatNumber } from '../../../../lib/format.ts';
import { AddImpNodeForm } from './add-imp-node-form.tsx';
import type { LabCommandProps } from './lab-command-props.ts';
import { UpgradeButton } from './upgrade-button.tsx';

type Props = LabCommandProps & { cluster: LabDeploymentImpCluster; now: number };

function NodeRow({
  node,
  groupName,
  now,
  busy,
  command,
}: LabCommandProps & {
  node: LabImpNode;
  groupName: string | null;
  now: number;
}) {
  const update = (body: LabImpNodeUpdate, done: string) =>
    command(() => apiClient.request('updateLabImpNode', { params: { id: node.id }, body }), done);
  const outage = node.status === 'Outage';
  // Each row's buttons say the same words ("Outage", "Stop AXL"): the node's address tells which.
  const rowId = `lab-imp-node-${node.id}`;
  return (
    <TableRow hover sx={{ verticalAlign: 'top' }}>
      <TableCell component="th" scope="row" id={rowId}>
        <Typography variant="body2" sx={{ fontWeight: 500, whiteSpace: 'nowrap' }}>
          {node.address}
        </Typography>
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', mt: 0.5 }}>
          {node.isPublisher && <StatusChip label="Publisher" tone="default" />}
          {!node.discovered && (
            <StatusChip
              label="Not discovered"
              tone="warning"
              title="The Message Connector does not know this node: restart it to rediscover"
            />
          )}
        </Box>
      </TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>
        {node.version}
        <br />
        <UpgradeButton
          address={node.address}
          version={node.version}
          busy={busy}
          onUpgrade={(version) => update({ version }, `${node.address} upgraded to ${version}`)}
        />
      </TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>
        <HealthChip health={node.status} />
        <br />
        <Button
          size="small"
          color={outage ? 'primary' : 'error'}
          disabled={busy}
          aria-describedby={rowId}
          onClick={() =>
            update(
              { status: outage ? 'Operational' : 'Outage' },
              outage ? `${node.address} recovered` : `${node.address} is in Outage`,
            )
          }
        >
          {outage ? 'Recover' : 'Outage'}
        </Button>
      </TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>
        {node.axlServiceRunning ? 'Running' : 'Stopped'}
        <br />
        <Button
          size="small"
          color={node.axlServiceRunning ? 'error' : 'primary'}
          disabled={busy}
          aria-describedby={rowId}
          onClick={() =>
            update(
              { axlServiceRunning: !node.axlServiceRunning },
              node.axlServiceRunning
                ? `AXL service stopped on ${node.address}`
                : `AXL service started on ${node.address}`,
            )
          }
        >
          {node.axlServiceRunning ? 'Stop AXL' : 'Start AXL'}
        </Button>
      </TableCell>
      <TableCell>{groupName ?? '—'}</TableCell>
      <TableCell sx={{ minWidth: 220 }}>
        <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
          <strong>{formatNumber(node.sessions)}</strong> sessions · {formatNumber(node.homedUsers)}{' '}
          homed
        </Typography>
        {node.sessionMove && (
          <Box sx={{ mt: 0.5 }}>
            <SessionMoveProgress move={node.sessionMove} now={new Date(now).toISOString()} />
          </Box>
        )}
        {groupName && !outage && !node.sessionMove && (
          <Button
            size="small"
            disabled={busy}
            aria-describedby={rowId}
            onClick={() =>
              command(
                () => apiClient.request('fallBackLabImpNode', { params: { id: node.id } }),
                `Sessions are falling back to ${node.address}`,
              )
            }
          >
            Fall back
          </Button>
        )}
      </TableCell>
      <TableCell align="right">
        {!node.isPublisher && (
          <Button
            size="small"
            color="error"
            disabled={busy}
            onClick={() =>
              command(
                () => apiClient.request('removeLabImpNode', { params: { id: node.id } }),
                `${node.address} removed on premises: restart the Message Connector to forget it`,
              )
            }
            aria-label={`Remove ${node.address}`}
          >
            Remove
          </Button>
        )}
      </TableCell>
    </TableRow>
  );
}

/**
 * One IM and Presence cluster in the Lab: its nodes with outage, AXL, upgrade, fallback and
 * removal; its presence redundancy groups' high availability; and a node to add.
 */
export function LabImpCluster({ cluster, now, busy, command }: Props) {
  const groupName = new Map(cluster.presenceRedundancyGroups.map((g) => [g.id, g.name]));
  return (
    <Box>
      <Box
        sx={{ px: 2, pt: 1.5, display: 'flex', gap: 1.5, alignItems: 'baseline', flexWrap: 'wrap' }}
      >
        <Typography variant="subtitle2" component="h3">
          {cluster.name}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {cluster.expresswayClusterId ? 'Connected to an Expressway cluster' : 'Not connected'}
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
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {cluster.nodes.map((node) => (
              <NodeRow
                key={node.id}
                node={node}
                groupName={
                  node.presenceRedundancyGroupId
                    ? (groupName.get(node.presenceRedundancyGroupId) ?? null)
                    : null
                }
                now={now}
                busy={busy}
                command={command}
              />
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Box sx={{ px: 2, py: 1.5, display: 'grid', gap: 1.5 }}>
        {cluster.presenceRedundancyGroups.length > 0 && (
          <Box sx={{ display: 'flex', gap: 3, flexWrap: 'wrap' }}>
            {cluster.presenceRedundancyGroups.map((group) => (
              <FormControlLabel
                key={group.id}
                control={
                  <Switch
                    checked={group.highAvailability}
                    disabled={busy}
                    onChange={(event) => {
                      // Read now: the request runs later, when React has put the controlled
                      // switch back to its old state until the answer comes.
                      const highAvailability = event.target.checked;
                      command(
                        () =>
                          apiClient.request('updateLabPresenceGroup', {
                            params: { id: group.id },
                            body: { highAvailability },
                          }),
                        `High availability ${highAvailability ? 'on' : 'off'} for ${group.name}`,
                      );
                    }}
                  />
                }
                label={`High availability of ${group.name}`}
              />
            ))}
          </Box>
        )}
        <AddImpNodeForm cluster={cluster} busy={busy} command={command} />
      </Box>
    </Box>
  );
}
