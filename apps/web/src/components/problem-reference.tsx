import ContentCopyOutlinedIcon from '@mui/icons-material/ContentCopyOutlined';
import Box from '@mui/material/Box';
import Typography, { type TypographyProps } from '@mui/material/Typography';
import { isAuditedRequest, requestIdOf, shortRequestId } from '../lib/request-id.ts';
import { useMayCall } from '../lib/session.ts';
import { CopyRequestId } from './copy-request-id.tsx';
import { RouterLink } from './router-link.tsx';

export interface ProblemReferenceProps {
  /** The failure shown beside it: a problem the server answered names its request. */
  error: unknown;
  /** `inherit` on a coloured background (a filled error snackbar). */
  color?: TypographyProps['color'];
}

/**
 * "Reference: 1a2b3c4d…", under a failure: the id of the request that failed, for an admin to
 * quote to support (copied whole by the button beside it). For an admin who may read the audit
 * log it opens the failed change's entry there. Nothing when the server named no request (it
 * could not be reached).
 */
export function ProblemReference({ error, color = 'text.secondary' }: ProblemReferenceProps) {
  const mayReadAudit = useMayCall('listAuditEntries');
  const id = requestIdOf(error);
  if (!id) return null;
  // A GET (a page that could not load) leaves no audit entry to open: its id finds it in the log.
  const linked = mayReadAudit && isAuditedRequest(error);
  const short = shortRequestId(id);
  return (
    <Typography
      variant="caption"
      component="p"
      color={color}
      sx={{ display: 'flex', alignItems: 'center', gap: 0.5, whiteSpace: 'nowrap' }}
    >
      Reference:{' '}
      {linked ? (
        <RouterLink
          to={`/audit?${new URLSearchParams({ requestId: id })}`}
          color="inherit"
          underline="always"
          aria-label={`Reference ${id}: open its audit log entry`}
          title={`Open the audit log entry of request ${id}`}
          sx={{ fontFamily: 'monospace' }}
        >
          {short}
        </RouterLink>
      ) : (
        <Box component="span" title={id} sx={{ fontFamily: 'monospace' }}>
          {short}
        </Box>
      )}
      <CopyRequestId id={id} color="inherit">
        <ContentCopyOutlinedIcon aria-hidden sx={{ fontSize: '1.1em', display: 'block' }} />
      </CopyRequestId>
    </Typography>
  );
}
