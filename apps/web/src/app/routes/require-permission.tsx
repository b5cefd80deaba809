import type { RouteName } from '@hybrid-hub/contract';
import LockOutlinedIcon from '@mui/icons-material/LockOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { Link, Navigate, Outlet } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { usePermission } from '../../lib/session.ts';

/**
 * A screen only some roles may see (what it reads is refused to the others): the others get
 * `redirectTo`, or a page saying why, instead of a screen of errors.
 */
export function RequirePermission({
  route,
  title,
  redirectTo,
}: {
  /** The API route the screen cannot work without. */
  route: RouteName;
  title: string;
  redirectTo?: string;
}) {
  const { allowed, reason } = usePermission(route);
  if (allowed) return <Outlet />;
  if (redirectTo) return <Navigate to={redirectTo} replace />;
  return (
    <>
      <PageHeader title={title} />
      <Paper variant="outlined">
        <Box
          role="alert"
          sx={{ display: 'grid', justifyItems: 'center', gap: 1, py: 6, textAlign: 'center' }}
        >
          <LockOutlinedIcon color="action" sx={{ fontSize: 40 }} aria-hidden />
          <Typography variant="h6" component="p">
            Not available to your role
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {reason}
          </Typography>
          <Button variant="outlined" component={Link} to="/users" sx={{ mt: 1 }}>
            Go to Users
          </Button>
        </Box>
      </Paper>
    </>
  );
}
