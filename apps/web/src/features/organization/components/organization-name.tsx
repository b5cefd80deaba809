import BusinessIcon from '@mui/icons-material/Business';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useSession } from '../../../lib/session.ts';

/**
 * The organization the console is looking at, for the top bar: the session's own, so the bar
 * neither waits for nor asks again what it already knows (nothing moves while it loads).
 */
export function OrganizationName() {
  const { organization } = useSession();
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
      <BusinessIcon fontSize="small" aria-hidden sx={{ opacity: 0.8 }} />
      <Typography
        variant="body2"
        component="span"
        sx={{ fontWeight: 500 }}
        data-testid="organization-name"
      >
        {organization.name}
      </Typography>
    </Box>
  );
}
