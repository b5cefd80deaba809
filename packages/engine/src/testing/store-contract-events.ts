import type { HubEvent } from '@hybrid-hub/contract';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../model/job.ts';
import type { Store } from '../store/store.ts';
import { NOW, ORG_A, ORG_B, seedStoreFixture } from './store-fixture.ts';

const changed = (id: string, version = 1): HubEvent => ({
  type: 'users.changed',
  users: [{ id, status: 'Active', version }],
});

const progress: HubEvent = {
  type: 'job.progress',
  job: {
    id: 'j1',
    action: 'activate',
    state: 'applying',
    actor: 'admin@a.example',
    createdAt: new Date(NOW).toISOString(),
    finishedAt: null,
    total: 2,
    processed: 1,
    settled: 0,
    succeeded: 0,
    failed: 0,
    unchanged: 0,
    summary: '1 of 2 applied',
  },
};

const seqs = (events: StoredEvent[]) => events.map((e) => e.seq);

/** The event outbox: numbering across organizations, reading since a seq, pruning, rollback. */
export function describeEventsContract(makeStore: () => Promise<Store>): void {
  describe('events', () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
      await seedStoreFixture(store);
      return () => store.close();
    });

    it('stores events with their organization, time and payload, oldest first', async () => {
      expect(await store.lastEventSeq(ORG_A)).toBe(0);
      await store.appendEvents(ORG_A, NOW, [changed('u05'), progress]);
      const events = await store.listEventsSince(ORG_A, 0, 10);
      expect(events.map(({ seq: _seq, ...rest }) => rest)).toEqual([
        { orgId: ORG_A, at: NOW, event: changed('u05') },
        { orgId: ORG_A, at: NOW, event: progress },
      ]);
      expect(events[1]!.seq).toBeGreaterThan(events[0]!.seq);
      expect(events[0]!.seq).toBeGreaterThan(0);
      expect(await store.lastEventSeq(ORG_A)).toBe(events[1]!.seq);
    });

    it('numbers events strictly increasing across organizations, each reading its own', async () => {
      await store.appendEvents(ORG_A, NOW, [changed('u05'), changed('u01')]);
      await store.appendEvents(ORG_B, NOW + 1, [changed('b-u1')]);
      await store.appendEvents(ORG_A, NOW + 2, [changed('u12')]);
      const a = await store.listEventsSince(ORG_A, 0, 10);
      const b = await store.listEventsSince(ORG_B, 0, 10);
      expect(a.map((e) => e.event)).toEqual([changed('u05'), changed('u01'), changed('u12')]);
      expect(b.map((e) => e.event)).toEqual([changed('b-u1')]);
      const all = [...seqs(a), ...seqs(b)].sort((x, y) => x - y);
      expect(new Set(all).size).toBe(4);
      expect(b[0]!.seq).toBeGreaterThan(a[1]!.seq);
      expect(a[2]!.seq).toBeGreaterThan(b[0]!.seq);
      expect(await store.lastEventSeq(ORG_A)).toBe(a[2]!.seq);
      expect(await store.lastEventSeq(ORG_B)).toBe(b[0]!.seq);
      expect(await store.lastEventSeq('nope')).toBe(0);
      expect(await store.listEventsSince('nope', 0, 10)).toEqual([]);
    });

    it('reads only events after the given seq, at most `limit`', async () => {
      await store.appendEvents(
        ORG_A,
        NOW,
        [1, 2, 3, 4, 5].map((v) => changed('u05', v)),
      );
      const all = await store.listEventsSince(ORG_A, 0, 100);
      expect(all.length).toBe(5);
      expect(await store.listEventsSince(ORG_A, all[1]!.seq, 2)).toEqual(all.slice(2, 4));
      expect(await store.listEventsSince(ORG_A, all[4]!.seq, 10)).toEqual([]);
      expect(await store.listEventsSince(ORG_A, 0, 0)).toEqual([]);
    });

    it('refuses events of an organization that does not exist', async () => {
      await expect(store.appendEvents('nope', NOW, [changed('u05')])).rejects.toThrow();
      expect(await store.listEventsSince('nope', 0, 10)).toEqual([]);
    });

    it('appends nothing for an empty list', async () => {
      await store.appendEvents(ORG_A, NOW, []);
      expect(await store.lastEventSeq(ORG_A)).toBe(0);
    });

    it('prunes events older than the given time, and never hands their seq out again', async () => {
      await store.appendEvents(ORG_A, NOW - 2000, [changed('u05'), changed('u01')]);
      await store.appendEvents(ORG_B, NOW - 1500, [changed('b-u1')]);
      await store.appendEvents(ORG_A, NOW - 1000, [changed('u12')]);
      const last = await store.lastEventSeq(ORG_A);
      expect(await store.pruneEvents(NOW - 1000)).toBe(3);
      expect((await store.listEventsSince(ORG_A, 0, 10)).map((e) => e.event)).toEqual([
        changed('u12'),
      ]);
      expect(await store.listEventsSince(ORG_B, 0, 10)).toEqual([]);
      expect(await store.pruneEvents(NOW - 1000)).toBe(0);
      expect(await store.pruneEvents(NOW)).toBe(1);
      await store.appendEvents(ORG_A, NOW, [changed('u07')]);
      const [fresh] = await store.listEventsSince(ORG_A, 0, 10);
      expect(fresh!.seq).toBeGreaterThan(last);
    });

    it('rolls appended and pruned events back with the transaction', async () => {
      await store.appendEvents(ORG_A, NOW - 5000, [changed('u05')]);
      const before = await store.listEventsSince(ORG_A, 0, 10);
      const failing = store.transaction(ORG_A, async (tx) => {
        await tx.appendEvents(ORG_A, NOW, [changed('u01'), changed('u12')]);
        expect(await tx.pruneEvents(NOW - 1000)).toBe(1);
        expect((await tx.listEventsSince(ORG_A, 0, 10)).length).toBe(2);
        throw new Error('boom');
      });
      await expect(failing).rejects.toThrow('boom');
      expect(await store.listEventsSince(ORG_A, 0, 10)).toEqual(before);
      expect(await store.lastEventSeq(ORG_A)).toBe(before[0]!.seq);
    });

    it('hands out copies: changing a read event changes nothing stored', async () => {
      const event = changed('u05');
      await store.appendEvents(ORG_A, NOW, [event]);
      if (event.type === 'users.changed') event.users[0]!.version = 99;
      const [read] = await store.listEventsSince(ORG_A, 0, 10);
      expect(read!.event).toEqual(changed('u05'));
      if (read!.event.type === 'users.changed') read!.event.users.push(read!.event.users[0]!);
      expect((await store.listEventsSince(ORG_A, 0, 10))[0]!.event).toEqual(changed('u05'));
    });
  });
}
