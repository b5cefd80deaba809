import type { ClusterDetail } from '@hybrid-hub/contract';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import { formatCount } from '../../../lib/format.ts';

/**
 * Nodes that hold users but cannot serve them (not responding, connector down, no cloud
 * connectivity) outside maintenance mode: an uncontrolled outage, which the service does not
 * ride out by itself (SPEC "Maintenance mode", last rule).
 */
export function AffectedUsersAlert({ cluster }: { cluster: ClusterDetail }) {
  const nodes = cluster.nodes.filter((node) => node.usersAffected);
  if (cluster.affectedUsers === 0 && nodes.length === 0) return null;
  return (
    <Alert severity="error" role="alert">
      <AlertTitle>{formatCount(cluster.affectedUsers, 'user')} affected</AlertTitle>
      {nodes.length > 0 && (
        <>
          {nodes.map((node) => node.hostname).join(', ')} {nodes.length === 1 ? 'has' : 'have'}{' '}
          users but cannot serve them.{' '}
        </>
      )}
      Those users have no Message Service until {nodes.length > 1 ? 'the nodes are' : 'the node is'}{' '}
      back: the service is not robust to a node taken down without maintenance mode. Before planned
      work, use Enter maintenance mode so that users are moved first.
    </Alert>
  );
}
