import SearchOffIcon from '@mui/icons-material/SearchOff';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import { Link } from 'react-router';
import { EmptyState } from '../../components/empty-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';

export function NotFoundRoute() {
  return (
    <>
      <PageHeader title="Page not found" />
      <Paper variant="outlined">
        <EmptyState
          icon={<SearchOffIcon color="action" sx={{ fontSize: 40 }} aria-hidden />}
          title="There is nothing at this address."
          description="The link may be out of date, or the page may have moved."
          action={
            <Button variant="contained" component={Link} to="/">
              Go to Overview
            </Button>
          }
        />
      </Paper>
    </>
  );
}
