import { beforeEach, describe, expect, it } from 'vitest';
import type { CloudUser } from '../model/user.ts';
import type { Store } from '../store/store.ts';
import {
  deploymentA,
  directoryA,
  historyA,
  makeUser,
  NOW,
  ORG_A,
  ORG_B,
  seedStoreFixture,
  usersA,
  usersB,
} from './store-fixture.ts';

const HOUR = 3_600_000;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Everything but the users list: deployment, directory, counts, history, writes, transactions. */
export function describeStoreRestContract(makeStore: () => Promise<Store>): void {
  let store: Store;
  beforeEach(async () => {
    store = await makeStore();
    await seedStoreFixture(store);
    return () => store.close();
  });

  describe('deployment', () => {
    it('lists organizations by id and finds one', async () => {
      expect(await store.listOrganizations()).toEqual([
        { id: ORG_A, name: 'Org A' },
        { id: ORG_B, name: 'Org B' },
      ]);
      expect(await store.getOrganization(ORG_B)).toEqual({ id: ORG_B, name: 'Org B' });
      expect(await store.getOrganization('nope')).toBeUndefined();
    });

    it('lists clusters by name, nodes by hostname, scoped by organization', async () => {
      expect((await store.listExpresswayClusters(ORG_A)).map((c) => c.id)).toEqual([
        'a-exp-1',
        'a-exp-2',
      ]);
      expect(await store.getExpresswayCluster(ORG_A, 'a-exp-2')).toEqual(
        deploymentA.expresswayClusters[0],
      );
      expect(await store.getExpresswayCluster(ORG_B, 'a-exp-1')).toBeUndefined();
      expect((await store.listNodes(ORG_A)).map((n) => n.id)).toEqual(['a-n2', 'a-n1', 'a-n3']);
      expect((await store.listNodes(ORG_A, 'a-exp-1')).map((n) => n.id)).toEqual(['a-n2', 'a-n1']);
      expect(await store.listNodes(ORG_B, 'a-exp-1')).toEqual([]);
    });

    it('lists IM&P clusters, nodes and groups, all or of some clusters', async () => {
      expect((await store.listImpClusters(ORG_A)).map((c) => c.id)).toEqual(['a-imp-1', 'a-imp-2']);
      expect((await store.listImpClusters(ORG_A, 'a-exp-1')).map((c) => c.id)).toEqual(['a-imp-1']);
      expect((await store.listImpClusters(ORG_A, 'a-exp-2')).map((c) => c.id)).toEqual([]);
      const impCluster = (await store.listImpClusters(ORG_A))[0]!;
      expect(impCluster).toEqual(deploymentA.impClusters[0]);
      expect((await store.listImpNodes(ORG_A)).map((n) => n.id)).toEqual([
        'a-imp-1-pub',
        'a-imp-2-pub',
        'a-imp-1-sub',
      ]);
      expect((await store.listImpNodes(ORG_A, ['a-imp-1'])).map((n) => n.id)).toEqual([
        'a-imp-1-pub',
        'a-imp-1-sub',
      ]);
      expect(await store.listImpNodes(ORG_B, ['a-imp-1'])).toEqual([]);
      expect(await store.listPresenceRedundancyGroups(ORG_A, ['a-imp-1'])).toEqual(
        deploymentA.presenceRedundancyGroups,
      );
      expect(await store.listPresenceRedundancyGroups(ORG_A, ['a-imp-2'])).toEqual([]);
      expect((await store.listPresenceRedundancyGroups(ORG_B)).length).toBe(0);
    });

    it('updates a node only at the expected revision', async () => {
      const [node] = await store.listNodes(ORG_A, 'a-exp-2');
      const changed = {
        ...node!,
        maintenance: 'In maintenance mode' as const,
        revision: node!.revision + 1,
      };
      expect(await store.updateNode(changed, node!.revision + 5)).toBe(false);
      expect(await store.updateNode(changed, node!.revision)).toBe(true);
      expect(await store.updateNode({ ...changed, revision: 9 }, node!.revision)).toBe(false);
      expect((await store.listNodes(ORG_A, 'a-exp-2'))[0]).toEqual(changed);
      expect(await store.updateNode({ ...changed, orgId: ORG_B }, changed.revision)).toBe(false);
    });
  });

  describe('directory', () => {
    it('finds entries by mailid case-insensitively and by userid exactly, in one organization', async () => {
      const byMail = await store.findDirectoryEntriesByMailid(ORG_A, 'JANE.DOE@a.example');
      expect(byMail.map((e) => e.id).sort()).toEqual(['d1', 'd2']);
      expect(byMail.find((e) => e.id === 'd1')).toEqual(directoryA[0]);
      expect(
        (await store.findDirectoryEntriesByUserid(ORG_A, 'bob.jones')).map((e) => e.id),
      ).toEqual(['d3']);
      expect(await store.findDirectoryEntriesByUserid(ORG_A, 'Bob.Jones')).toEqual([]);
      expect(
        (await store.findDirectoryEntriesByMailid(ORG_B, 'jane.doe@a.example')).map((e) => e.id),
      ).toEqual(['d-b1']);
    });

    it('counts entries homed on IM&P clusters', async () => {
      expect(await store.countDirectoryEntries(ORG_A, ['a-imp-1'])).toBe(3);
      expect(await store.countDirectoryEntries(ORG_A, ['a-imp-1', 'a-imp-2'])).toBe(4);
      expect(await store.countDirectoryEntries(ORG_A, [])).toBe(0);
      expect(await store.countDirectoryEntries(ORG_A, ['b-imp-1'])).toBe(0);
    });

    it('finds a JID account in its organization only', async () => {
      expect(await store.findJidAccount(ORG_A, 'jane.doe@im.example')).toEqual({
        orgId: ORG_A,
        jid: 'jane.doe@im.example',
        createdAt: NOW - HOUR,
      });
      expect(await store.findJidAccount(ORG_B, 'jane.doe@im.example')).toBeUndefined();
    });
  });

  describe('counts', () => {
    it('counts users by status and by node', async () => {
      const byStatus = await store.countUsersByStatus(ORG_A);
      for (const status of ['Not activated', 'Pending', 'Active', 'Error'] as const) {
        expect(byStatus[status]).toBe(usersA.filter((u) => u.status === status).length);
      }
      const byNode = await store.countUsersByNode(ORG_A);
      for (const node of ['a-n1', 'a-n2', 'a-n3', 'b-n1']) {
        expect(byNode.get(node) ?? 0).toBe(usersA.filter((u) => u.nodeId === node).length);
      }
      expect((await store.countUsersByStatus('nope')).Active).toBe(0);
    });

    it('counts assigned users of a cluster by home node, active at or after the given time', async () => {
      const since = NOW - 20 * HOUR;
      const counts = await store.countAssignedUsersByHomeNode(ORG_A, 'a-exp-1', since);
      for (const home of ['a-imp-1-pub', 'a-imp-1-sub']) {
        const users = usersA.filter((u) => u.clusterId === 'a-exp-1' && u.homeImpNodeId === home);
        expect(counts.get(home)).toEqual({
          enabled: users.length,
          active: users.filter((u) => u.lastActivityAt !== null && u.lastActivityAt >= since)
            .length,
        });
      }
      expect([...counts.keys()].sort()).toEqual(['a-imp-1-pub', 'a-imp-1-sub']);
      expect((await store.countAssignedUsersByHomeNode(ORG_B, 'a-exp-1', since)).size).toBe(0);
    });

    it("lists one organization's due users, oldest first, up to the limit", async () => {
      const dueOf = (users: readonly CloudUser[], at: number) =>
        users
          .filter((u) => u.dueAt !== null && u.dueAt <= at)
          .sort((a, b) => a.dueAt! - b.dueAt! || (a.id < b.id ? -1 : 1))
          .map((u) => u.id);
      const listed = async (orgId: string, at: number, limit = 100) =>
        (await store.listDueUsers(orgId, at, limit)).map((u) => u.id);
      expect(dueOf(usersA, NOW).length).toBeGreaterThan(1);
      expect(await listed(ORG_A, NOW)).toEqual(dueOf(usersA, NOW));
      expect(await listed(ORG_B, NOW)).toEqual(dueOf(usersB, NOW));
      expect(await listed(ORG_B, NOW)).toHaveLength(1);
      expect(await listed(ORG_A, NOW, 1)).toEqual(dueOf(usersA, NOW).slice(0, 1));
      // Each organization is read at its own time: a time that makes one organization's users
      // due makes no other organization's due.
      expect(await listed(ORG_B, NOW - 10 * HOUR)).toEqual([]);
      expect(await listed(ORG_A, NOW + 10 * HOUR)).toEqual(dueOf(usersA, NOW + 10 * HOUR));
      expect(await listed('no-such-org', NOW + 10 * HOUR)).toEqual([]);
    });
  });

  describe('history', () => {
    it('reads newest first (same instant: last appended first), paged, with the total', async () => {
      const first = await store.listHistory(ORG_A, 'u05', { page: 1, pageSize: 3 });
      expect(first.total).toBe(5);
      expect(first.items.map((h) => h.id)).toEqual(['h5', 'h4', 'h3']);
      expect(first.items[0]).toEqual(historyA[4]);
      const second = await store.listHistory(ORG_A, 'u05', { page: 2, pageSize: 3 });
      expect(second.items.map((h) => h.id)).toEqual(['h2', 'h1']);
      expect(await store.listHistory(ORG_B, 'u05', { page: 1, pageSize: 3 })).toEqual({
        items: [],
        total: 0,
      });
      expect((await store.listHistory(ORG_B, 'b-u1', { page: 1, pageSize: 3 })).total).toBe(1);
    });
  });

  describe('writes', () => {
    const searchByName = (q: string) =>
      store.listUsers(ORG_A, {
        q,
        page: 1,
        pageSize: 5,
        sort: { field: 'name', direction: 'asc' },
      });

    it('updates a user only at the expected version', async () => {
      const user = (await store.getUser(ORG_A, 'u01'))!;
      const { clusterName: _c, nodeHostname: _n, ...stored } = user;
      const changed = {
        ...stored,
        status: 'Pending' as const,
        messageServiceEnabled: true,
        version: stored.version + 1,
      };
      expect(await store.updateUser(changed, stored.version)).toBe(true);
      expect(await store.updateUser({ ...changed, version: 99 }, stored.version)).toBe(false);
      expect(await store.getUser(ORG_A, 'u01')).toMatchObject({
        status: 'Pending',
        version: stored.version + 1,
      });
      expect((await store.countUsersByStatus(ORG_A)).Pending).toBe(
        usersA.filter((u) => u.status === 'Pending').length + 1,
      );
      expect(
        await store.updateUser({ ...changed, orgId: ORG_B, version: 3 }, changed.version),
      ).toBe(false);
      expect(
        await store.updateUser({ ...changed, id: 'nobody', version: 3 }, changed.version),
      ).toBe(false);
    });

    it('updates many users, each only at its expected version, in order', async () => {
      const read = async (orgId: string, id: string) => (await store.getUsers(orgId, [id]))[0]!;
      const [u01, u12, u10, bUser] = [
        await read(ORG_A, 'u01'),
        await read(ORG_A, 'u12'),
        await read(ORG_A, 'u10'),
        await read(ORG_B, 'b-u1'),
      ];
      const bump = (user: CloudUser, fields: Partial<CloudUser>): CloudUser => ({
        ...user,
        ...fields,
        updatedAt: NOW,
        version: user.version + 1,
      });
      // Switched on: Pending and due.
      const pending = bump(u01, {
        messageServiceEnabled: true,
        status: 'Pending',
        dueAt: NOW + 3000,
      });
      // Then activated by a second change of the same call, against the version the first wrote.
      const active = bump(pending, {
        status: 'Active',
        dueAt: null,
        clusterId: 'a-exp-2',
        nodeId: 'a-n3',
        homeImpNodeId: 'a-imp-1-pub',
      });
      const renamed = bump(u12, { displayName: 'Aaron Aardvark', email: 'aaron@a.example' });
      const stale = bump({ ...u10, version: u10.version + 5 }, { status: 'Active' });
      const nobody = bump({ ...u10, id: 'nobody' }, { status: 'Active' });
      const otherOrg = bump(bUser, { status: 'Error', errorCode: 'NO_MAIL_ID', errorMessage: 'x' });
      const changes = [
        { before: u01, after: pending },
        { before: u12, after: renamed },
        { before: { ...u10, version: u10.version + 5 }, after: stale },
        { before: pending, after: active },
        { before: { ...u10, id: 'nobody' }, after: nobody },
        { before: bUser, after: otherOrg },
      ];
      expect(await store.updateUsers(changes)).toEqual([true, true, false, true, false, true]);

      expect(await read(ORG_A, 'u01')).toEqual(active);
      expect(await read(ORG_A, 'u12')).toEqual(renamed);
      expect(await read(ORG_A, 'u10')).toEqual(u10);
      expect(await read(ORG_B, 'b-u1')).toEqual(otherOrg);
      // What the store derives from users follows: counts, node loads, due work, search.
      const counts = await store.countUsersByStatus(ORG_A);
      const before = (status: string) => usersA.filter((u) => u.status === status).length;
      expect(counts['Not activated']).toBe(before('Not activated') - 1);
      expect(counts.Active).toBe(before('Active') + 1);
      expect(counts.Error).toBe(before('Error'));
      expect((await store.listUsersOnNode(ORG_A, 'a-n3', 100)).map((u) => u.id)).toContain('u01');
      expect((await store.listDueUsers(ORG_A, NOW + HOUR, 100)).map((u) => u.id)).not.toContain(
        'u01',
      );
      expect((await searchByName('aardvark')).items.map((u) => u.id)).toEqual(['u12']);
      expect(await store.updateUsers([])).toEqual([]);
    });

    it('writes every field a batch update changes, or none when the transaction rolls back', async () => {
      const [u02] = await store.getUsers(ORG_A, ['u02']);
      const changed: CloudUser = {
        ...u02!,
        email: 'jane.a@a.example',
        entitledHybridMessage: false,
        entitledMessageFree: false,
        messageServiceEnabled: false,
        status: 'Error',
        errorCode: 'NOT_ENTITLED',
        errorMessage: 'Not entitled',
        clusterId: null,
        nodeId: null,
        homeImpNodeId: null,
        lastActivityAt: null,
        dueAt: NOW + 1,
        updatedAt: NOW + 2,
        version: u02!.version + 1,
      };
      await expect(
        store.transaction(ORG_A, async (tx) => {
          expect(await tx.updateUsers([{ before: u02!, after: changed }])).toEqual([true]);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await store.getUsers(ORG_A, ['u02'])).toEqual([u02]);
      expect(await store.updateUsers([{ before: u02!, after: changed }])).toEqual([true]);
      expect(await store.getUsers(ORG_A, ['u02'])).toEqual([changed]);
    });

    it('sees a renamed user under its new name in search and sort', async () => {
      const { clusterName: _c, nodeHostname: _n, ...bob } = (await store.getUser(ORG_A, 'u12'))!;
      await store.updateUser(
        { ...bob, displayName: 'Aaron Aardvark', version: bob.version + 1 },
        bob.version,
      );
      const page = await searchByName('aardvark');
      expect(page.items.map((u) => u.id)).toEqual(['u12']);
      const first = await store.listUsers(ORG_A, {
        page: 1,
        pageSize: 1,
        sort: { field: 'name', direction: 'asc' },
      });
      expect(first.items[0]!.id).toBe('u12');
      // The old name's words are gone; the email's are still there.
      expect((await searchByName('aardvark bob')).total).toBe(1);
      expect((await searchByName('bobby')).items.map((u) => u.id)).toEqual(['u01']);
    });
  });

  describe('transaction', () => {
    it('tells a transaction when a transaction of its organization waits for it to end', async () => {
      const seen: boolean[] = [];
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const first = store.transaction(ORG_A, async (tx) => {
        seen.push(await tx.shouldYield());
        await gate;
        seen.push(await tx.shouldYield());
      });
      await delay(10);
      const second = store.transaction(ORG_A, async (tx) => tx.shouldYield());
      release();
      await first;
      // The second ran after the first, with nothing behind it.
      expect(await second).toBe(false);
      expect(seen).toEqual([false, true]);
      expect(await store.shouldYield()).toBe(false);
    });

    it('commits all writes of the work and returns its result', async () => {
      const result = await store.transaction(ORG_A, async (tx) => {
        await tx.insertUsers([
          makeUser(ORG_A, ['n1', 'New User', 'new.user@a.example', 'Pending', null]),
        ]);
        return 'done';
      });
      expect(result).toBe('done');
      expect(await store.getUser(ORG_A, 'n1')).toBeDefined();
    });

    it('rolls every write back when the work throws', async () => {
      const before = (await store.getUser(ORG_A, 'u01'))!;
      const { clusterName: _c, nodeHostname: _n, ...stored } = before;
      const failing = store.transaction(ORG_A, async (tx) => {
        await tx.insertUsers([
          makeUser(ORG_A, ['n1', 'New User', 'new.user@a.example', 'Pending', null]),
        ]);
        expect(
          await tx.updateUser(
            { ...stored, status: 'Pending', version: stored.version + 1 },
            stored.version,
          ),
        ).toBe(true);
        await tx.appendHistory([{ ...historyA[0]!, id: 'h-new', userId: 'u01' }]);
        await tx.insertDirectoryEntries([
          { ...directoryA[0]!, id: 'd-new', impClusterId: 'a-imp-2' },
        ]);
        await tx.insertJidAccounts([{ orgId: ORG_A, jid: 'new@im.example', createdAt: NOW }]);
        expect(await tx.getUser(ORG_A, 'n1')).toBeDefined();
        throw new Error('boom');
      });
      await expect(failing).rejects.toThrow('boom');
      expect(await store.getUser(ORG_A, 'n1')).toBeUndefined();
      expect(await store.getUser(ORG_A, 'u01')).toEqual(before);
      expect((await store.listHistory(ORG_A, 'u01', { page: 1, pageSize: 5 })).total).toBe(0);
      expect(await store.countDirectoryEntries(ORG_A, ['a-imp-2'])).toBe(1);
      expect(await store.findJidAccount(ORG_A, 'new@im.example')).toBeUndefined();
      expect((await store.countUsersByStatus(ORG_A)).Pending).toBe(
        usersA.filter((u) => u.status === 'Pending').length,
      );
      const page = await store.listUsers(ORG_A, {
        q: 'new',
        page: 1,
        pageSize: 5,
        sort: { field: 'name', direction: 'asc' },
      });
      expect(page.total).toBe(0);
    });

    it('never shows an open transaction to other calls, and runs transactions one at a time', async () => {
      const events: string[] = [];
      const work = store.transaction(ORG_A, async (tx) => {
        await tx.insertUsers([
          makeUser(ORG_A, ['n1', 'New User', 'new.user@a.example', 'Pending', null]),
        ]);
        await delay(30);
        events.push('tx done');
      });
      await delay(5);
      // A read meanwhile either waits for the commit or sees the state before the transaction
      // (SQLite's read connection, PostgreSQL): never the uncommitted insert.
      const read = store.getUser(ORG_A, 'n1').then((user) => {
        events.push(user ? 'read after' : 'read before');
        return user;
      });
      const second = store.transaction(ORG_A, async () => {
        events.push('second tx');
      });
      await Promise.all([work, second, read]);
      const seen = events.find((e) => e.startsWith('read'));
      if (seen === 'read after')
        expect(events.indexOf('tx done')).toBeLessThan(events.indexOf(seen));
      else expect(events.indexOf('read before')).toBeLessThan(events.indexOf('tx done'));
      expect(events.indexOf('tx done')).toBeLessThan(events.indexOf('second tx'));
      expect(await store.getUser(ORG_A, 'n1')).toBeDefined();
    });
  });
}
