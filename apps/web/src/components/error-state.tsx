import ErrorOutlinedIcon from '@mui/icons-material/ErrorOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { isApiError } from '../lib/api-client.ts';
import { ProblemReference } from './problem-reference.tsx';

export interface ErrorStateProps {
  error: unknown;
  /** Shows a Retry button when given. */
  onRetry?: () => void;
  action?: ReactNode;
}

/**
 * What went wrong, in the server's words (problem title and detail), the request's reference to
 * quote to support, and a way out.
 */
export function ErrorState({ error, onRetry, action }: ErrorStateProps) {
  const title = isApiError(error) ? error.title : 'Something went wrong';
  const detail = isApiError(error)
    ? error.detail
    : error instanceof Error
      ? error.message
      : undefined;
  return (
    <Box
      role="alert"
      sx={{
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        textAlign: 'center',
        gap: 1,
        py: 6,
        px: 2,
      }}
    >
      <ErrorOutlinedIcon color="error" sx={{ fontSize: 40 }} aria-hidden />
      <Typography variant="h6" component="p">
        {title}
      </Typography>
      {detail && (
        <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 520 }}>
          {detail}
        </Typography>
      )}
      {isApiError(error) && error.status > 0 && (
        <Typography variant="caption" color="text.secondary">
          {error.status} · {error.code}
        </Typography>
      )}
      <ProblemReference error={error} />
      <Box sx={{ display: 'flex', gap: 1, mt: 1 }}>
        {onRetry && (
          <Button variant="contained" onClick={onRetry}>
            Retry
          </Button>
        )}
        {action}
      </Box>
    </Box>
  );
}
