import { useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { Outlet } from 'react-router';
import { ConnectionBanner } from '../../components/connection-banner.tsx';
import { OrganizationName } from '../../features/organization/components/organization-name.tsx';
import { AccountMenu } from '../../features/session/components/account-menu.tsx';
import { WithScreenTheme } from '../with-screen-theme.tsx';
import { MenuDrawer } from './menu-drawer.tsx';
import { Navigation } from './navigation.tsx';
import { ShellIcon } from './shell-icons.tsx';
import './shell.css';

/**
 * The console's frame: top bar with product and organization, navigation, main region. From
 * 900 px up the navigation is a permanent drawer; below, a menu button in the top bar opens it
 * as a modal panel (MenuDrawer), so a phone's screen is the page's alone.
 */
export function AppShell() {
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const closeMenu = () => {
    // The button can take focus only once the top bar is no longer inert.
    flushSync(() => setMenuOpen(false));
    menuButton.current?.focus();
  };
  return (
    <div className="shell">
      <a href="#main" className="shell-skip-link" inert={menuOpen}>
        Skip to main content
      </a>
      {/* While the menu is open nothing behind it can be reached, by Tab or by a screen reader. */}
      <header className="shell-top-bar" inert={menuOpen}>
        <button
          ref={menuButton}
          type="button"
          className="shell-icon-button shell-menu-button"
          aria-label="Menu"
          aria-haspopup="dialog"
          aria-expanded={menuOpen}
          aria-controls={menuOpen ? menuId : undefined}
          onClick={() => setMenuOpen(true)}
        >
          <ShellIcon name="menu" />
        </button>
        <ShellIcon name="hub" className="shell-logo" />
        <span className="shell-product">Hybrid Hub</span>
        <span className="shell-service">Message Service</span>
        <span className="shell-spacer" />
        <OrganizationName />
        <AccountMenu />
      </header>
      <div className="shell-drawer">
        <div className="shell-drawer-paper">
          <div className="shell-bar-space" />
          <Navigation />
        </div>
      </div>
      {menuOpen && <MenuDrawer id={menuId} onClose={closeMenu} />}
      <main id="main" tabIndex={-1} className="shell-main" inert={menuOpen}>
        <div className="shell-bar-space" />
        <ConnectionBanner />
        <div className="shell-content">
          <WithScreenTheme>
            <Outlet />
          </WithScreenTheme>
        </div>
      </main>
    </div>
  );
}
