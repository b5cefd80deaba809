import { createEngine, systemClock, type Store } from '@hybrid-hub/engine';
import { percentiles } from './percentiles.ts';
import { printTable } from './print-table.ts';

/**
 * engine.getCluster — nodes, IM&P clusters and the Message Service Status totals — `runs` times
 * for each cluster of the organization (after 10 unmeasured calls), and the p50/p95 of each.
 */
export async function timeClusterDetails(store: Store, orgId: string, runs: number): Promise<void> {
  const engine = createEngine({ store, clock: systemClock });
  const rows: string[][] = [];
  let worst = { p95: 0, name: '' };
  for (const { id, name } of (await engine.listClusters(orgId)).items) {
    for (let i = 0; i < 10; i++) await engine.getCluster(orgId, id);
    const samples: number[] = [];
    let detail = await engine.getCluster(orgId, id);
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      detail = await engine.getCluster(orgId, id);
      samples.push(performance.now() - started);
    }
    const { p50, p95 } = percentiles(samples);
    if (p95 > worst.p95) worst = { p95, name };
    const totals = detail.messageServiceStatus.userTotals;
    rows.push([
      name,
      totals.usersEnabled.toLocaleString('en-US'),
      totals.usersFromAllImpClustersIcsa.toLocaleString('en-US'),
      String(detail.messageServiceStatus.impNodes.length),
      p50.toFixed(2),
      p95.toFixed(2),
      Math.max(...samples).toFixed(2),
    ]);
  }
  console.log(
    `engine.getCluster on SQLite (Message Service Status totals included), ${runs} runs each`,
  );
  printTable(
    ['cluster', 'users enabled', 'ICSA directory', 'IM&P rows', 'p50 ms', 'p95 ms', 'max ms'],
    rows,
  );
  console.log(
    `Worst p95: ${worst.p95.toFixed(2)} ms (${worst.name}) — target ≤ 50 ms: ${(worst.p95 / 50).toFixed(2)}× the target`,
  );
}
