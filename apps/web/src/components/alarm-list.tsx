import type { Alarm } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { formatDateTime } from '../lib/format.ts';
import { AlarmSeverityChip } from './alarm-severity-chip.tsx';
import { RouterLink } from './router-link.tsx';

export interface AlarmListProps {
  alarms: readonly Alarm[];
  /** Names the table for assistive technology and tests ("Open alarms"). */
  label: string;
  /** Leave the cluster column out where the page is the cluster's own. */
  showCluster?: boolean;
  /** Resolved alarms say when they ended. */
  showResolved?: boolean;
  /** Said instead of an empty table. */
  emptyText: string;
}

/**
 * Alarms as an admin triages them: severity, what happened and what to do, where, and since
 * when. Times are absolute: the Lab's fast-forwarded clock makes "3 minutes ago" misleading.
 */
export function AlarmList({
  alarms,
  label,
  showCluster = true,
  showResolved = false,
  emptyText,
}: AlarmListProps) {
  if (alarms.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
        {emptyText}
      </Typography>
    );
  }
  return (
    <TableContainer>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            <TableCell>Severity</TableCell>
            <TableCell>Alarm</TableCell>
            {showCluster && <TableCell>Cluster</TableCell>}
            <TableCell>Nodes</TableCell>
            <TableCell>First seen</TableCell>
            <TableCell>{showResolved ? 'Resolved' : 'Last seen'}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {alarms.map((alarm) => (
            <TableRow key={alarm.id} sx={{ verticalAlign: 'top' }}>
              <TableCell>
                <AlarmSeverityChip severity={alarm.severity} />
              </TableCell>
              <TableCell component="th" scope="row" sx={{ minWidth: 240 }}>
                <Typography variant="body2" sx={{ fontWeight: 500 }}>
                  {alarm.title}
                </Typography>
                <Typography variant="caption" color="text.secondary" component="p">
                  {alarm.detail}
                </Typography>
              </TableCell>
              {showCluster && (
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <RouterLink to={`/clusters/${encodeURIComponent(alarm.clusterId)}`}>
                    {alarm.clusterName}
                  </RouterLink>
                </TableCell>
              )}
              <TableCell>
                <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
                  {alarm.nodes.map((node) => (
                    <Typography component="li" variant="body2" key={node.id} noWrap>
                      {node.name}
                    </Typography>
                  ))}
                </Box>
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <AlarmTime value={alarm.firstSeen} />
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <AlarmTime value={showResolved ? alarm.resolvedAt : alarm.lastSeen} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function AlarmTime({ value }: { value: string | null }) {
  if (value === null) return <span>—</span>;
  return <time dateTime={value}>{formatDateTime(value)}</time>;
}
