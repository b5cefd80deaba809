import type { ConnectorNode } from '@hybrid-hub/contract';
import Button from '@mui/material/Button';
import { useState } from 'react';
import { usePermission } from '../../../lib/session.ts';
import { EnterMaintenanceDialog } from './enter-maintenance-dialog.tsx';
import { ExitMaintenanceDialog } from './exit-maintenance-dialog.tsx';

/**
 * Enter maintenance mode or Exit maintenance mode, as the node's state allows; each asks first.
 * One button whose words change, so the focus stays on it when the dialog closes.
 */
export function NodeMaintenanceButton({
  clusterId,
  node,
}: {
  clusterId: string;
  node: ConnectorNode;
}) {
  // Which dialog is open is decided on the click: the node's state changes under a dialog that
  // has just done its work, and must not swap it for the other one.
  const [open, setOpen] = useState<'enter' | 'exit' | null>(null);
  // Shown only to the roles that may do it; the cluster page says why to the others.
  const mayChange = usePermission('setMaintenance').allowed;
  if (!mayChange) return null;
  const off = node.maintenance === 'Off';
  const close = () => setOpen(null);
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        color={off ? 'primary' : 'inherit'}
        onClick={() => setOpen(off ? 'enter' : 'exit')}
        sx={{ whiteSpace: 'nowrap' }}
      >
        {off ? 'Enter maintenance mode' : 'Exit maintenance mode'}
      </Button>
      {open === 'enter' && (
        <EnterMaintenanceDialog clusterId={clusterId} node={node} onClose={close} />
      )}
      {open === 'exit' && (
        <ExitMaintenanceDialog clusterId={clusterId} node={node} onClose={close} />
      )}
    </>
  );
}
