import { ADMIN_ROLE_LABELS } from '@hybrid-hub/contract';
import LogoutIcon from '@mui/icons-material/Logout';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import ListItemIcon from '@mui/material/ListItemIcon';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Typography from '@mui/material/Typography';
import { useSession } from '../../../lib/session.ts';

export interface AccountMenuPopupProps {
  id: string;
  anchor: HTMLElement | null;
  onClose: () => void;
  onSignOut: () => void;
  signingOut: boolean;
}

/** The account menu's popup: who is signed in, their role and organization, and Sign out. */
export function AccountMenuPopup({
  id,
  anchor,
  onClose,
  onSignOut,
  signingOut,
}: AccountMenuPopupProps) {
  const { admin, organization } = useSession();
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
      <MenuItem onClick={onSignOut} disabled={signingOut}>
        <ListItemIcon>
          <LogoutIcon fontSize="small" aria-hidden />
        </ListItemIcon>
        Sign out
      </MenuItem>
    </Menu>
  );
}
