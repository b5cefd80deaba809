import type { ConnectorNode } from '@hybrid-hub/contract';
import Typography from '@mui/material/Typography';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { useNotify } from '../../../components/notifications.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { formatCount } from '../../../lib/format.ts';
import { problemText } from '../../../lib/problem-text.ts';
import { useSetMaintenance } from '../api/cluster-mutations.ts';

export interface ExitMaintenanceDialogProps {
  clusterId: string;
  node: ConnectorNode;
  onClose: () => void;
}

/** Exit maintenance mode: while the node is still entering, this cancels the move. */
export function ExitMaintenanceDialog({ clusterId, node, onClose }: ExitMaintenanceDialogProps) {
  const notify = useNotify();
  const setMaintenance = useSetMaintenance(clusterId);
  const entering = node.maintenance === 'Entering maintenance mode';
  const progress = node.maintenanceProgress;

  const confirm = () => {
    setMaintenance.mutate(
      { nodeId: node.id, action: 'exit', revision: node.revision },
      {
        onSuccess: (saved) => {
          onClose();
          notify(
            entering
              ? `The move off ${saved.hostname} is cancelled: it is serving again.`
              : `${saved.hostname} is out of maintenance mode and can serve users again.`,
          );
        },
        onError: (error) => {
          onClose();
          if (isApiError(error) && error.status === 412) {
            notify(
              `${node.hostname} changed while you were deciding: its state is shown again, up to date. Look at it and try again.`,
              'info',
            );
            return;
          }
          notify(`Could not exit maintenance mode. ${problemText(error)}`, 'error', {
            cause: error,
          });
        },
      },
    );
  };

  return (
    <ConfirmDialog
      open
      title={`Exit maintenance mode on ${node.hostname}?`}
      confirmLabel="Exit maintenance mode"
      maxWidth="sm"
      busy={setMaintenance.isPending}
      onConfirm={confirm}
      onCancel={onClose}
    >
      {entering ? (
        <>
          <Typography variant="body2" sx={{ mb: 1.5 }}>
            <strong>This cancels the move.</strong> No more users are moved off this node, and it
            can be assigned users again.
          </Typography>
          {progress && (
            <Typography variant="body2" color="text.secondary">
              {formatCount(progress.usersMoved, 'user')} moved so far stay on their new nodes;{' '}
              {formatCount(progress.usersLeft, 'user')} stay on this one.
            </Typography>
          )}
        </>
      ) : (
        <Typography variant="body2">
          The node’s connectors start again and the service can assign users to it again.
        </Typography>
      )}
    </ConfirmDialog>
  );
}
