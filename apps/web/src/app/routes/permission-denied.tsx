import LockOutlinedIcon from '@mui/icons-material/LockOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';

/** A screen the admin's role may not see: why, and the way to Users. */
export function PermissionDenied({ title, reason }: { title: string; reason?: string }) {
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
