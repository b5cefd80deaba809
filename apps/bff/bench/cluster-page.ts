import { ClusterDetail, MaintenancePreview } from '@hybrid-hub/contract';
import { signIn } from '../src/testing/sign-in.ts';
import type { DrainCase } from './drain-setup.ts';
import { percentiles } from './percentiles.ts';
import { printTable } from './print-table.ts';

/** Requests of the cluster page, by name: what the SPA asks for (apps/web clusterQueries). */
type Samples = Record<string, number[]>;

/**
 * The cluster page as one admin loads it, again and again: the cluster detail and its open
 * alarms at once (as the route's loader prefetches them), one page load after the other; and the
 * maintenance preview the Enter maintenance mode dialog reads. First on a quiet BFF (`runs` page
 * loads), then while the BFF's due-work loop drains `drain.node` (page loads until it is In
 * maintenance mode). The drain is checked through the API before the figures are printed.
 */
export async function clusterPageLoads(
  base: string,
  drain: DrainCase,
  { runs, drainUsers, ratePerMinute }: { runs: number; drainUsers: number; ratePerMinute: number },
): Promise<void> {
  const { headers } = await signIn(base, 'admin@acme.example');
  const detailUrl = `${base}/api/v1/clusters/${drain.clusterId}`;
  const alarmsUrl = `${base}/api/v1/alarms?clusterId=${drain.clusterId}&state=open&pageSize=20`;
  const previewUrl = `${base}/api/v1/nodes/${drain.node.id}/maintenance/preview`;

  const pageLoad = async (samples: Samples): Promise<ClusterDetail> => {
    const started = performance.now();
    const [detail] = await Promise.all([
      timed(detailUrl, headers, samples, 'GET /clusters/:id'),
      timed(alarmsUrl, headers, samples, 'GET /alarms?clusterId='),
    ]);
    (samples['page (both at once)'] ??= []).push(performance.now() - started);
    return ClusterDetail.parse(JSON.parse(detail));
  };

  for (let i = 0; i < 20; i++) await pageLoad({}); // warm-up: JIT, page cache
  const quiet: Samples = {};
  for (let i = 0; i < runs; i++) await pageLoad(quiet);
  for (let i = 0; i < runs; i++)
    await timed(previewUrl, headers, quiet, 'GET /nodes/:id/maintenance/preview');

  // Enter maintenance mode as the dialog does: the preview's ETag back as If-Match.
  const preview = await fetch(previewUrl, { headers });
  const { usersMoving } = MaintenancePreview.parse(await preview.json());
  if (usersMoving !== drainUsers)
    throw new Error(`${usersMoving} users would move, not ${drainUsers}`);
  const busy: Samples = {};
  const drainStart = performance.now();
  const entered = await fetch(`${base}/api/v1/nodes/${drain.node.id}/maintenance`, {
    method: 'POST',
    headers: {
      ...headers,
      'content-type': 'application/json',
      'if-match': preview.headers.get('etag')!,
    },
    body: JSON.stringify({ action: 'enter' }),
  });
  if (!entered.ok)
    throw new Error(`enter maintenance answered ${entered.status}: ${await entered.text()}`);
  let cluster: ClusterDetail;
  do {
    if (performance.now() - drainStart > 300_000) throw new Error('the drain took over 5 minutes');
    cluster = await pageLoad(busy);
  } while (
    cluster.nodes.find((n) => n.id === drain.node.id)!.maintenance !== 'In maintenance mode'
  );
  const drainSeconds = (performance.now() - drainStart) / 1000;
  checkDrained(cluster, drain);

  const rows = Object.keys(quiet).map((name) => {
    const q = percentiles(quiet[name]!);
    const b = busy[name] && percentiles(busy[name]);
    return [
      name,
      q.p50.toFixed(1),
      q.p95.toFixed(1),
      b ? b.p50.toFixed(1) : '—',
      b ? b.p95.toFixed(1) : '—',
      `${quiet[name]!.length} / ${busy[name]?.length ?? 0}`,
    ];
  });
  console.log(
    `Cluster page of ${drain.clusterName} against a BFF process, one request (or page load) at a time; ` +
      `the drain of ${drainUsers.toLocaleString('en-US')} users by its due-work loop at ${ratePerMinute.toLocaleString('en-US')} users/min took ${drainSeconds.toFixed(1)} s`,
  );
  printTable(['request', 'quiet p50', 'quiet p95', 'drain p50', 'drain p95', 'requests'], rows);
}

async function timed(
  url: string,
  headers: Record<string, string>,
  samples: Samples,
  name: string,
): Promise<string> {
  const started = performance.now();
  const response = await fetch(url, { headers });
  const body = await response.text();
  (samples[name] ??= []).push(performance.now() - started);
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${body}`);
  return body;
}

/** Through the API, as the admin would see it: the node empty, no node over its capacity. */
function checkDrained(cluster: ClusterDetail, drain: DrainCase): void {
  const node = cluster.nodes.find((n) => n.id === drain.node.id)!;
  const problems = [
    node.users > 0 && `${node.hostname} still has ${node.users} users`,
    cluster.users !== drain.clusterUsers &&
      `the cluster holds ${cluster.users}, ${drain.clusterUsers} before`,
    ...cluster.nodes.map(
      (n) => n.users > n.capacity && `${n.hostname} holds ${n.users} > ${n.capacity}`,
    ),
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`The BFF's drain is wrong: ${problems.join('; ')}.`);
}
