import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import { isRouteErrorResponse, Link, useNavigate } from 'react-router';
import { ErrorState } from '../../components/error-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { NotFoundRoute } from './not-found-route.tsx';

/** What RouteErrorBoundary shows: a way back instead of a white page. */
export function RouteErrorPage({ error }: { error: unknown }) {
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
