import type { ClusterSummary } from '@hybrid-hub/contract';
import CheckCircleOutlinedIcon from '@mui/icons-material/CheckCircleOutlined';
import ReportProblemOutlinedIcon from '@mui/icons-material/ReportProblemOutlined';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { formatCount } from '../../../lib/format.ts';

/** "2 clusters, 7 of 8 nodes serving": the one line an admin reads first. */
export function ServiceHealthLine({ clusters }: { clusters: readonly ClusterSummary[] }) {
  const nodes = clusters.reduce((sum, c) => sum + c.nodeCount, 0);
  const serving = clusters.reduce((sum, c) => sum + c.nodesServing, 0);
  const allGood =
    clusters.length > 0 && serving === nodes && clusters.every((c) => c.health === 'Operational');
  const Icon = allGood ? CheckCircleOutlinedIcon : ReportProblemOutlinedIcon;
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
      <Icon color={allGood ? 'success' : 'warning'} aria-hidden />
      <Typography variant="body1" sx={{ fontWeight: 500 }} data-testid="service-health">
        {formatCount(clusters.length, 'cluster')}, {serving} of {nodes} nodes serving
      </Typography>
    </Box>
  );
}
