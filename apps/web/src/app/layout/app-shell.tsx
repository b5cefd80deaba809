import DashboardOutlinedIcon from '@mui/icons-material/DashboardOutlined';
import DnsOutlinedIcon from '@mui/icons-material/DnsOutlined';
import HubOutlinedIcon from '@mui/icons-material/HubOutlined';
import ManageSearchOutlinedIcon from '@mui/icons-material/ManageSearchOutlined';
import NotificationsOutlinedIcon from '@mui/icons-material/NotificationsOutlined';
import PeopleOutlinedIcon from '@mui/icons-material/PeopleOutlined';
import ScienceOutlinedIcon from '@mui/icons-material/ScienceOutlined';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { NavLink, Outlet } from 'react-router';
import type { RouteName } from '@hybrid-hub/contract';
import { OrganizationName } from '../../features/organization/components/organization-name.tsx';
import { AccountMenu } from '../../features/session/components/account-menu.tsx';
import { labStatusQuery } from '../../lib/lab-status.ts';
import { useCan } from '../../lib/session.ts';

const DRAWER_WIDTH = 224;

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  end?: boolean;
  /** The API route the screen reads: shown only to the roles that may call it. */
  reads: RouteName;
}

const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'Overview', icon: <DashboardOutlinedIcon />, end: true, reads: 'listClusters' },
  { to: '/users', label: 'Users', icon: <PeopleOutlinedIcon />, reads: 'listUsers' },
  { to: '/clusters', label: 'Clusters', icon: <DnsOutlinedIcon />, reads: 'listClusters' },
  { to: '/alarms', label: 'Alarms', icon: <NotificationsOutlinedIcon />, reads: 'listAlarms' },
  {
    to: '/audit',
    label: 'Audit log',
    icon: <ManageSearchOutlinedIcon />,
    reads: 'listAuditEntries',
  },
];

/** Shown only while the server says the Lab is on (the demo and tests), to Full administrators. */
const LAB_ITEM: NavItem = {
  to: '/lab',
  label: 'Lab',
  icon: <ScienceOutlinedIcon />,
  reads: 'getLabDeployment',
};

function Navigation() {
  const lab = useQuery(labStatusQuery);
  const can = useCan();
  const items = [...NAV_ITEMS, ...(lab.data?.enabled ? [LAB_ITEM] : [])].filter((item) =>
    can(item.reads),
  );
  return (
    <Box component="nav" aria-label="Main">
      <List dense sx={{ px: 1, py: 1.5 }}>
        {items.map((item) => (
          <li key={item.to}>
            <ListItemButton
              component={NavLink}
              to={item.to}
              end={item.end}
              sx={{
                borderRadius: 1.5,
                mb: 0.5,
                py: 0.75,
                color: 'text.secondary',
                '& .MuiListItemIcon-root': { color: 'inherit', minWidth: 36 },
                '&.active': {
                  bgcolor: 'primary.light',
                  color: 'primary.dark',
                  fontWeight: 600,
                  '& .MuiListItemText-primary': { fontWeight: 600 },
                },
                '&.Mui-focusVisible, &:focus-visible': {
                  outline: '2px solid',
                  outlineColor: 'primary.main',
                  outlineOffset: -2,
                },
              }}
            >
              <ListItemIcon aria-hidden>{item.icon}</ListItemIcon>
              <ListItemText primary={item.label} />
            </ListItemButton>
          </li>
        ))}
      </List>
    </Box>
  );
}

/** The console's frame: top bar with product and organization, navigation drawer, main region. */
export function AppShell() {
  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <Link
        href="#main"
        sx={{
          position: 'absolute',
          left: 8,
          top: -48,
          zIndex: (t) => t.zIndex.tooltip,
          bgcolor: 'background.paper',
          px: 2,
          py: 1,
          borderRadius: 1,
          '&:focus': { top: 8 },
        }}
      >
        Skip to main content
      </Link>
      <AppBar
        position="fixed"
        elevation={0}
        sx={{ zIndex: (t) => t.zIndex.drawer + 1, bgcolor: '#16202c', color: '#fff' }}
      >
        <Toolbar variant="dense" sx={{ gap: 1.5, minHeight: 52 }}>
          <HubOutlinedIcon aria-hidden sx={{ color: '#5fb3ff' }} />
          <Typography
            variant="subtitle1"
            component="span"
            sx={{ fontWeight: 700, letterSpacing: '0.01em' }}
          >
            Hybrid Hub
          </Typography>
          <Typography
            variant="body2"
            component="span"
            sx={{ opacity: 0.6, display: { xs: 'none', sm: 'inline' } }}
          >
            Message Service
          </Typography>
          <Box sx={{ flexGrow: 1 }} />
          <OrganizationName />
          <AccountMenu />
        </Toolbar>
      </AppBar>
      {/* A permanent drawer, drawn as one: MUI's Drawer would bring its modal and slide along. */}
      <Box sx={{ width: DRAWER_WIDTH, flexShrink: 0 }}>
        <Paper
          square
          sx={{
            position: 'fixed',
            top: 0,
            left: 0,
            height: '100%',
            width: DRAWER_WIDTH,
            boxSizing: 'border-box',
            display: 'flex',
            flexDirection: 'column',
            overflowY: 'auto',
            zIndex: (t) => t.zIndex.drawer,
            borderRight: 1,
            borderColor: 'divider',
          }}
        >
          <Toolbar variant="dense" sx={{ minHeight: 52 }} />
          <Navigation />
        </Paper>
      </Box>
      <Box
        component="main"
        id="main"
        tabIndex={-1}
        sx={{ flexGrow: 1, minWidth: 0, bgcolor: 'background.default', outline: 'none' }}
      >
        <Toolbar variant="dense" sx={{ minHeight: 52 }} />
        <Box sx={{ px: { xs: 2, md: 4 }, py: 3, maxWidth: 1440, mx: 'auto' }}>
          <Outlet />
        </Box>
      </Box>
    </Box>
  );
}
