import { lazy, Suspense, type ReactNode } from 'react';
import { retryChunk } from '../lib/load-chunk.ts';

/**
 * MUI and the theme are not in the first load (the shell is plain elements and CSS): they load
 * with the first screen. main.tsx starts the download at once, beside the shell's.
 */
export const loadScreenTheme = () => import('./screen-theme.tsx');
const ScreenTheme = lazy(retryChunk(loadScreenTheme));

/** Its children drawn with the console's MUI theme, once that has loaded. */
export function WithScreenTheme({
  children,
  fallback = null,
}: {
  children: ReactNode;
  fallback?: ReactNode;
}) {
  return (
    <Suspense fallback={fallback}>
      <ScreenTheme>{children}</ScreenTheme>
    </Suspense>
  );
}
