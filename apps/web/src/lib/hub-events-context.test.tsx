import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { expect, it } from 'vitest';
import { createFakeHubEvents } from '../testing/fake-event-source.ts';
import { createTestQueryClient } from '../testing/render.tsx';
import { HubEventsProvider, useHubEvents } from './hub-events-context.tsx';

let reads = 0;
function Reader() {
  const { data } = useQuery({ queryKey: ['reads'], queryFn: () => Promise.resolve(++reads) });
  useHubEvents('users.changed', () => {});
  return <p>read {data ?? 'nothing'} times</p>;
}

it('reads everything on screen again when the stream says it lost track (resync)', async () => {
  const { events, sources } = createFakeHubEvents();
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <HubEventsProvider client={events}>
        <Reader />
      </HubEventsProvider>
    </QueryClientProvider>,
  );
  expect(await screen.findByText('read 1 times')).toBeInTheDocument();
  sources[0]!.open();
  sources[0]!.send({ type: 'resync' }, '90');
  expect(await screen.findByText('read 2 times')).toBeInTheDocument();
});
