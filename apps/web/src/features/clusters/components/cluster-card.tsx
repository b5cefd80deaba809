import type { ClusterSummary } from '@hybrid-hub/contract';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Divider from '@mui/material/Divider';
import Typography from '@mui/material/Typography';
import { Link } from 'react-router';
import { CapacityBar } from '../../../components/capacity-bar.tsx';
import { HealthChip } from '../../../components/health-chip.tsx';
import { formatCount } from '../../../lib/format.ts';

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="p">
        {label}
      </Typography>
      <Typography variant="body2" component="p" sx={{ fontWeight: 500 }}>
        {value}
      </Typography>
    </Box>
  );
}

/** One Expressway cluster in the Clusters list; the whole card opens the cluster page. */
export function ClusterCard({ cluster }: { cluster: ClusterSummary }) {
  return (
    <Card variant="outlined" component="li" sx={{ listStyle: 'none' }}>
      <CardActionArea
        component={Link}
        to={`/clusters/${encodeURIComponent(cluster.id)}`}
        sx={{
          height: '100%',
          '&.Mui-focusVisible': { outline: '2px solid', outlineColor: 'primary.main' },
        }}
      >
        <CardContent sx={{ display: 'grid', gap: 2 }}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <Typography variant="h6" component="h2" sx={{ flexGrow: 1, minWidth: 0 }} noWrap>
              {cluster.name}
            </Typography>
            <HealthChip health={cluster.health} />
          </Box>
          <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 1 }}>
            <Fact label="Node size" value={cluster.nodeSize} />
            <Fact label="Nodes" value={formatCount(cluster.nodeCount, 'node')} />
            <Fact label="IM&P clusters" value={String(cluster.impClusterCount)} />
          </Box>
          <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 2, rowGap: 0.5 }}>
            <Typography
              variant="body2"
              color={cluster.nodesServing < cluster.nodeCount ? 'warning.dark' : 'text.secondary'}
            >
              {cluster.nodesServing} of {cluster.nodeCount} nodes serving
            </Typography>
            {cluster.affectedUsers > 0 && (
              <Typography variant="body2" color="error.dark" sx={{ fontWeight: 500 }}>
                {formatCount(cluster.affectedUsers, 'user')} affected
              </Typography>
            )}
            <Typography
              variant="body2"
              color={cluster.openAlarms > 0 ? 'warning.dark' : 'text.secondary'}
            >
              {cluster.openAlarms === 0
                ? 'No open alarms'
                : formatCount(cluster.openAlarms, 'open alarm')}
            </Typography>
          </Box>
          <Divider />
          <Box>
            <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 0.5 }}>
              Message Service users vs capacity
            </Typography>
            <CapacityBar used={cluster.users} capacity={cluster.capacity} />
          </Box>
        </CardContent>
      </CardActionArea>
    </Card>
  );
}
