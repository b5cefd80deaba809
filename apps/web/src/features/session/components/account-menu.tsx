import { ADMIN_ROLE_LABELS } from '@hybrid-hub/contract';
import AccountCircleOutlinedIcon from '@mui/icons-material/AccountCircleOutlined';
import LogoutIcon from '@mui/icons-material/Logout';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import ListItemIcon from '@mui/material/ListItemIcon';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { useSession } from '../../../lib/session.ts';
import { useSignOut } from '../api/session-mutations.ts';

/** The signed-in admin in the top bar: who, which role and organization, and Sign out. */
export function AccountMenu() {
  const { admin, organization } = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const menuId = useId();

  const handleSignOut = () => {
    setAnchor(null);
    signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) });
  };

  return (
    <>
      <Button
        color="inherit"
        startIcon={<AccountCircleOutlinedIcon aria-hidden />}
        aria-haspopup="menu"
        aria-controls={anchor ? menuId : undefined}
        aria-expanded={anchor ? 'true' : undefined}
        aria-label={`Account: ${admin.name}`}
        onClick={(event) => setAnchor(event.currentTarget)}
        sx={{ textTransform: 'none' }}
      >
        <Box component="span" sx={{ display: { xs: 'none', md: 'inline' } }}>
          {admin.name}
        </Box>
      </Button>
      <Menu
        id={menuId}
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
      >
        <Box sx={{ px: 2, py: 1, maxWidth: 320 }}>
          <Typography variant="subtitle2">{admin.name}</Typography>
          <Typography variant="body2" color="text.secondary">
            {admin.email}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {ADMIN_ROLE_LABELS[admin.role]} · {organization.name}
          </Typography>
        </Box>
        <Divider />
        <MenuItem onClick={handleSignOut} disabled={signOut.isPending}>
          <ListItemIcon>
            <LogoutIcon fontSize="small" aria-hidden />
          </ListItemIcon>
          Sign out
        </MenuItem>
      </Menu>
    </>
  );
}
