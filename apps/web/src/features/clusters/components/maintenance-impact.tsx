import type { MaintenancePreview } from '@hybrid-hub/contract';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { CapacityBar } from '../../../components/capacity-bar.tsx';
import { formatCount, formatDuration, formatNumber } from '../../../lib/format.ts';

/** What entering maintenance mode will do, as the preview computed it. */
export function MaintenanceImpact({ preview }: { preview: MaintenancePreview }) {
  const moving = preview.usersMoving - preview.usersWithoutRoom;
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      {preview.usersMoving === 0 ? (
        <Typography variant="body2">
          No Message Service users are on this node: it goes straight into maintenance mode.
        </Typography>
      ) : moving === 0 ? (
        <Typography variant="body2" data-testid="maintenance-summary">
          <strong>{formatCount(preview.usersMoving, 'user')}</strong>{' '}
          {preview.usersMoving === 1 ? 'is' : 'are'} on this node, and no other node of this cluster
          can take them.
        </Typography>
      ) : (
        <Typography variant="body2" data-testid="maintenance-summary">
          <strong>{formatCount(moving, 'user')}</strong> move to the other nodes of this cluster at{' '}
          {formatNumber(preview.ratePerMinute)} users a minute:{' '}
          <strong>{formatDuration(preview.estimatedSeconds)}</strong>.
        </Typography>
      )}
      {preview.targets.length > 0 && moving > 0 && (
        <Table size="small" aria-label="Where the users go">
          <TableHead>
            <TableRow>
              <TableCell>Node</TableCell>
              <TableCell align="right">Users moving there</TableCell>
              <TableCell align="right">Users now</TableCell>
              <TableCell sx={{ width: 170 }}>After the move</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {preview.targets.map((target) => (
              <TableRow key={target.nodeId}>
                <TableCell
                  component="th"
                  scope="row"
                  sx={{ fontWeight: 500, whiteSpace: 'nowrap' }}
                >
                  {target.hostname}
                </TableCell>
                <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatNumber(target.usersAfter - target.usersBefore)}
                </TableCell>
                <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatNumber(target.usersBefore)}
                </TableCell>
                <TableCell>
                  {/* The same bar and colours as the nodes table: the admin reads both alike. */}
                  <CapacityBar used={target.usersAfter} capacity={target.capacity} unit="" dense />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {preview.usersWithoutRoom > 0 && !preview.requiresForce && (
        <Alert severity="warning">
          The other nodes have no room for {formatCount(preview.usersWithoutRoom, 'user')}: the move
          stops with them still on this node until room is made, and the node stays Entering
          maintenance mode.
        </Alert>
      )}
      {preview.warnings
        .filter((warning) => warning.code !== 'LAST_AVAILABLE_NODE')
        .map((warning) => (
          <Alert severity="warning" key={warning.code}>
            {warning.message}
          </Alert>
        ))}
      <Typography variant="body2" color="text.secondary">
        The node is <em>Entering maintenance mode</em> until no user is left on it, then{' '}
        <em>In maintenance mode</em>: its connectors stop, its alarms are muted and connector
        upgrades do not run on it. Use <em>Exit maintenance mode</em> to bring it back.
      </Typography>
    </Box>
  );
}
