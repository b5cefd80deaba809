import type { ClusterSummary } from '@hybrid-hub/contract';
import CheckCircleOutlinedIcon from '@mui/icons-material/CheckCircleOutlined';
import ReportProblemOutlinedIcon from '@mui/icons-material/ReportProblemOutlined';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { formatCount } from '../../../lib/format.ts';

/**
 * "2 clusters, 7 of 8 nodes serving": the one line an admin reads first, then what needs them:
 * users affected by nodes that cannot serve them, and open alarms.
 */
export function ServiceHealthLine({ clusters }: { clusters: readonly ClusterSummary[] }) {
  const nodes = clusters.reduce((sum, c) => sum + c.nodeCount, 0);
  const serving = clusters.reduce((sum, c) => sum + c.nodesServing, 0);
  const affected = clusters.reduce((sum, c) => sum + c.affectedUsers, 0);
  const alarms = clusters.reduce((sum, c) => sum + c.openAlarms, 0);
  const allGood =
    clusters.length > 0 &&
    serving === nodes &&
    affected === 0 &&
    clusters.every((c) => c.health === 'Operational');
  const Icon = allGood ? CheckCircleOutlinedIcon : ReportProblemOutlinedIcon;
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
      <Icon color={allGood ? 'success' : 'warning'} aria-hidden />
      <Typography variant="body1" sx={{ fontWeight: 500 }} data-testid="service-health">
        {formatCount(clusters.length, 'cluster')}, {serving} of {nodes} nodes serving
      </Typography>
      {affected > 0 && (
        <Typography variant="body1" color="error.dark" sx={{ fontWeight: 500 }}>
          · {formatCount(affected, 'user')} affected
        </Typography>
      )}
      <Typography variant="body1" color={alarms > 0 ? 'warning.dark' : 'text.secondary'}>
        · {alarms === 0 ? 'no open alarms' : formatCount(alarms, 'open alarm')}
      </Typography>
    </Box>
  );
}
