import type { UserDetail } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useNotify } from '../../../components/notifications.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { RoleNotice } from '../../../components/role-notice.tsx';
import { UserStatusChip } from '../../../components/user-status-chip.tsx';
import { problemText } from '../../../lib/problem-text.ts';
import { usePermission } from '../../../lib/session.ts';
import { useSetMessageService } from '../api/user-mutations.ts';
import { ReactivateUserButton } from './reactivate-user-button.tsx';

function statusNote(user: UserDetail): string {
  switch (user.status) {
    case 'Pending':
      return 'Activation is in progress: the service is finding a connector for this user. This page updates by itself, usually within seconds.';
    case 'Active':
      return 'The user is served by a message connector.';
    case 'Error':
      return 'Activation failed: see what to do above.';
    case 'Not activated':
      return 'The Message Service is off for this user.';
  }
}

/** The "Message Service" switch with Save, the status it led to, and Reactivate User. */
export function MessageServiceCard({ user }: { user: UserDetail }) {
  const notify = useNotify();
  const save = useSetMessageService(user.id);
  // The switch shows the admin's choice until saved; a change from the server (an event, a
  // save) resets it to what the server says.
  const [enabled, setEnabled] = useState(user.messageServiceEnabled);
  const [serverValue, setServerValue] = useState(user.messageServiceEnabled);
  if (serverValue !== user.messageServiceEnabled) {
    setServerValue(user.messageServiceEnabled);
    setEnabled(user.messageServiceEnabled);
  }
  const changed = enabled !== user.messageServiceEnabled;
  const mayChange = usePermission('setMessageService').allowed;

  const handleSave = () => {
    save.mutate(enabled, {
      onSuccess: (saved) =>
        notify(
          saved.messageServiceEnabled
            ? `Message Service switched on for ${saved.displayName}: ${saved.status}.`
            : `Message Service switched off for ${saved.displayName}.`,
        ),
      onError: (error) =>
        notify(`Could not save. ${problemText(error)}`, 'error', { cause: error }),
    });
  };

  return (
    <SectionCard title="Message Service">
      <Box sx={{ display: 'grid', gap: 2 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
          <Typography variant="body2" color="text.secondary" sx={{ minWidth: 60 }}>
            Status
          </Typography>
          <UserStatusChip status={user.status} />
          {user.status === 'Pending' && (
            <CircularProgress size={14} aria-label="Activation in progress" />
          )}
        </Box>
        <Typography variant="body2" color="text.secondary" aria-live="polite">
          {statusNote(user)}
        </Typography>
        <RoleNotice action="setMessageService">You can't change this user.</RoleNotice>
        {mayChange && (
          <>
            <Box
              sx={{
                display: 'flex',
                alignItems: 'center',
                gap: 2,
                flexWrap: 'wrap',
                borderTop: 1,
                borderColor: 'divider',
                pt: 2,
              }}
            >
              <FormControlLabel
                control={
                  <Switch
                    checked={enabled}
                    onChange={(event) => setEnabled(event.target.checked)}
                    disabled={save.isPending}
                  />
                }
                label="Message Service"
              />
              <Button
                variant="contained"
                onClick={handleSave}
                disabled={!changed || save.isPending}
                startIcon={
                  save.isPending ? <CircularProgress size={16} color="inherit" aria-hidden /> : null
                }
              >
                Save
              </Button>
              {/* Always rendered, so the card does not jump when the switch moves. */}
              <Typography variant="caption" color="text.secondary" sx={{ flexBasis: '100%' }}>
                {!changed
                  ? 'Turn the switch and Save to change the service for this user.'
                  : enabled
                    ? 'Saving activates the user: the status is Pending until a connector is assigned.'
                    : 'Saving switches the service off: the user stops receiving messages through it, and their assignment is freed.'}
              </Typography>
            </Box>
            <Box sx={{ borderTop: 1, borderColor: 'divider', pt: 2 }}>
              <ReactivateUserButton user={user} />
            </Box>
          </>
        )}
      </Box>
    </SectionCard>
  );
}
