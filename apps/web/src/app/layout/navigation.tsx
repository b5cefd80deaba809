import { useQuery } from '@tanstack/react-query';
import { NavLink } from 'react-router';
import type { RouteName } from '@hybrid-hub/contract';
import { labStatusQuery } from '../../lib/lab-status.ts';
import { useCan } from '../../lib/session.ts';
import { ShellIcon, type ShellIconName } from './shell-icons.tsx';

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

/**
 * The console's screens, for the permanent drawer and the phone's menu alike. `onNavigate`:
 * called when a link is followed (the menu closes).
 */
export function Navigation({ onNavigate }: { onNavigate?: () => void }) {
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
            <NavLink to={item.to} end={item.end} className="shell-nav-link" onClick={onNavigate}>
              <ShellIcon name={item.icon} />
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
