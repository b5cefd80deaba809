import type { ConnectorNode, MaintenancePreview } from '@hybrid-hub/contract';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { useNotify } from '../../../components/notifications.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { formatCount } from '../../../lib/format.ts';
import { problemText } from '../../../lib/problem-text.ts';
import { useSetMaintenance } from '../api/cluster-mutations.ts';
import { clusterQueries } from '../api/cluster-queries.ts';
import { MaintenanceImpact } from './maintenance-impact.tsx';

export interface EnterMaintenanceDialogProps {
  clusterId: string;
  node: ConnectorNode;
  onClose: () => void;
}

/** Why the last confirmation did not go through, when the admin must look again. */
type Retry = 'changed' | 'last-node' | null;

function LastNodeWarning({
  preview,
  confirmed,
  onConfirmedChange,
}: {
  preview: MaintenancePreview;
  confirmed: boolean;
  onConfirmedChange: (confirmed: boolean) => void;
}) {
  const warning = preview.warnings.find((w) => w.code === 'LAST_AVAILABLE_NODE');
  // With nobody on the node nobody loses service, but the cluster is left with no node at all.
  const empty = preview.usersMoving === 0;
  return (
    <Alert severity="error" icon={false}>
      <AlertTitle>
        {empty ? 'No node will serve this cluster' : 'Users will lose service'}
      </AlertTitle>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {empty ? (
          <>
            This is the last node that can serve this cluster’s users. Once it is in maintenance
            mode no node does: users cannot be activated on this cluster until a node serves again.
          </>
        ) : (
          <>
            {warning?.message ??
              'This is the last node that can serve this cluster’s users: no other node can take them.'}{' '}
            Its {formatCount(preview.usersMoving, 'user')} go to Error (NO_CONNECTOR_AVAILABLE) and
            are retried automatically once a node can serve them again.
          </>
        )}
      </Typography>
      <FormControlLabel
        control={
          <Checkbox
            checked={confirmed}
            onChange={(event) => onConfirmedChange(event.target.checked)}
            color="error"
          />
        }
        label={
          empty
            ? 'I understand that no node of this cluster will serve users'
            : `I understand that ${formatCount(preview.usersMoving, 'user')} will lose service`
        }
      />
    </Alert>
  );
}

/**
 * Enter maintenance mode, after the admin has seen its impact: the preview is computed when the
 * dialog opens, and the request names the revision it was computed from, so a node that changed
 * meanwhile is refused (412) and the impact is shown again, up to date.
 */
export function EnterMaintenanceDialog({ clusterId, node, onClose }: EnterMaintenanceDialogProps) {
  const notify = useNotify();
  const preview = useQuery(clusterQueries.maintenancePreview(node.id));
  const setMaintenance = useSetMaintenance(clusterId);
  const [forceConfirmed, setForceConfirmed] = useState(false);
  const [retry, setRetry] = useState<Retry>(null);

  const data = preview.data;
  // The server may know better than a preview read a moment ago: its 409 asks for force too.
  const needsForce = Boolean(data?.requiresForce) || retry === 'last-node';

  const confirm = () => {
    if (!data) return;
    setMaintenance.mutate(
      { nodeId: node.id, action: 'enter', revision: data.revision, force: needsForce },
      {
        onSuccess: (saved) => {
          onClose();
          notify(
            saved.maintenance === 'In maintenance mode'
              ? `${saved.hostname} is in maintenance mode.`
              : `${saved.hostname} is entering maintenance mode: ${formatCount(saved.maintenanceProgress?.usersLeft ?? data.usersMoving, 'user')} to move.`,
          );
        },
        onError: (error) => {
          if (isApiError(error) && (error.status === 412 || error.code === 'last_available_node')) {
            setRetry(error.status === 412 ? 'changed' : 'last-node');
            setForceConfirmed(false);
            void preview.refetch();
            return;
          }
          onClose();
          notify(`Could not enter maintenance mode. ${problemText(error)}`, 'error', {
            cause: error,
          });
        },
      },
    );
  };

  return (
    <ConfirmDialog
      open
      title={`Enter maintenance mode on ${node.hostname}?`}
      confirmLabel="Enter maintenance mode"
      tone={needsForce ? 'error' : 'warning'}
      maxWidth="sm"
      busy={setMaintenance.isPending}
      confirmDisabled={!data || preview.isFetching || (needsForce && !forceConfirmed)}
      onConfirm={confirm}
      onCancel={onClose}
    >
      <Box sx={{ display: 'grid', gap: 2 }}>
        {retry === 'changed' && (
          <Alert severity="info">
            This node changed while you were deciding. The impact below is up to date: check it and
            confirm again.
          </Alert>
        )}
        {retry === 'last-node' && (
          <Alert severity="info">
            No other node of this cluster can take users any more: confirm explicitly below.
          </Alert>
        )}
        {preview.isPending || (preview.isFetching && retry !== null && !preview.isError) ? (
          <LoadingState label="Working out the impact…" />
        ) : preview.isError ? (
          <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
        ) : (
          <>
            {needsForce && (
              <LastNodeWarning
                preview={data!}
                confirmed={forceConfirmed}
                onConfirmedChange={setForceConfirmed}
              />
            )}
            <MaintenanceImpact preview={data!} />
          </>
        )}
      </Box>
    </ConfirmDialog>
  );
}
