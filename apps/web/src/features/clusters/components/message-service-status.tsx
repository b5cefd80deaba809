import type { MessageServiceStatus as MessageServiceStatusData } from '@hybrid-hub/contract';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { HealthChip, StatusOnOff } from '../../../components/health-chip.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { formatNumber, formatPercent } from '../../../lib/format.ts';

function ConnectivityToWebex({
  status,
}: {
  status: MessageServiceStatusData['connectivityToWebex'];
}) {
  return (
    <SectionCard title="Connectivity to Webex">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography variant="body2" color="text.secondary">
          Status
        </Typography>
        <HealthChip health={status.status} />
      </Box>
      {status.hints.length > 0 && (
        <Box component="ul" sx={{ mt: 1.5, mb: 0, pl: 2.5 }}>
          {status.hints.map((hint) => (
            <Typography component="li" variant="body2" key={hint} sx={{ mb: 0.5 }}>
              {hint}
            </Typography>
          ))}
        </Box>
      )}
    </SectionCard>
  );
}

function UserTotals({ totals }: { totals: MessageServiceStatusData['userTotals'] }) {
  const rows: Array<[string, string]> = [
    [
      'Users from connected IM and Presence clusters',
      formatNumber(totals.usersFromConnectedImpClusters),
    ],
    [
      'Users from all IM and Presence clusters (ICSA)',
      `${formatNumber(totals.usersFromConnectedImpClusters)} of ${formatNumber(totals.usersFromAllImpClustersIcsa)}`,
    ],
    ['Users Enabled for Hybrid Message Service', formatNumber(totals.usersEnabled)],
    [
      'Active Message Service Users',
      `${formatNumber(totals.activeUsers)} (${formatPercent(totals.activePercent)})`,
    ],
    [
      'Users not Active for 72 Hours or more',
      `${formatNumber(totals.inactiveUsers)} (${formatPercent(totals.inactivePercent)})`,
    ],
  ];
  return (
    <SectionCard title="Message Service User Totals" flush>
      {totals.warning && (
        <Alert severity="warning" sx={{ m: 2, mb: 1 }}>
          {totals.warning}
        </Alert>
      )}
      <Table size="small" aria-label="Message Service User Totals">
        <TableBody>
          {rows.map(([label, value]) => (
            <TableRow key={label}>
              <TableCell
                component="th"
                scope="row"
                sx={{ fontWeight: 400, color: 'text.secondary' }}
              >
                {label}
              </TableCell>
              <TableCell
                align="right"
                sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 500, whiteSpace: 'nowrap' }}
              >
                {value}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </SectionCard>
  );
}

function ImpNodesStatus({ rows }: { rows: MessageServiceStatusData['impNodes'] }) {
  return (
    <SectionCard title="Message Service Status (IM and Presence Nodes)" flush>
      <TableContainer>
        <Table size="small" aria-label="Message Service Status (IM and Presence Nodes)">
          <TableHead>
            <TableRow>
              <TableCell>Node</TableCell>
              <TableCell>Node Version</TableCell>
              <TableCell>Node Status</TableCell>
              <TableCell>Certificate validation</TableCell>
              <TableCell align="right" sx={{ maxWidth: 160 }}>
                Message Service Users from this Node
              </TableCell>
              <TableCell align="right" sx={{ maxWidth: 160 }}>
                Active Message Service Users
              </TableCell>
              <TableCell align="right" sx={{ maxWidth: 160 }}>
                Users not Active for 72 Hours or more
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={7}>
                  <Typography
                    variant="body2"
                    color="text.secondary"
                    sx={{ py: 2, textAlign: 'center' }}
                  >
                    No IM and Presence nodes are configured for this cluster.
                  </Typography>
                </TableCell>
              </TableRow>
            )}
            {rows.map((row) => (
              <TableRow key={row.impNodeId} hover>
                <TableCell component="th" scope="row">
                  <Typography variant="body2" sx={{ fontWeight: 500, whiteSpace: 'nowrap' }}>
                    {row.address}
                  </Typography>
                  <Typography variant="caption" color="text.secondary">
                    {row.impClusterName}
                  </Typography>
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{row.nodeVersion}</TableCell>
                <TableCell>
                  <HealthChip health={row.nodeStatus} />
                </TableCell>
                <TableCell>
                  <StatusOnOff value={row.certificateValidation} />
                </TableCell>
                <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatNumber(row.messageServiceUsers)}
                </TableCell>
                <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatNumber(row.activeUsers)}
                </TableCell>
                <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatNumber(row.inactiveUsers)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </SectionCard>
  );
}

/** The guide's "Message Service Status" page for one Expressway cluster, with its exact words. */
export function MessageServiceStatus({ status }: { status: MessageServiceStatusData }) {
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Box
        sx={{
          display: 'grid',
          gap: 2,
          gridTemplateColumns: { xs: '1fr', md: '1fr 2fr' },
          alignItems: 'start',
        }}
      >
        <ConnectivityToWebex status={status.connectivityToWebex} />
        <UserTotals totals={status.userTotals} />
      </Box>
      <ImpNodesStatus rows={status.impNodes} />
    </Box>
  );
}
