import { screen, waitFor } from '@testing-library/react';
import { expect, it } from 'vitest';
import { createFakeHubEvents } from '../testing/fake-event-source.ts';
import { renderApp } from '../testing/render.tsx';

it('says "Reconnecting…" in a polite status while the event stream is lost, and goes when it is back', async () => {
  const { events, sources } = createFakeHubEvents();
  renderApp('/clusters', { events });
  expect(await screen.findByRole('heading', { level: 1, name: 'Clusters' })).toBeInTheDocument();
  const stream = sources[0]!;
  stream.open();
  const region = screen
    .getAllByRole('status')
    .find((status) => status.classList.contains('connection-banner-region'))!;
  expect(region).toHaveAttribute('aria-live', 'polite');
  expect(region).toBeEmptyDOMElement();

  stream.fail(false);
  expect(await screen.findByText('Reconnecting…')).toBeInTheDocument();
  expect(region).toHaveTextContent(/updates by itself when the connection is back/);

  stream.open();
  await waitFor(() => expect(region).toBeEmptyDOMElement());
});
