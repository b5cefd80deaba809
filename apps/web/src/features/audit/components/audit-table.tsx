import {
  ADMIN_ROLE_LABELS,
  AUDIT_ACTION_LABELS,
  type AuditEntry,
  type AuditTarget,
  type AuditTargetKind,
} from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { NARROW_ONLY, WIDE_ONLY } from '../../../components/responsive.ts';
import { RouterLink } from '../../../components/router-link.tsx';
import { StatusChip } from '../../../components/status-chip.tsx';
import { RequestIdCaption } from './request-id-caption.tsx';

const TARGET_KINDS: Readonly<Record<AuditTargetKind, string>> = {
  user: 'User',
  job: 'Bulk job',
  cluster: 'Expressway cluster',
  node: 'Connector node',
  'imp-cluster': 'IM and Presence cluster',
  'imp-node': 'IM and Presence node',
  'presence-group': 'Presence redundancy group',
};

/** To the second: an audit trail orders what happened within a minute too. */
const whenFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function formatAuditTime(at: string): string {
  return whenFormat.format(new Date(at));
}

/** Where a target's page is, for the kinds that have one. */
function targetPath(target: AuditTarget): string | undefined {
  if (target.kind === 'user') return `/users/${encodeURIComponent(target.id)}`;
  if (target.kind === 'cluster') return `/clusters/${encodeURIComponent(target.id)}`;
  return undefined;
}

function TargetCell({ target }: { target: AuditTarget | null }) {
  if (!target)
    return (
      <Typography variant="body2" color="text.secondary">
        —
      </Typography>
    );
  const name = target.label ?? target.id;
  const path = targetPath(target);
  return (
    <>
      {path ? (
        <RouterLink to={path} variant="body2" sx={{ wordBreak: 'break-word' }}>
          {name}
        </RouterLink>
      ) : (
        <Typography variant="body2" sx={{ wordBreak: 'break-word' }}>
          {name}
        </Typography>
      )}
      <Typography variant="caption" color="text.secondary" component="p">
        {TARGET_KINDS[target.kind]}
        {target.label ? ` · ${target.id}` : ''}
      </Typography>
    </>
  );
}

function ResultCell({ result }: { result: AuditEntry['result'] }) {
  if (result.outcome === 'succeeded') return <StatusChip label="Succeeded" tone="success" />;
  return (
    <>
      <StatusChip label="Failed" tone="error" />
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
        {result.status}
        {result.code ? ` · ${result.code}` : ''}
      </Typography>
    </>
  );
}

/**
 * The log as an auditor reads it: when, who, what, to what, whether it went through, from where
 * and which request.
 */
export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  return (
    <TableContainer>
      <Table size="small" aria-label="Audit log entries">
        <TableHead>
          <TableRow>
            <TableCell>When</TableCell>
            <TableCell>Who</TableCell>
            <TableCell>Action</TableCell>
            <TableCell>Target</TableCell>
            <TableCell>Result</TableCell>
            <TableCell sx={WIDE_ONLY}>From</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {entries.map((entry) => (
            <TableRow key={entry.id} sx={{ verticalAlign: 'top' }}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <time dateTime={entry.at}>{formatAuditTime(entry.at)}</time>
                {/* Below 1,200 px the address and the request go under the time instead of a
                    column of their own. */}
                <Typography variant="caption" color="text.secondary" sx={NARROW_ONLY}>
                  from {entry.clientAddress}
                </Typography>
                <Box sx={NARROW_ONLY}>
                  <RequestIdCaption id={entry.requestId} clientId={entry.clientRequestId} />
                </Box>
              </TableCell>
              <TableCell>
                <Typography variant="body2" sx={{ wordBreak: 'break-word' }}>
                  {entry.actor.email}
                </Typography>
                <Typography variant="caption" color="text.secondary" component="p">
                  {ADMIN_ROLE_LABELS[entry.actor.role]}
                </Typography>
              </TableCell>
              <TableCell component="th" scope="row">
                <Typography variant="body2" sx={{ fontWeight: 500 }}>
                  {AUDIT_ACTION_LABELS[entry.action]}
                </Typography>
                {entry.detail && (
                  <Typography variant="caption" color="text.secondary" component="p">
                    {entry.detail}
                  </Typography>
                )}
              </TableCell>
              <TableCell sx={{ minWidth: 160 }}>
                <TargetCell target={entry.target} />
              </TableCell>
              <TableCell>
                <ResultCell result={entry.result} />
              </TableCell>
              <TableCell sx={WIDE_ONLY}>
                <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>
                  {entry.clientAddress}
                </Typography>
                <RequestIdCaption id={entry.requestId} clientId={entry.clientRequestId} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
