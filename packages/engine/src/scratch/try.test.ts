import { it } from 'vitest';
import { MemoryStore, ManualClock, seedDemo, createEngine } from '../index.ts';
it('seeds', async () => {
  for (const n of [200000]) {
    const store = new MemoryStore();
    const clock = new ManualClock();
    const t = performance.now();
    await seedDemo(store, { acmeUsers: n, clock });
    console.log(n, 'seeded in', Math.round(performance.now() - t), 'ms', 'heap MB', Math.round(process.memoryUsage().heapUsed / 1e6));
    console.log(await store.countUsersByStatus('acme'));
    const engine = createEngine({ store, clock });
    let t2 = performance.now();
    const clusters = await engine.listClusters('acme');
    console.log('listClusters ms', Math.round(performance.now() - t2));
    for (const c of clusters.items) {
      t2 = performance.now();
      const d = await engine.getCluster('acme', c.id);
      console.log(c.name, c.nodeSize, c.nodeCount, c.health, c.users, '/', c.capacity, c.impClusterCount, d.messageServiceStatus.userTotals.usersFromConnectedImpClusters, d.messageServiceStatus.userTotals.usersFromAllImpClustersIcsa, Math.round(performance.now() - t2), 'ms');
    }
    for (const sort of ['name', '-lastActivity', 'status']) {
      t2 = performance.now();
      await engine.listUsers('acme', { sort, page: 1, pageSize: 50 });
      const a = performance.now() - t2; t2 = performance.now();
      const r = await engine.listUsers('acme', { sort, page: 3000, pageSize: 50 });
      const b = performance.now() - t2; t2 = performance.now();
      await engine.listUsers('acme', { sort, q: 'jane', page: 1, pageSize: 50 });
      console.log(sort, 'first', a.toFixed(1), 'page3000', b.toFixed(1), 'search', (performance.now() - t2).toFixed(1), r.total);
    }
    const byStatus = await store.countUsersByStatus('acme');
    const errs: Record<string, number> = {};
    let cursor: string | undefined;
    for (;;) {
      const r = await engine.listUsers('acme', { status: 'Error', sort: 'name', page: 1, pageSize: 100, ...(cursor ? { cursor } : {}) });
      for (const u of r.items) errs[u.errorCode!] = (errs[u.errorCode!] ?? 0) + 1;
      if (!r.nextCursor) break;
      cursor = r.nextCursor;
    }
    console.log(byStatus, errs);
  }
});
