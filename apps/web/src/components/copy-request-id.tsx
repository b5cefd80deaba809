import Link, { type LinkProps } from '@mui/material/Link';
import Tooltip from '@mui/material/Tooltip';
import { useState, type ReactNode } from 'react';
import { shortRequestId } from '../lib/request-id.ts';

export interface CopyRequestIdProps {
  id: string;
  /** What shows: by default the id's first characters. */
  children?: ReactNode;
  /** `inherit` on a coloured background (a filled error snackbar). */
  color?: LinkProps['color'];
}

/**
 * A request id, short on the page and copied whole on a click (or Enter), so that support can
 * match it with the BFF's log or the audit log. The tooltip holds it whole as well.
 */
export function CopyRequestId({
  id,
  children = shortRequestId(id),
  color = 'primary',
}: CopyRequestIdProps) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard.writeText(id).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <Tooltip
      title={copied ? `Copied ${id}` : `Copy the request id ${id}`}
      onClose={() => setCopied(false)}
    >
      <Link
        component="button"
        type="button"
        variant="caption"
        color={color}
        underline="hover"
        aria-label={`Copy request id ${id}`}
        onClick={copy}
        sx={{ fontFamily: 'monospace', verticalAlign: 'baseline' }}
      >
        {children}
      </Link>
    </Tooltip>
  );
}
