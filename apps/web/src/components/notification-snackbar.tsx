import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';
import type { NotificationSeverity } from './notifications.tsx';
import { ProblemReference } from './problem-reference.tsx';

export interface NotificationSnackbarProps {
  open: boolean;
  message: string;
  severity: NotificationSeverity;
  cause: unknown;
  onClose: (event?: unknown, reason?: string) => void;
}

/** One outcome on screen (notifications.tsx): errors stay until closed, the rest fade. */
export function NotificationSnackbar({
  open,
  message,
  severity,
  cause,
  onClose,
}: NotificationSnackbarProps) {
  return (
    <Snackbar
      open={open}
      onClose={onClose}
      autoHideDuration={severity === 'error' ? null : 6000}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
    >
      <Alert
        onClose={onClose}
        severity={severity}
        variant="filled"
        sx={{ minWidth: 320, alignItems: 'center' }}
      >
        {message}
        <ProblemReference error={cause} color="inherit" />
      </Alert>
    </Snackbar>
  );
}
