import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import { isRouteErrorResponse, Link, useNavigate, useRouteError } from 'react-router';
import { ErrorState } from '../../components/error-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { NotFoundRoute } from './not-found-route.tsx';

/**
 * A route's errorElement: a crash in one screen shows a way back instead of a white page,
 * and the shell (navigation) stays usable.
 */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const navigate = useNavigate();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundRoute />;
  return (
    <>
      <PageHeader title="Something went wrong" />
      <Paper variant="outlined">
        <ErrorState
          error={error}
          onRetry={() => void navigate(0)}
          action={
            <Button variant="outlined" component={Link} to="/">
              Go to Overview
            </Button>
          }
        />
      </Paper>
    </>
  );
}
