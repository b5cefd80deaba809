import { lazy } from 'react';
import { useRouteError } from 'react-router';
import { WithScreenTheme } from '../with-screen-theme.tsx';

// Drawn with MUI, loaded when a screen fails: the shell itself carries no MUI.
const RouteErrorPage = lazy(async () => ({
  default: (await import('./route-error-page.tsx')).RouteErrorPage,
}));

/**
 * A route's errorElement: a crash in one screen shows a way back instead of a white page,
 * and the shell (navigation) stays usable.
 */
export function RouteErrorBoundary() {
  const error = useRouteError();
  return (
    <WithScreenTheme>
      <RouteErrorPage error={error} />
    </WithScreenTheme>
  );
}
