import Link from '@mui/material/Link';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';

/** Long ids (a UUID) are shown by their first characters, as a commit is by its short hash. */
function shortOf(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/**
 * The request an entry records, by the id its answer carried (X-Request-Id, or `requestId` in an
 * error): short in the table, copied whole on a click, so that support can match it with the
 * BFF's log or an error an admin reports. Entries recorded before ids were kept show nothing.
 */
export function RequestIdCaption({ id }: { id: string | null }) {
  const [copied, setCopied] = useState(false);
  if (!id) return null;
  const copy = () => {
    navigator.clipboard.writeText(id).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <Typography
      variant="caption"
      color="text.secondary"
      component="p"
      sx={{ whiteSpace: 'nowrap' }}
    >
      Request{' '}
      <Tooltip
        title={copied ? `Copied ${id}` : `Copy the request id ${id}`}
        onClose={() => setCopied(false)}
      >
        <Link
          component="button"
          type="button"
          variant="caption"
          underline="hover"
          aria-label={`Copy request id ${id}`}
          onClick={copy}
          sx={{ fontFamily: 'monospace', verticalAlign: 'baseline' }}
        >
          {shortOf(id)}
        </Link>
      </Tooltip>
    </Typography>
  );
}
