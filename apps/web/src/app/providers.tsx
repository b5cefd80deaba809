import CssBaseline from '@mui/material/CssBaseline';
// The system's provider: the theme has no CSS variables, and @mui/material/styles' own would
// bring their machinery (color-scheme storage, the init script) into the first load anyway.
import { ThemeProvider } from '@mui/system';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { HubEvents } from '../lib/events.ts';
import { HubEventsProvider } from '../lib/hub-events-context.tsx';
import { theme } from './theme.ts';

export function AppProviders({
  queryClient,
  events,
  children,
}: {
  queryClient: QueryClient;
  /** The server-sent event client; by default the browser's EventSource (none in jsdom). */
  events?: HubEvents;
  children: ReactNode;
}) {
  return (
    <QueryClientProvider client={queryClient}>
      <HubEventsProvider client={events}>
        <ThemeProvider theme={theme}>
          <CssBaseline />
          {children}
        </ThemeProvider>
      </HubEventsProvider>
    </QueryClientProvider>
  );
}
