import Paper from '@mui/material/Paper';
import { ErrorState } from '../../components/error-state.tsx';

/** The server could not say who is signed in (not a 401): what went wrong, and Retry. */
export function SessionError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Paper variant="outlined" sx={{ m: 4 }}>
      <ErrorState error={error} onRetry={onRetry} />
    </Paper>
  );
}
