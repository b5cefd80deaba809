import type { ConnectorRestartResult } from '@hybrid-hub/contract';
import RestartAltIcon from '@mui/icons-material/RestartAlt';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { useNotify } from '../../../components/notifications.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { problemText } from '../../../lib/problem-text.ts';
import { useRestartMessageConnector } from '../api/cluster-mutations.ts';
import { usePermission } from '../../../lib/session.ts';
import { RestartResult, restartSummary } from './restart-result.tsx';

/**
 * Restart Message Connector (the guide's "Refresh Connections to Unified CM IM and Presence
 * Nodes"): asks first, since the connector stops briefly, then shows what the rediscovery found.
 */
export function RestartConnectorButton({
  clusterId,
  clusterName,
}: {
  clusterId: string;
  clusterName: string;
}) {
  const notify = useNotify();
  const restart = useRestartMessageConnector(clusterId);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<ConnectorRestartResult | null>(null);
  const resultTitleId = useId();
  // Shown only to the roles that may do it; the cluster page says why to the others.
  const mayRestart = usePermission('restartMessageConnector').allowed;

  const confirm = () => {
    restart.mutate(undefined, {
      onSuccess: (found) => {
        setConfirming(false);
        setResult(found);
        notify(restartSummary(found));
      },
      onError: (error) => {
        setConfirming(false);
        notify(`Could not restart the Message Connector. ${problemText(error)}`, 'error', {
          cause: error,
        });
      },
    });
  };

  if (!mayRestart) return null;
  return (
    <>
      <Button
        variant="outlined"
        startIcon={<RestartAltIcon aria-hidden />}
        onClick={() => setConfirming(true)}
      >
        Restart Message Connector
      </Button>
      <ConfirmDialog
        open={confirming}
        title={`Restart Message Connector on ${clusterName}?`}
        confirmLabel="Restart"
        tone="warning"
        busy={restart.isPending}
        onConfirm={confirm}
        onCancel={() => setConfirming(false)}
      >
        <Typography variant="body2" sx={{ mb: 1.5 }}>
          <strong>The Message Connector stops briefly</strong> on this cluster’s nodes, then starts
          again.
        </Typography>
        <Typography variant="body2">
          On start it rediscovers the IM and Presence nodes through AXL: nodes added or removed
          since are picked up and node versions are resynchronized. Nodes whose AXL service is not
          running cannot be discovered.
        </Typography>
      </ConfirmDialog>
      <Dialog
        open={result !== null}
        onClose={() => setResult(null)}
        aria-labelledby={resultTitleId}
        maxWidth="sm"
        fullWidth
      >
        <DialogTitle id={resultTitleId}>Message Connector restarted on {clusterName}</DialogTitle>
        <DialogContent>
          {result && (
            <>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
                Restarted {formatDateTime(result.restartedAt)}. What its rediscovery of the IM and
                Presence nodes through AXL found:
              </Typography>
              <RestartResult result={result} />
            </>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setResult(null)} autoFocus>
            Close
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
