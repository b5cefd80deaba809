import {
  createContext,
  lazy,
  useCallback,
  useContext,
  useState,
  useEffect,
  type ReactNode,
} from 'react';
import { WithScreenTheme } from '../app/with-screen-theme.tsx';
import { whenIdle } from '../lib/when-idle.ts';

// The snackbar (and its transitions) is not in the shell: it loads once the page is idle (or with
// a first outcome sooner), so that outcomes show at once.
const NotificationSnackbar = lazy(async () => ({
  default: (await import('./notification-snackbar.tsx')).NotificationSnackbar,
}));

export type NotificationSeverity = 'success' | 'info' | 'error';

interface Notification {
  key: number;
  message: string;
  severity: NotificationSeverity;
  cause?: unknown;
}

export interface NotifyOptions {
  /** The failure an error is about: a problem's request id shows under the message. */
  cause?: unknown;
}

type Notify = (message: string, severity?: NotificationSeverity, options?: NotifyOptions) => void;

const NotifyContext = createContext<Notify | null>(null);

/**
 * The outcome of an action, said once in a snackbar (SPEC: "Snackbars for outcomes"). One at a
 * time: a newer outcome replaces an older one. Errors stay until closed; the rest fade. Inside
 * the router (the signed-in shell), so that an error's reference can link to the audit log.
 */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<Notification | null>(null);
  const [open, setOpen] = useState(false);
  const [idle, setIdle] = useState(false);
  useEffect(() => whenIdle(() => setIdle(true)), []);
  const notify = useCallback<Notify>((message, severity = 'success', options) => {
    setCurrent({ key: Date.now(), message, severity, cause: options?.cause });
    setOpen(true);
  }, []);
  const close = (_event?: unknown, reason?: string) => {
    // A click elsewhere on the page must not dismiss an error before it is read.
    if (reason === 'clickaway') return;
    setOpen(false);
  };
  return (
    <NotifyContext value={notify}>
      {children}
      {(idle || current) && (
        <WithScreenTheme>
          <NotificationSnackbar
            key={current?.key}
            open={open}
            message={current?.message ?? ''}
            severity={current?.severity ?? 'success'}
            cause={current?.cause}
            onClose={close}
          />
        </WithScreenTheme>
      )}
    </NotifyContext>
  );
}

export function useNotify(): Notify {
  const notify = useContext(NotifyContext);
  if (!notify) throw new Error('useNotify needs a NotificationsProvider above it');
  return notify;
}
