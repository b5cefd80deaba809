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
import { NARROW_ONLY, WIDE_ONLY } from './responsive.ts';
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
            <TableCell sx={{ width: '50%' }}>Alarm</TableCell>
            <TableCell>{showCluster ? 'Where' : 'Nodes'}</TableCell>
            <TableCell sx={WIDE_ONLY}>Seen</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {alarms.map((alarm) => (
            <TableRow key={alarm.id} sx={{ verticalAlign: 'top' }}>
              <TableCell>
                <AlarmSeverityChip severity={alarm.severity} />
              </TableCell>
              <TableCell component="th" scope="row" sx={{ minWidth: 260 }}>
                <Typography variant="body2" sx={{ fontWeight: 500 }}>
                  {alarm.title}
                </Typography>
                <Typography variant="caption" color="text.secondary" component="p">
                  {alarm.detail}
                </Typography>
                <Box sx={{ ...NARROW_ONLY, mt: 0.5 }}>
                  <AlarmTimes alarm={alarm} showResolved={showResolved} />
                </Box>
              </TableCell>
              <TableCell sx={{ minWidth: 160 }}>
                {showCluster && (
                  <RouterLink
                    to={`/clusters/${encodeURIComponent(alarm.clusterId)}`}
                    variant="body2"
                    sx={{ whiteSpace: 'nowrap' }}
                  >
                    {alarm.clusterName}
                  </RouterLink>
                )}
                <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
                  {alarm.nodes.map((node) => (
                    <Typography
                      component="li"
                      variant={showCluster ? 'caption' : 'body2'}
                      color={showCluster ? 'text.secondary' : undefined}
                      key={node.id}
                      sx={{ display: 'block', overflowWrap: 'anywhere' }}
                    >
                      {node.name}
                    </Typography>
                  ))}
                </Box>
              </TableCell>
              <TableCell sx={{ ...WIDE_ONLY, whiteSpace: 'nowrap' }}>
                <AlarmTimes alarm={alarm} showResolved={showResolved} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function AlarmTimes({ alarm, showResolved }: { alarm: Alarm; showResolved: boolean }) {
  return (
    <>
      <AlarmTime label="First seen" value={alarm.firstSeen} />
      {showResolved ? (
        <AlarmTime label="Resolved" value={alarm.resolvedAt} />
      ) : (
        <AlarmTime label="Last seen" value={alarm.lastSeen} />
      )}
    </>
  );
}

/** "First seen" over its time: two of them fit in one column, beside the alarm's words. */
function AlarmTime({ label, value }: { label: string; value: string | null }) {
  return (
    <Typography variant="body2" component="p">
      <Typography variant="caption" color="text.secondary" component="span" sx={{ mr: 0.75 }}>
        {label}
      </Typography>
      {value === null ? '—' : <time dateTime={value}>{formatDateTime(value)}</time>}
    </Typography>
  );
}
