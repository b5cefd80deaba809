import { beforeEach, describe, expect, it } from 'vitest';
import type { ImpNode } from '../model/deployment.ts';
import type { SessionFilter, Store } from '../store/store.ts';
import { deploymentA, NOW, ORG_A, ORG_B, seedStoreFixture, usersA } from './store-fixture.ts';

const ids = (users: readonly { id: string }[]) => users.map((u) => u.id).sort();

/** The fixture's sessions on an IM&P node of an Expressway cluster (no directory condition). */
const sessionsOf = (clusterId: string, impNodeId: string) =>
  usersA.filter(
    (u) => u.nodeId !== null && u.clusterId === clusterId && u.homeImpNodeId === impNodeId,
  );

const impNodeOf = async (store: Store, orgId: string, id: string) =>
  (await store.listImpNodes(orgId)).find((n) => n.id === id);

/**
 * What IM&P failover, the Message Connector's rediscovery and the Lab need from a store: the
 * sessions on an IM&P node, IM&P node and group writes, the simulation clock's offset.
 */
export function describeSimulationContract(makeStore: () => Promise<Store>): void {
  describe('sessions, IM&P writes and the simulation clock', () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
      await seedStoreFixture(store);
      return () => store.close();
    });

    it('lists and counts the sessions an IM&P node serves on one Expressway cluster', async () => {
      const filter: SessionFilter = { clusterId: 'a-exp-1', impNodeId: 'a-imp-1-pub' };
      const expected = sessionsOf('a-exp-1', 'a-imp-1-pub');
      expect(expected.length).toBeGreaterThan(3);
      expect(await store.countSessions(ORG_A, filter)).toBe(expected.length);
      const all = await store.listSessions(ORG_A, filter, 100);
      expect(ids(all)).toEqual(ids(expected));
      // Whole users, as stored.
      for (const user of all) expect(user).toEqual(expected.find((u) => u.id === user.id));
      const some = await store.listSessions(ORG_A, filter, 3);
      expect(some).toHaveLength(3);
      expect(ids(expected)).toEqual(expect.arrayContaining(ids(some)));
      expect(await store.listSessions(ORG_A, filter, 0)).toEqual([]);

      // Another Expressway cluster, another node, another organization.
      const edge = { clusterId: 'a-exp-2', impNodeId: 'a-imp-1-sub' };
      expect(ids(await store.listSessions(ORG_A, edge, 100))).toEqual(
        ids(sessionsOf('a-exp-2', 'a-imp-1-sub')),
      );
      expect(await store.countSessions(ORG_B, filter)).toBe(0);
      expect(await store.listSessions(ORG_B, filter, 100)).toEqual([]);
    });

    it('leaves out users who are not assigned, and follows a session that moves', async () => {
      const filter = { clusterId: 'a-exp-1', impNodeId: 'a-imp-1-pub' };
      const [user] = await store.listSessions(ORG_A, filter, 1);
      const before = await store.countSessions(ORG_A, filter);
      const moved = { ...user!, homeImpNodeId: 'a-imp-1-sub', version: user!.version + 1 };
      expect(await store.updateUser(moved, user!.version)).toBe(true);
      expect(await store.countSessions(ORG_A, filter)).toBe(before - 1);
      const sub = { clusterId: 'a-exp-1', impNodeId: 'a-imp-1-sub' };
      expect(ids(await store.listSessions(ORG_A, sub, 100))).toContain(user!.id);
      // Unassigned (an error), the user keeps a home node but has no session.
      const unassigned = {
        ...moved,
        status: 'Error' as const,
        clusterId: null,
        nodeId: null,
        version: moved.version + 1,
      };
      expect(await store.updateUser(unassigned, moved.version)).toBe(true);
      expect(ids(await store.listSessions(ORG_A, sub, 100))).not.toContain(user!.id);
    });

    it('narrows to users homed on a node in the directory, by mailid in any case, in one organization', async () => {
      const onPub = { clusterId: 'a-exp-1', impNodeId: 'a-imp-1-pub' };
      // Jane Doe (u05): "Jane.Doe@A.example" homed on a-imp-1-pub, and an entry on IM&P Two.
      expect(
        ids(
          await store.listSessions(ORG_A, { ...onPub, directoryHomeImpNodeId: 'a-imp-1-pub' }, 100),
        ),
      ).toEqual(['u05']);
      expect(
        await store.countSessions(ORG_A, { ...onPub, directoryHomeImpNodeId: 'a-imp-2-pub' }),
      ).toBe(1);
      // Dan Brown (u09) is homed on the subscriber; u07 there has no directory entry.
      const onSub = { clusterId: 'a-exp-1', impNodeId: 'a-imp-1-sub' };
      expect(
        ids(
          await store.listSessions(ORG_A, { ...onSub, directoryHomeImpNodeId: 'a-imp-1-sub' }, 100),
        ),
      ).toEqual(['u09']);
      // Org B's directory has Jane's mailid too: it does not count for org A.
      expect(
        await store.countSessions(ORG_A, { ...onPub, directoryHomeImpNodeId: 'b-imp-1-pub' }),
      ).toBe(0);
    });

    it('counts directory entries by home IM&P node, per organization', async () => {
      expect(await store.countDirectoryEntriesByHomeNode(ORG_A)).toEqual(
        new Map([
          ['a-imp-1-pub', 1],
          ['a-imp-1-sub', 2],
          ['a-imp-2-pub', 1],
        ]),
      );
      expect(await store.countDirectoryEntriesByHomeNode(ORG_B)).toEqual(
        new Map([['b-imp-1-pub', 1]]),
      );
      expect(await store.countDirectoryEntriesByHomeNode('no-such-org')).toEqual(new Map());
    });

    it('writes an IM&P node with its session move, and clears the move', async () => {
      const sub = (await impNodeOf(store, ORG_A, 'a-imp-1-sub'))!;
      const failing: ImpNode = {
        ...sub,
        status: 'Outage',
        axlServiceRunning: false,
        discovered: false,
        runningVersion: '15.0.2',
        removed: true,
        sessionMove: {
          kind: 'failover',
          toImpNodeId: 'a-imp-1-pub',
          requestedAt: NOW,
          startsAt: NOW + 15 * 60_000,
          // Fractional, as the default rate is (5,000 in 15 minutes).
          sessionsPerMinute: 5000 / 15,
          sessionsAtStart: 4321,
          sessionsMoved: 17,
        },
      };
      await store.updateImpNode(failing);
      expect(await impNodeOf(store, ORG_A, 'a-imp-1-sub')).toEqual(failing);
      const fallback: ImpNode = {
        ...failing,
        sessionMove: { ...failing.sessionMove!, kind: 'fallback', sessionsMoved: 0 },
      };
      await store.updateImpNode(fallback);
      expect(await impNodeOf(store, ORG_A, 'a-imp-1-sub')).toEqual(fallback);
      await store.updateImpNode({ ...fallback, sessionMove: null });
      expect((await impNodeOf(store, ORG_A, 'a-imp-1-sub'))!.sessionMove).toBeNull();
      // Scoped by organization: org B cannot write org A's node.
      await store.updateImpNode({ ...sub, orgId: ORG_B, status: 'Operational' });
      expect((await impNodeOf(store, ORG_A, 'a-imp-1-sub'))!.status).toBe('Outage');
    });

    it('inserts and deletes IM&P nodes, in one organization', async () => {
      const added: ImpNode = {
        ...deploymentA.impNodes[0]!,
        id: 'a-imp-1-new',
        address: 'new.imp1.a.example',
        presenceRedundancyGroupId: null,
        discovered: false,
      };
      await store.insertImpNode(added);
      expect(await impNodeOf(store, ORG_A, 'a-imp-1-new')).toEqual(added);
      expect((await store.listImpNodes(ORG_A, ['a-imp-1'])).map((n) => n.id)).toContain(
        'a-imp-1-new',
      );
      await store.deleteImpNode(ORG_B, 'a-imp-1-new');
      expect(await impNodeOf(store, ORG_A, 'a-imp-1-new')).toBeDefined();
      await store.deleteImpNode(ORG_A, 'a-imp-1-new');
      expect(await impNodeOf(store, ORG_A, 'a-imp-1-new')).toBeUndefined();
      await store.deleteImpNode(ORG_A, 'no-such-node');
      expect(await store.listImpNodes(ORG_A)).toHaveLength(deploymentA.impNodes.length);
    });

    it('writes a presence redundancy group', async () => {
      const [group] = await store.listPresenceRedundancyGroups(ORG_A);
      const changed = { ...group!, highAvailability: false, connectorRestartRequired: true };
      await store.updatePresenceRedundancyGroup(changed);
      expect(await store.listPresenceRedundancyGroups(ORG_A)).toEqual([changed]);
      await store.updatePresenceRedundancyGroup({ ...changed, connectorRestartRequired: false });
      expect((await store.listPresenceRedundancyGroups(ORG_A))[0]).toMatchObject({
        highAvailability: false,
        connectorRestartRequired: false,
      });
    });

    it("keeps each organization's simulation clock offset apart, adds to it, and rolls it back with its transaction", async () => {
      const offsets = async () => Object.fromEntries(await store.getClockOffsets());
      // No fast-forward yet: no organization has an offset (its clock is the real one).
      expect(await offsets()).toEqual({});
      expect(await store.advanceClockOffset(ORG_A, 90 * 60_000)).toBe(90 * 60_000);
      expect(await offsets()).toEqual({ [ORG_A]: 90 * 60_000 });
      expect(await store.advanceClockOffset(ORG_B, 10 * 60_000)).toBe(10 * 60_000);
      expect(await offsets()).toEqual({ [ORG_A]: 90 * 60_000, [ORG_B]: 10 * 60_000 });
      await expect(
        store.transaction(ORG_A, async (tx) => {
          expect(await tx.advanceClockOffset(ORG_A, 30 * 60_000)).toBe(120 * 60_000);
          expect((await tx.getClockOffsets()).get(ORG_A)).toBe(120 * 60_000);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await offsets()).toEqual({ [ORG_A]: 90 * 60_000, [ORG_B]: 10 * 60_000 });
      await store.transaction(ORG_A, (tx) => tx.advanceClockOffset(ORG_A, 60 * 60_000));
      expect(await offsets()).toEqual({ [ORG_A]: 150 * 60_000, [ORG_B]: 10 * 60_000 });
      // The map answered is the caller's: changing it changes nothing stored.
      (await store.getClockOffsets()).set(ORG_B, 0);
      expect((await store.getClockOffsets()).get(ORG_B)).toBe(10 * 60_000);
    });
  });
}
