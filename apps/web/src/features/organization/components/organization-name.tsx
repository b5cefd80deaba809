import { ShellIcon } from '../../../app/layout/shell-icons.tsx';
import { useSession } from '../../../lib/session.ts';

/**
 * The organization the console is looking at, for the top bar: the session's own, so the bar
 * neither waits for nor asks again what it already knows (nothing moves while it loads). Plain
 * elements, as the rest of the frame (app/layout/shell.css).
 */
export function OrganizationName() {
  const { organization } = useSession();
  return (
    <span className="shell-organization">
      <ShellIcon name="business" size={20} />
      <span data-testid="organization-name">{organization.name}</span>
    </span>
  );
}
