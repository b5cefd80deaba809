import { AlarmState } from '@hybrid-hub/contract';
import NotificationsNoneOutlinedIcon from '@mui/icons-material/NotificationsNoneOutlined';
import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Select from '@mui/material/Select';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useSearchParams, type LoaderFunctionArgs } from 'react-router';
import { AlarmList } from '../../../components/alarm-list.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { TablePager } from '../../../components/table-pager.tsx';
import { formatCount } from '../../../lib/format.ts';
import { ALARMS_PAGE_SIZE, alarmQueries, type AlarmFilters } from '../api/alarm-queries.ts';
import { useLiveUpdates } from '../../../lib/hub-events-context.tsx';

/** The filters live in the URL (`?state=&clusterId=&page=`), so a cluster page can link here. */
function filtersOf(params: URLSearchParams): AlarmFilters {
  const state = AlarmState.safeParse(params.get('state'));
  const page = Number(params.get('page'));
  return {
    state: state.success ? state.data : 'open',
    clusterId: params.get('clusterId') || undefined,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

export function alarmsLoader(queryClient: QueryClient) {
  return ({ request }: LoaderFunctionArgs) => {
    void queryClient.prefetchQuery(alarmQueries.list(filtersOf(new URL(request.url).searchParams)));
    void queryClient.prefetchQuery(alarmQueries.clusters());
    return null;
  };
}

export function AlarmsRoute() {
  useLiveUpdates();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const alarms = useQuery(alarmQueries.list(filters));
  const clusters = useQuery(alarmQueries.clusters());

  const update = (next: Partial<AlarmFilters>) => {
    const merged = { ...filters, page: 1, ...next };
    const search: Record<string, string> = {};
    if (merged.state !== 'open') search.state = merged.state;
    if (merged.clusterId) search.clusterId = merged.clusterId;
    if (merged.page > 1) search.page = String(merged.page);
    setParams(search);
  };

  const resolved = filters.state === 'resolved';
  const clusterName = clusters.data?.find((c) => c.id === filters.clusterId)?.name;
  return (
    <>
      <PageHeader
        title="Alarms"
        subtitle="Raised from the state of connector nodes and IM and Presence nodes; resolved when the condition goes away. Nodes in maintenance mode raise none."
      />
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={filters.state}
          onChange={(_event, state: AlarmState | null) => state && update({ state })}
          aria-label="Alarm state"
        >
          <ToggleButton value="open">Open</ToggleButton>
          <ToggleButton value="resolved">Resolved</ToggleButton>
        </ToggleButtonGroup>
        <FormControl size="small" sx={{ minWidth: 220 }}>
          {/* Shrunk and displayEmpty: "All clusters" shows instead of an empty box. */}
          <InputLabel id="alarm-cluster-label" shrink>
            Cluster
          </InputLabel>
          <Select
            labelId="alarm-cluster-label"
            label="Cluster"
            displayEmpty
            notched
            value={filters.clusterId ?? ''}
            onChange={(event) => update({ clusterId: event.target.value || undefined })}
          >
            <MenuItem value="">All clusters</MenuItem>
            {(clusters.data ?? []).map((cluster) => (
              <MenuItem key={cluster.id} value={cluster.id}>
                {cluster.name}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      </Box>
      <Paper variant="outlined">
        {alarms.isPending ? (
          <LoadingState label="Loading alarms…" />
        ) : alarms.isError ? (
          <ErrorState error={alarms.error} onRetry={() => void alarms.refetch()} />
        ) : alarms.data.total === 0 ? (
          <EmptyState
            icon={
              <NotificationsNoneOutlinedIcon color="action" sx={{ fontSize: 40 }} aria-hidden />
            }
            title={resolved ? 'No resolved alarms' : 'No open alarms'}
            description={
              resolved
                ? 'Alarms appear here once their condition has gone away.'
                : `Every connector node and IM and Presence node${clusterName ? ` of ${clusterName}` : ''} is as it should be.`
            }
          />
        ) : (
          <>
            <AlarmList
              alarms={alarms.data.items}
              label={resolved ? 'Resolved alarms' : 'Open alarms'}
              showResolved={resolved}
              emptyText="No alarms on this page."
            />
            <TablePager
              count={alarms.data.total}
              page={alarms.data.page - 1}
              rowsPerPage={ALARMS_PAGE_SIZE}
              onPageChange={(page) => update({ ...filters, page: page + 1 })}
              label={(from, to, count) =>
                `${from}–${to} of ${formatCount(count, resolved ? 'resolved alarm' : 'open alarm')}`
              }
            />
          </>
        )}
      </Paper>
    </>
  );
}
