import { useQuery } from '@tanstack/react-query';
import { NavLink, Outlet } from 'react-router';
import type { RouteName } from '@hybrid-hub/contract';
import { OrganizationName } from '../../features/organization/components/organization-name.tsx';
import { AccountMenu } from '../../features/session/components/account-menu.tsx';
import { labStatusQuery } from '../../lib/lab-status.ts';
import { useCan } from '../../lib/session.ts';
import { WithScreenTheme } from '../with-screen-theme.tsx';
import { ShellIcon, type ShellIconName } from './shell-icons.tsx';
import './shell.css';

interface NavItem {
  to: string;
  label: string;
  icon: ShellIconName;
  end?: boolean;
  /** The API route the screen reads: shown only to the roles that may call it. */
  reads: RouteName;
}

const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'Overview', icon: 'dashboard', end: true, reads: 'listClusters' },
  { to: '/users', label: 'Users', icon: 'people', reads: 'listUsers' },
  { to: '/clusters', label: 'Clusters', icon: 'dns', reads: 'listClusters' },
  { to: '/alarms', label: 'Alarms', icon: 'notifications', reads: 'listAlarms' },
  {
    to: '/audit',
    label: 'Audit log',
    icon: 'manageSearch',
    reads: 'listAuditEntries',
  },
];

/** Shown only while the server says the Lab is on (the demo and tests), to Full administrators. */
const LAB_ITEM: NavItem = {
  to: '/lab',
  label: 'Lab',
  icon: 'science',
  reads: 'getLabDeployment',
};

function Navigation() {
  const lab = useQuery(labStatusQuery);
  const can = useCan();
  const items = [...NAV_ITEMS, ...(lab.data?.enabled ? [LAB_ITEM] : [])].filter((item) =>
    can(item.reads),
  );
  return (
    <nav aria-label="Main">
      <ul className="shell-nav-list">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end} className="shell-nav-link">
              <ShellIcon name={item.icon} />
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The console's frame: top bar with product and organization, navigation drawer, main region. */
export function AppShell() {
  return (
    <div className="shell">
      <a href="#main" className="shell-skip-link">
        Skip to main content
      </a>
      <header className="shell-top-bar">
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
      <main id="main" tabIndex={-1} className="shell-main">
        <div className="shell-bar-space" />
        <div className="shell-content">
          <WithScreenTheme>
            <Outlet />
          </WithScreenTheme>
        </div>
      </main>
    </div>
  );
}
