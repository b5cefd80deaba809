/**
 * By-hand timing check (not a test): seeds the demo into a MemoryStore and prints how long it took.
 *   npx tsx packages/engine/scripts/seed-timing.ts [acmeUsers=200000]
 */
import { createEngine, ManualClock, MemoryStore, seedDemo } from '../src/index.ts';

const acmeUsers = Number(process.argv[2] ?? 200_000);
const clock = new ManualClock();
const store = new MemoryStore();
const started = performance.now();
await seedDemo(store, { acmeUsers, clock });
const seeded = performance.now() - started;
console.log(
  `seedDemo(${acmeUsers.toLocaleString('en')} Acme users) into MemoryStore: ${(seeded / 1000).toFixed(2)} s`,
);
console.log('Acme users by status:', await store.countUsersByStatus('acme'));

const engine = createEngine({ store, clock });
for (const cluster of (await engine.listClusters('acme')).items) {
  const { messageServiceStatus: status } = await engine.getCluster('acme', cluster.id);
  const totals = status.userTotals;
  console.log(
    `${cluster.name.padEnd(22)} ${cluster.nodeSize.padEnd(6)} ×${cluster.nodeCount} ${cluster.health.padEnd(11)}` +
      ` users ${cluster.users}/${cluster.capacity}, IM&P clusters ${cluster.impClusterCount},` +
      ` directory ${totals.usersFromConnectedImpClusters} of ${totals.usersFromAllImpClustersIcsa}`,
  );
}
