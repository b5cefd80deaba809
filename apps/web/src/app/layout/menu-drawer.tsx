import { useEffect, useEffectEvent, useRef, type KeyboardEvent } from 'react';
import { Navigation } from './navigation.tsx';
import { ShellIcon } from './shell-icons.tsx';

/** Where the permanent drawer takes over (shell.css hides the menu button from here up). */
export const WIDE_SHELL_QUERY = '(min-width: 900px)';

const FOCUSABLE = 'a[href], button:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Keeps Tab and Shift+Tab inside `container`, wrapping at either end. */
function trapTab(event: KeyboardEvent<HTMLElement>, container: HTMLElement) {
  const focusable = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !container.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !container.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * The navigation on a phone or tablet: a modal panel from the left, opened by the top bar's
 * menu button. Plain elements, as the rest of the frame (no MUI in the first load): focus moves
 * to the current screen's link, stays inside while open (the shell makes the rest inert),
 * and Escape, the backdrop, Close or a link closes it; the shell then puts focus back on the
 * menu button.
 */
export function MenuDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const panel = useRef<HTMLDivElement>(null);
  const close = useEffectEvent(onClose);

  useEffect(() => {
    const links = panel.current?.querySelectorAll<HTMLElement>('a[href]');
    const current = panel.current?.querySelector<HTMLElement>('[aria-current="page"]');
    (current ?? links?.[0] ?? panel.current)?.focus();
    // The page behind stays where it was instead of scrolling under the panel.
    const overflow = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    // Widened past the breakpoint (a tablet turned): the permanent drawer is back.
    const wide =
      typeof window.matchMedia === 'function' ? window.matchMedia(WIDE_SHELL_QUERY) : null;
    const onWide = () => {
      if (wide?.matches) close();
    };
    wide?.addEventListener('change', onWide);
    return () => {
      document.body.style.overflow = overflow;
      wide?.removeEventListener('change', onWide);
    };
  }, []);

  return (
    <div className="shell-menu">
      <div className="shell-menu-backdrop" aria-hidden onClick={onClose} />
      <div
        ref={panel}
        id={id}
        role="dialog"
        aria-modal="true"
        aria-label="Menu"
        tabIndex={-1}
        className="shell-menu-panel"
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            onClose();
          } else if (event.key === 'Tab' && panel.current) {
            trapTab(event, panel.current);
          }
        }}
      >
        <div className="shell-menu-header">
          <ShellIcon name="hub" className="shell-logo" />
          <span className="shell-product">Hybrid Hub</span>
          <span className="shell-spacer" />
          <button
            type="button"
            className="shell-icon-button"
            aria-label="Close menu"
            onClick={onClose}
          >
            <ShellIcon name="close" />
          </button>
        </div>
        <Navigation onNavigate={onClose} />
      </div>
    </div>
  );
}
