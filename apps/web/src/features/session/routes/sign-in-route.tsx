import HubOutlinedIcon from '@mui/icons-material/HubOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams, type RouteObject } from 'react-router';
import { LoadingState } from '../../../components/loading-state.tsx';
import { ProblemReference } from '../../../components/problem-reference.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { problemText } from '../../../lib/problem-text.ts';
import { sessionQuery } from '../../../lib/session.ts';
import { useSignIn } from '../api/session-mutations.ts';
import { safeNext } from './safe-next.ts';

function signInError(error: unknown): string {
  // The server's words: they say the same for an unknown email and a wrong password.
  if (isApiError(error) && (error.status === 401 || error.status === 429) && error.detail) {
    return error.detail;
  }
  return problemText(error);
}

/**
 * The sign-in page: email and password, then back where the admin was going, if that is a page
 * of `routes` (the console's route table).
 */
export function SignInRoute({ routes }: { routes: RouteObject[] }) {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'), routes);
  const navigate = useNavigate();
  const session = useQuery(sessionQuery);
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  // While the session is read again (just signed out), the one cached is not to be trusted.
  if (session.isPending || session.isFetching) return <LoadingState label="Loading Hybrid Hub…" />;
  if (session.isSuccess) return <Navigate to={next} replace />;

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(
      { email, password },
      {
        onSuccess: () => void navigate(next, { replace: true }),
        onError: () => setPassword(''),
      },
    );
  };

  return (
    <Box
      component="main"
      sx={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        bgcolor: 'background.default',
        px: 2,
      }}
    >
      <title>Sign in · Hybrid Hub</title>
      <Paper variant="outlined" sx={{ width: '100%', maxWidth: 400, p: 4 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 3 }}>
          <HubOutlinedIcon aria-hidden color="primary" />
          <Typography variant="subtitle1" component="span" sx={{ fontWeight: 700 }}>
            Hybrid Hub
          </Typography>
        </Box>
        <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
          Sign in
        </Typography>
        <Box component="form" onSubmit={handleSubmit} sx={{ display: 'grid', gap: 2 }} noValidate>
          {signIn.isError && (
            <Alert severity="error" role="alert">
              {signInError(signIn.error)}
              <ProblemReference error={signIn.error} color="inherit" />
            </Alert>
          )}
          <TextField
            label="Email"
            type="email"
            name="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            required
            autoFocus
            fullWidth
          />
          <TextField
            label="Password"
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
            fullWidth
          />
          <Button
            type="submit"
            variant="contained"
            size="large"
            disabled={signIn.isPending || !email.trim() || !password}
          >
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </Button>
        </Box>
      </Paper>
    </Box>
  );
}
