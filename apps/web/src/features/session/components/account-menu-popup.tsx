import { ADMIN_ROLE_LABELS } from '@hybrid-hub/contract';
import LogoutIcon from '@mui/icons-material/Logout';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import ListItemIcon from '@mui/material/ListItemIcon';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Typography from '@mui/material/Typography';
import { useNavigate } from 'react-router';
import { useSession } from '../../../lib/session.ts';
import { useSignOut } from '../api/session-mutations.ts';

export interface AccountMenuPopupProps {
  id: string;
  anchor: HTMLElement | null;
  onClose: () => void;
}

/** The account menu's popup: who is signed in, their role and organization, and Sign out. */
export function AccountMenuPopup({ id, anchor, onClose }: AccountMenuPopupProps) {
  const { admin, organization } = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const handleSignOut = () => {
    onClose();
    signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) });
  };
  return (
    <Menu
      id={id}
      anchorEl={anchor}
      open={Boolean(anchor)}
      onClose={onClose}
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
  );
}
