import type { RouteName } from '@hybrid-hub/contract';
import LockOutlinedIcon from '@mui/icons-material/LockOutlined';
import Alert from '@mui/material/Alert';
import type { SxProps, Theme } from '@mui/material/styles';
import { usePermission } from '../lib/session.ts';

/**
 * Where a role's actions are hidden, this says which and why, in the BFF's words — so that a
 * missing button reads as a rule, not a bug. Renders nothing for a role that may act.
 */
export function RoleNotice({
  action,
  children,
  sx,
}: {
  /** The API route the hidden actions call. */
  action: RouteName;
  /** What is not available, e.g. "You can't change this user." */
  children: string;
  sx?: SxProps<Theme>;
}) {
  const { allowed, reason } = usePermission(action);
  if (allowed) return null;
  return (
    <Alert severity="info" icon={<LockOutlinedIcon fontSize="inherit" />} sx={sx}>
      {children} {reason}
    </Alert>
  );
}
