import Link, { type LinkProps } from '@mui/material/Link';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { shortRequestId } from '../lib/request-id.ts';

// A reference shows only on a failure, where the shell's error pages show it too: its tooltip
// (and the popper under it) loads then, not with the shell. Until it has, the button works bare.
const Tooltip = lazy(() => import('@mui/material/Tooltip'));

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
  const button = (
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
  );
  return (
    <Suspense fallback={button}>
      <Tooltip
        title={copied ? `Copied ${id}` : `Copy the request id ${id}`}
        onClose={() => setCopied(false)}
      >
        {button}
      </Tooltip>
    </Suspense>
  );
}
