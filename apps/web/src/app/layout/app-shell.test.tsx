import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../testing/render.tsx';

// jsdom applies no style sheet: both the permanent drawer and the menu button are in the page
// here; which one shows at which width is the end-to-end test's (e2e/phone-layout.spec.ts).
describe('The menu on a phone or tablet', () => {
  it('opens from the menu button on the current screen, keeps Tab inside, and Escape gives focus back', async () => {
    const { user } = renderApp('/clusters');
    expect(await screen.findByRole('heading', { level: 1, name: 'Clusters' })).toBeInTheDocument();
    const button = screen.getByRole('button', { name: 'Menu' });
    expect(button).toHaveAttribute('aria-expanded', 'false');

    await user.click(button);
    const menu = screen.getByRole('dialog', { name: 'Menu' });
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(button).toHaveAttribute('aria-controls', menu.id);
    expect(within(menu).getByRole('link', { name: 'Clusters' })).toHaveFocus();
    // What is behind cannot be reached while it is open.
    expect(screen.getByRole('main', { hidden: true })).toHaveAttribute('inert');

    // Forward from the last link wraps to Close, backward from Close to the last link.
    const links = within(menu).getAllByRole('link');
    links.at(-1)!.focus();
    await user.tab();
    expect(within(menu).getByRole('button', { name: 'Close menu' })).toHaveFocus();
    await user.tab({ shift: true });
    expect(links.at(-1)).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Menu' })).not.toBeInTheDocument();
    expect(button).toHaveFocus();
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByRole('main')).not.toHaveAttribute('inert');
  });

  it('closes when a link in it is followed, on the new screen', async () => {
    const { user, router } = renderApp('/clusters');
    await user.click(await screen.findByRole('button', { name: 'Menu' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Menu' })).getByRole('link', { name: 'Users' }),
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Users' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/users');
    expect(screen.queryByRole('dialog', { name: 'Menu' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Menu' })).toHaveFocus();
  });

  it('closes with its Close button', async () => {
    const { user } = renderApp('/clusters');
    await user.click(await screen.findByRole('button', { name: 'Menu' }));
    await user.click(screen.getByRole('button', { name: 'Close menu' }));
    expect(screen.queryByRole('dialog', { name: 'Menu' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Menu' })).toHaveFocus();
  });
});
