import { beforeEach, describe, expect, it } from 'vitest';
import type { AlarmRecord } from '../model/alarm.ts';
import type { Store } from '../store/store.ts';
import { NOW, ORG_A, ORG_B, seedStoreFixture } from './store-fixture.ts';

const HOUR = 3_600_000;

function alarm(id: string, fields: Partial<AlarmRecord>): AlarmRecord {
  return {
    id,
    orgId: ORG_A,
    key: `NODE_NOT_RESPONDING:${id}`,
    code: 'NODE_NOT_RESPONDING',
    severity: 'error',
    title: `Alarm ${id}`,
    detail: 'What happened, and what to do.',
    clusterId: 'a-exp-1',
    clusterName: 'Expressway One',
    nodes: [{ id: 'a-n1', name: 'exp-b.a.example' }],
    firstSeen: NOW - HOUR,
    lastSeen: NOW,
    resolvedAt: null,
    ...fields,
  };
}

// In the list's order: most severe, then newest first, then by id.
const critical = alarm('al-4', {
  code: 'IMP_NODE_OUTAGE',
  severity: 'critical',
  clusterId: 'a-exp-2',
  clusterName: 'Expressway Two',
  nodes: [],
  firstSeen: NOW - 3 * HOUR,
});
const newerError = alarm('al-3', { firstSeen: NOW - HOUR });
const errorA = alarm('al-1', { firstSeen: NOW - 2 * HOUR });
const errorB = alarm('al-2', {
  firstSeen: NOW - 2 * HOUR,
  // Names as the console shows them, non-ASCII included, in their order.
  nodes: [
    { id: 'a-n2', name: 'exp-a.a.example' },
    { id: 'a-imp-1-sub', name: 'sub.imp1.a.example — Zürich' },
  ],
});
const warning = alarm('al-0', {
  code: 'CLOUD_CONNECTIVITY_DEGRADED',
  severity: 'warning',
  firstSeen: NOW,
});
const resolved = alarm('al-5', { firstSeen: NOW - 5 * HOUR, resolvedAt: NOW - 4 * HOUR });
const otherOrg = alarm('al-b', { orgId: ORG_B, clusterId: 'b-exp-1', clusterName: 'B' });

const OPEN_IN_ORDER = [critical, newerError, errorA, errorB, warning];

/** Alarms: open and resolved, listed most severe then newest first, per organization. */
export function describeAlarmsContract(makeStore: () => Promise<Store>): void {
  describe('alarms', () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
      await seedStoreFixture(store);
      await store.insertAlarms([warning, resolved, errorB, critical, errorA]);
      await store.insertAlarms([newerError, otherOrg]);
      return () => store.close();
    });

    it('lists the open alarms of an organization, most severe, then newest first', async () => {
      expect(await store.listOpenAlarms(ORG_A)).toEqual(OPEN_IN_ORDER);
      expect(await store.listOpenAlarms(ORG_B)).toEqual([otherOrg]);
      expect(await store.listOpenAlarms('no-such-org')).toEqual([]);
    });

    it('pages the open or the resolved ones, with the total', async () => {
      const open = { state: 'open' as const };
      expect(await store.listAlarms(ORG_A, open, { page: 1, pageSize: 2 })).toEqual({
        items: OPEN_IN_ORDER.slice(0, 2),
        total: 5,
      });
      expect(await store.listAlarms(ORG_A, open, { page: 3, pageSize: 2 })).toEqual({
        items: OPEN_IN_ORDER.slice(4),
        total: 5,
      });
      expect(await store.listAlarms(ORG_A, open, { page: 4, pageSize: 2 })).toEqual({
        items: [],
        total: 5,
      });
      expect(
        await store.listAlarms(ORG_A, { state: 'resolved' }, { page: 1, pageSize: 10 }),
      ).toEqual({ items: [resolved], total: 1 });
    });

    it('filters by Expressway cluster', async () => {
      const page = { page: 1, pageSize: 10 };
      expect(await store.listAlarms(ORG_A, { state: 'open', clusterId: 'a-exp-1' }, page)).toEqual({
        items: [newerError, errorA, errorB, warning],
        total: 4,
      });
      expect(
        await store.listAlarms(ORG_A, { state: 'resolved', clusterId: 'a-exp-2' }, page),
      ).toEqual({ items: [], total: 0 });
      // Another organization's cluster finds nothing of this one.
      expect(await store.listAlarms(ORG_A, { state: 'open', clusterId: 'b-exp-1' }, page)).toEqual({
        items: [],
        total: 0,
      });
    });

    it('counts the open alarms per cluster', async () => {
      expect(await store.countOpenAlarmsByCluster(ORG_A)).toEqual(
        new Map([
          ['a-exp-1', 4],
          ['a-exp-2', 1],
        ]),
      );
      expect(await store.countOpenAlarmsByCluster(ORG_B)).toEqual(new Map([['b-exp-1', 1]]));
    });

    it('rewrites alarms: seen again, reworded, resolved', async () => {
      const seen = { ...warning, lastSeen: NOW + HOUR, title: 'Reworded', nodes: [] };
      const done = { ...errorA, lastSeen: NOW + HOUR, resolvedAt: NOW + HOUR };
      await store.updateAlarms([seen, done]);
      expect(await store.listOpenAlarms(ORG_A)).toEqual([critical, newerError, errorB, seen]);
      expect(
        await store.listAlarms(ORG_A, { state: 'resolved' }, { page: 1, pageSize: 10 }),
      ).toEqual({ items: [done, resolved], total: 2 });
      expect((await store.countOpenAlarmsByCluster(ORG_A)).get('a-exp-1')).toBe(3);
      // Scoped by organization: another one cannot rewrite this one's alarm.
      await store.updateAlarms([{ ...critical, orgId: ORG_B, resolvedAt: NOW }]);
      expect((await store.listOpenAlarms(ORG_A))[0]).toEqual(critical);
      await store.updateAlarms([]);
    });

    it('rolls alarms back with their transaction', async () => {
      await expect(
        store.transaction(ORG_A, async (tx) => {
          await tx.insertAlarms([alarm('al-9', {})]);
          await tx.updateAlarms([{ ...critical, resolvedAt: NOW }]);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await store.listOpenAlarms(ORG_A)).toEqual(OPEN_IN_ORDER);
    });
  });
}
