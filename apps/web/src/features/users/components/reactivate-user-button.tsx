import type { UserDetail } from '@hybrid-hub/contract';
import RestartAltIcon from '@mui/icons-material/RestartAlt';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { useNotify } from '../../../components/notifications.tsx';
import { problemText } from '../../../lib/problem-text.ts';
import { useReactivateUser } from '../api/user-mutations.ts';

/** Why Reactivate User cannot be used now, or null when it can (SPEC: Error or Active). */
function unavailableReason(user: UserDetail): string | null {
  if (user.status === 'Not activated') {
    return 'Not activated: switch the Message Service on and save first.';
  }
  if (user.status === 'Pending') return 'Activation is already in progress.';
  return null;
}

/** Reactivate User, after a confirmation: the user may briefly lose service. */
export function ReactivateUserButton({ user }: { user: UserDetail }) {
  const notify = useNotify();
  const reactivate = useReactivateUser(user.id);
  const [confirming, setConfirming] = useState(false);
  const reasonId = useId();
  const reason = unavailableReason(user);

  const handleConfirm = () => {
    reactivate.mutate(undefined, {
      onSuccess: (saved) => {
        setConfirming(false);
        notify(`${saved.displayName} is being reactivated: ${saved.status}.`);
      },
      onError: (error) => {
        setConfirming(false);
        notify(`Could not reactivate. ${problemText(error)}`, 'error', { cause: error });
      },
    });
  };

  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
      {/* A disabled button gets no pointer events: the span carries the tooltip. */}
      <Tooltip title={reason ?? ''} disableHoverListener={!reason}>
        <span>
          <Button
            variant="outlined"
            startIcon={<RestartAltIcon aria-hidden />}
            onClick={() => setConfirming(true)}
            disabled={Boolean(reason) || reactivate.isPending}
            aria-describedby={reasonId}
          >
            Reactivate User
          </Button>
        </span>
      </Tooltip>
      <Typography id={reasonId} variant="caption" color="text.secondary" sx={{ flex: 1 }}>
        {reason ??
          'Runs activation again: use it after fixing the cause of an error, or to move the user.'}
      </Typography>
      <ConfirmDialog
        open={confirming}
        title={`Reactivate ${user.displayName}?`}
        confirmLabel="Reactivate"
        busy={reactivate.isPending}
        onConfirm={handleConfirm}
        onCancel={() => setConfirming(false)}
      >
        <Typography variant="body2" sx={{ mb: 1.5 }}>
          The user goes back to Pending and the service assigns them again, with the deployment as
          it is now.
        </Typography>
        <Typography variant="body2">
          <strong>The user may briefly lose service</strong> while they are reactivated.
        </Typography>
      </ConfirmDialog>
    </Box>
  );
}
