import { lazy, useEffect, useId, useState } from 'react';
import { ShellIcon } from '../../../app/layout/shell-icons.tsx';
import { WithScreenTheme } from '../../../app/with-screen-theme.tsx';
import { useSession } from '../../../lib/session.ts';
import { whenIdle } from '../../../lib/when-idle.ts';

// The popup (a Menu: popover, modal, focus trap; signing out) loads when first wanted, not with
// the shell.
const loadPopup = () => import('./account-menu-popup.tsx');
const AccountMenuPopup = lazy(async () => ({ default: (await loadPopup()).AccountMenuPopup }));

/** The signed-in admin in the top bar: who, which role and organization, and Sign out. */
export function AccountMenu() {
  const { admin } = useSession();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  // Once shown, the popup stays mounted, so that it closes with its transition.
  const [wanted, setWanted] = useState(false);
  const menuId = useId();
  // Fetched once the page is idle, so that the first click opens it at once.
  useEffect(() => whenIdle(() => void loadPopup()), []);

  return (
    <>
      {/* A plain button, as the rest of the top bar (app/layout/shell.css). */}
      <button
        type="button"
        className="shell-account"
        aria-haspopup="menu"
        aria-controls={anchor ? menuId : undefined}
        aria-expanded={anchor ? 'true' : undefined}
        aria-label={`Account: ${admin.name}`}
        onClick={(event) => {
          setAnchor(event.currentTarget);
          setWanted(true);
        }}
      >
        <ShellIcon name="accountCircle" size={20} />
        <span className="shell-account-name">{admin.name}</span>
      </button>
      {wanted && (
        <WithScreenTheme>
          <AccountMenuPopup id={menuId} anchor={anchor} onClose={() => setAnchor(null)} />
        </WithScreenTheme>
      )}
    </>
  );
}
