import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { HubEvents } from '../lib/events.ts';
import { HubEventsProvider } from '../lib/hub-events-context.tsx';

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
        {/* MUI's theme is not here: the shell is plain (layout/shell.css); see WithScreenTheme. */}
        {children}
      </HubEventsProvider>
    </QueryClientProvider>
  );
}
