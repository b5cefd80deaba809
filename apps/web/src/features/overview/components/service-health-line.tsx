import type { ClusterSummary } from '@hybrid-hub/contract';
import CheckCircleOutlinedIcon from '@mui/icons-material/CheckCircleOutlined';
import ReportProblemOutlinedIcon from '@mui/icons-material/ReportProblemOutlined';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { HealthChip } from '../../../components/health-chip.tsx';
import { RouterLink } from '../../../components/router-link.tsx';
import { formatCount } from '../../../lib/format.ts';

/** Outage before Degraded: the worst first. */
const WORST_FIRST = { Outage: 0, Degraded: 1, Operational: 2 } as const;

/**
 * "2 clusters, 7 of 8 nodes serving": the one line an admin reads first, then what needs them:
 * users affected by nodes that cannot serve them, open alarms, and which clusters are not
 * Operational (each a link to its page).
 */
export function ServiceHealthLine({ clusters }: { clusters: readonly ClusterSummary[] }) {
  if (clusters.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No Expressway cluster hosts the Message Connector yet: register one to serve users.
      </Typography>
    );
  }
  const nodes = clusters.reduce((sum, c) => sum + c.nodeCount, 0);
  const serving = clusters.reduce((sum, c) => sum + c.nodesServing, 0);
  const affected = clusters.reduce((sum, c) => sum + c.affectedUsers, 0);
  const alarms = clusters.reduce((sum, c) => sum + c.openAlarms, 0);
  const unwell = clusters
    .filter((c) => c.health !== 'Operational')
    .sort((a, b) => WORST_FIRST[a.health] - WORST_FIRST[b.health]);
  const allGood = serving === nodes && affected === 0 && unwell.length === 0;
  const Icon = allGood ? CheckCircleOutlinedIcon : ReportProblemOutlinedIcon;
  return (
    <Box sx={{ display: 'grid', gap: 1.5 }}>
      <Box
        sx={{ display: 'flex', alignItems: 'center', columnGap: 1, rowGap: 0.5, flexWrap: 'wrap' }}
      >
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
      {unwell.length > 0 && (
        <Box
          component="ul"
          aria-label="Clusters not Operational"
          sx={{ m: 0, p: 0, listStyle: 'none', display: 'flex', flexWrap: 'wrap', gap: 2 }}
        >
          {unwell.map((cluster) => (
            <Box
              component="li"
              key={cluster.id}
              sx={{ display: 'flex', alignItems: 'center', gap: 1 }}
            >
              <RouterLink to={`/clusters/${encodeURIComponent(cluster.id)}`} variant="body2">
                {cluster.name}
              </RouterLink>
              <HealthChip health={cluster.health} />
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}
