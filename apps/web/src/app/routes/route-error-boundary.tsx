import { lazy } from 'react';
import { useRouteError } from 'react-router';
import { ChunkError } from '../../components/chunk-error.tsx';
import { isChunkLoadError, retryChunk } from '../../lib/load-chunk.ts';
import { WithScreenTheme } from '../with-screen-theme.tsx';

// Drawn with MUI, loaded when a screen fails: the shell itself carries no MUI.
const RouteErrorPage = lazy(
  retryChunk(async () => ({
    default: (await import('./route-error-page.tsx')).RouteErrorPage,
  })),
);

/**
 * A route's errorElement: a crash in one screen shows a way back instead of a white page,
 * and the shell (navigation) stays usable. A screen whose code did not download is said in
 * words without MUI, which may not have downloaded either.
 */
export function RouteErrorBoundary() {
  const error = useRouteError();
  if (isChunkLoadError(error)) return <ChunkError />;
  return (
    <WithScreenTheme>
      <RouteErrorPage error={error} />
    </WithScreenTheme>
  );
}
