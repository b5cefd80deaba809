import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.ts';
import { seedDemo } from './demo/seed-demo.ts';
import { createEngine, type Actor, type Engine } from './engine.ts';
import { MemoryStore } from './store/memory/memory-store.ts';

const NOW = Date.UTC(2026, 10, 2, 9, 0, 0);
const DAY_MINUTES = 24 * 60;
const ACME: Actor = { orgId: 'acme', actor: 'admin@acme.example' };
const GLOBEX: Actor = { orgId: 'globex', actor: 'admin@globex.example' };

async function demo(options: { dueWorkBatchSize?: number } = {}) {
  const clock = new ManualClock(NOW);
  const store = new MemoryStore();
  await seedDemo(store, { acmeUsers: 400, globexUsers: 150, clock });
  return { clock, store, engine: createEngine({ store, clock, ...options }) };
}

async function settle(engine: Engine): Promise<void> {
  for (let call = 0; call < 100; call++) if (!(await engine.runDueWork()).more) return;
  throw new Error('the due work did not settle');
}

/** Switches the Message Service on for `count` users not activated: they are Pending. */
async function switchOn(engine: Engine, by: Actor, count: number): Promise<void> {
  const { items } = await engine.listUsers(by.orgId, {
    status: 'Not activated',
    sort: 'name',
    page: 1,
    pageSize: count,
  });
  for (const user of items) await engine.setMessageService(by, user.id, true);
}

/** Everything an organization's administrator sees that its time decides. */
async function timedView(engine: Engine, orgId: string) {
  const [activity, counts, lab, clusters] = await Promise.all([
    engine.getUserActivity(orgId),
    engine.getUserStatusCounts(orgId),
    engine.getLabDeployment(orgId),
    engine.listClusters(orgId),
  ]);
  const active = await engine.listUsers(orgId, {
    status: 'Active',
    sort: '-lastActivity',
    page: 1,
    pageSize: 1,
  });
  const someone = active.items[0]!.id;
  const [user, diagnostics, cluster] = await Promise.all([
    engine.getUser(orgId, someone),
    engine.runDiagnostics(orgId, someone),
    engine.getCluster(orgId, clusters.items[0]!.id),
  ]);
  return {
    activity,
    counts,
    lab,
    cluster,
    activeWithin72Hours: user.activeWithin72Hours,
    diagnosticsRanAt: diagnostics.ranAt,
  };
}

describe("each organization's simulation clock", () => {
  it("moves with its own organization's fast-forward only: another's time, due work and activity stay", async () => {
    const { engine } = await demo();
    await settle(engine); // what the seed leaves for the first run (alarms), at the seed's time
    await switchOn(engine, ACME, 3);
    await switchOn(engine, GLOBEX, 3);
    const acmeBefore = await timedView(engine, 'acme');
    expect(acmeBefore.counts.byStatus.Pending).toBeGreaterThan(0);
    expect(acmeBefore.activity.active).toBeGreaterThan(0);
    expect(acmeBefore.activeWithin72Hours).toBe(true);
    expect((await engine.getUserStatusCounts('globex')).byStatus.Pending).toBeGreaterThan(0);

    for (let day = 0; day < 3; day++) await engine.advanceClock(GLOBEX, DAY_MINUTES);
    await settle(engine);

    // Globex is three days on: its Pending users were evaluated, nobody active within 72 hours.
    const globex = await timedView(engine, 'globex');
    expect(globex.lab.clockOffsetMinutes).toBe(3 * DAY_MINUTES);
    expect(globex.lab.now).toBe(new Date(NOW + 3 * DAY_MINUTES * 60_000).toISOString());
    expect(globex.counts.byStatus.Pending).toBe(0);
    expect(globex.activity.active).toBe(0);
    expect(globex.diagnosticsRanAt).toBe(globex.lab.now);
    // Acme is where it was: same now, no user activated early, the same activity.
    expect(await timedView(engine, 'acme')).toEqual(acmeBefore);
    expect(acmeBefore.lab).toMatchObject({
      now: new Date(NOW).toISOString(),
      clockOffsetMinutes: 0,
    });

    // Acme's own fast-forward moves Acme, and leaves Globex where it is.
    await engine.advanceClock(ACME, 1);
    await settle(engine);
    expect((await timedView(engine, 'acme')).counts.byStatus.Pending).toBe(0);
    expect((await engine.getLabDeployment('acme')).clockOffsetMinutes).toBe(1);
    expect((await engine.getLabDeployment('globex')).clockOffsetMinutes).toBe(3 * DAY_MINUTES);
  });

  it("does not hold one organization's due activations back behind another's backlog", async () => {
    // Batches of two users; Acme's six Pending users are all due before Globex's two.
    const { clock, engine } = await demo({ dueWorkBatchSize: 2 });
    clock.advance(10_000);
    await settle(engine); // the seed's Pending users
    await switchOn(engine, ACME, 6);
    clock.advance(1_000);
    await switchOn(engine, GLOBEX, 2);
    clock.advance(5_000);
    const pending = async (orgId: string) =>
      (await engine.getUserStatusCounts(orgId)).byStatus.Pending;
    expect([await pending('acme'), await pending('globex')]).toEqual([6, 2]);

    // The organizations take turns: within two calls each has had one.
    await engine.runDueWork();
    await engine.runDueWork();
    expect(await pending('globex')).toBeLessThan(2);
    expect(await pending('acme')).toBeLessThan(6);
  });
});
