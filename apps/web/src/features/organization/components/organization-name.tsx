import BusinessIcon from '@mui/icons-material/Business';
import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { organizationQueries } from '../api/organization-queries.ts';

/** The organization the console is looking at, for the top bar. */
export function OrganizationName() {
  const { data, isPending, isError } = useQuery(organizationQueries.current());
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
      <BusinessIcon fontSize="small" aria-hidden sx={{ opacity: 0.8 }} />
      {isPending ? (
        <Skeleton variant="text" width={80} sx={{ bgcolor: 'rgba(255,255,255,0.2)' }} />
      ) : (
        <Typography
          variant="body2"
          component="span"
          sx={{ fontWeight: 500 }}
          data-testid="organization-name"
        >
          {isError ? 'Organization unavailable' : data?.name}
        </Typography>
      )}
    </Box>
  );
}
