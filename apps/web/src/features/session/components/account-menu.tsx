import AccountCircleOutlinedIcon from '@mui/icons-material/AccountCircleOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { lazy, Suspense, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { useSession } from '../../../lib/session.ts';
import { useSignOut } from '../api/session-mutations.ts';

// The popup (a Menu: popover, modal, focus trap) loads when first wanted, not with the shell.
const loadPopup = () => import('./account-menu-popup.tsx');
const AccountMenuPopup = lazy(async () => ({ default: (await loadPopup()).AccountMenuPopup }));

/** The signed-in admin in the top bar: who, which role and organization, and Sign out. */
export function AccountMenu() {
  const { admin } = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  // Once shown, the popup stays mounted, so that it closes with its transition.
  const [wanted, setWanted] = useState(false);
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
        onClick={(event) => {
          setAnchor(event.currentTarget);
          setWanted(true);
        }}
        // A pointer on its way or the keyboard on the button: fetch the popup before the click.
        onPointerEnter={() => void loadPopup()}
        onFocus={() => void loadPopup()}
        sx={{ textTransform: 'none' }}
      >
        <Box component="span" sx={{ display: { xs: 'none', md: 'inline' } }}>
          {admin.name}
        </Box>
      </Button>
      {wanted && (
        <Suspense fallback={null}>
          <AccountMenuPopup
            id={menuId}
            anchor={anchor}
            onClose={() => setAnchor(null)}
            onSignOut={handleSignOut}
            signingOut={signOut.isPending}
          />
        </Suspense>
      )}
    </>
  );
}
