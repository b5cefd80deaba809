import { LabUser } from '@hybrid-hub/contract';
import { describe, expect, it } from 'vitest';
import {
  ADMIN,
  HOMES,
  historyOf,
  IM_DOMAIN,
  makeWorld,
  ORG,
  type World,
} from '../test-support/activation-world.ts';

const lab = async (world: World, id: string) =>
  LabUser.parse(await world.engine.getLabUser(ORG, id));

/** Reactivates (or switches on) and lets activation run: the code it ends with, or Active. */
async function activate(world: World, id: string): Promise<string> {
  const user = await world.engine.getUser(ORG, id);
  if (user.messageServiceEnabled) await world.engine.reactivateUser(ADMIN, id);
  else await world.engine.setMessageService(ADMIN, id, true);
  await world.settle();
  const after = await world.engine.getUser(ORG, id);
  return after.error?.code ?? after.status;
}

describe('the Lab user', () => {
  it('shows the entries, entitlements and where the user can be homed', async () => {
    const world = await makeWorld();
    const id = await world.addUser({
      name: 'ann',
      entries: [{ home: HOMES.main }, { home: HOMES.other }],
      duplicateJid: true,
    });
    const view = await lab(world, id);
    expect(view).toMatchObject({
      userId: id,
      email: 'ann@t.example',
      entitlements: { hybridMessage: true, messageFree: true },
      duplicateJidAccount: true,
    });
    expect(
      view.directoryEntries.map((e) => [e.impClusterName, e.connected, e.homeImpNodeAddress]),
    ).toEqual([
      ['IM&P Main', true, 'imp-main-pub.t.example'],
      ['IM&P Other', false, 'imp-other-pub.t.example'],
    ]);
    expect(view.impClusters.find((c) => c.id === 'imp-main')!.nodes).toHaveLength(4);
    await expect(world.engine.getLabUser(ORG, 'nobody')).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('produces and fixes a mailid mismatch, a missing mailid and a missing entry', async () => {
    const world = await makeWorld();
    const id = await world.addUser({ name: 'ann', entries: [{ home: HOMES.main }] });
    expect(await activate(world, id)).toBe('Active');

    await world.engine.updateLabUser(ADMIN, id, { directory: { mailid: 'a.nother@t.example' } });
    // The Lab changes conditions, never the status by itself.
    expect((await world.engine.getUser(ORG, id)).status).toBe('Active');
    expect(await activate(world, id)).toBe('MAIL_ID_MISMATCH');

    await world.engine.updateLabUser(ADMIN, id, { directory: { mailid: '' } });
    expect(await activate(world, id)).toBe('NO_MAIL_ID');

    await world.engine.updateLabUser(ADMIN, id, { directory: { remove: true } });
    expect((await lab(world, id)).directoryEntries).toEqual([]);
    expect(await activate(world, id)).toBe('NOT_FOUND_ON_PREMISES');

    // Created again, homed on the IM&P node whose high-availability peer serves.
    const view = await world.engine.updateLabUser(ADMIN, id, {
      directory: { homeImpNodeId: HOMES.failover },
    });
    expect(view.directoryEntries).toEqual([
      expect.objectContaining({
        id: `lab-${id}`,
        impClusterId: 'imp-main',
        userid: 'ann',
        jid: `ann@t.example`,
        mailid: 'ann@t.example',
        homeImpNodeId: HOMES.failover,
      }),
    ]);
    expect(await activate(world, id)).toBe('Active');
  });

  it('moves the home to another cluster, with its IM&P cluster', async () => {
    const world = await makeWorld();
    const id = await world.addUser({ name: 'ann', entries: [{ home: HOMES.main }] });
    const view = await world.engine.updateLabUser(ADMIN, id, {
      directory: { homeImpNodeId: HOMES.badCert },
    });
    expect(view.directoryEntries[0]).toMatchObject({
      id: `d-ann-0`,
      impClusterId: 'imp-badcert',
      homeImpNodeId: HOMES.badCert,
    });
    expect(await activate(world, id)).toBe('CERTIFICATE_VALIDATION_FAILED');
    await world.engine.updateLabUser(ADMIN, id, { directory: { homeImpNodeId: HOMES.outage } });
    expect(await activate(world, id)).toBe('HOME_NODE_OUTAGE');
  });

  it('adds and removes a duplicate home, and a duplicate JID account', async () => {
    const world = await makeWorld();
    const id = await world.addUser({ name: 'ann', entries: [{ home: HOMES.main }] });
    const view = await world.engine.updateLabUser(ADMIN, id, {
      duplicateHomeImpNodeId: HOMES.other,
    });
    expect(view.directoryEntries.map((e) => [e.id, e.impClusterId, e.mailid])).toEqual([
      ['d-ann-0', 'imp-main', 'ann@t.example'],
      [`lab-${id}-dup`, 'imp-other', 'ann@t.example'],
    ]);
    expect(await activate(world, id)).toBe('DUPLICATE_MAIL_ID');
    await world.engine.updateLabUser(ADMIN, id, { duplicateHomeImpNodeId: null });
    expect((await lab(world, id)).directoryEntries).toHaveLength(1);

    const withJid = await world.engine.updateLabUser(ADMIN, id, { duplicateJidAccount: true });
    expect(withJid.duplicateJidAccount).toBe(true);
    expect(await world.store.findJidAccount(ORG, `ann@${IM_DOMAIN}`)).toBeDefined();
    expect(await activate(world, id)).toBe('DUPLICATE_JID_ACCOUNT');
    await world.engine.updateLabUser(ADMIN, id, { duplicateJidAccount: false });
    expect(await activate(world, id)).toBe('Active');
  });

  it('removes duplicate homes it did not create (a user imported twice)', async () => {
    const world = await makeWorld();
    const id = await world.addUser({
      name: 'ann',
      entries: [{ home: HOMES.main }, { home: HOMES.other }],
    });
    expect(await activate(world, id)).toBe('DUPLICATE_MAIL_ID');
    await world.engine.updateLabUser(ADMIN, id, { duplicateHomeImpNodeId: null });
    expect((await lab(world, id)).directoryEntries.map((e) => e.impClusterId)).toEqual([
      'imp-main',
    ]);
    expect(await activate(world, id)).toBe('Active');
  });

  it('changes entitlements with an event and no history line', async () => {
    const world = await makeWorld();
    const id = await world.addUser({ name: 'ann', entries: [{ home: HOMES.main }] });
    const before = await world.engine.lastEventSeq(ORG);
    const view = await world.engine.updateLabUser(ADMIN, id, {
      entitlements: { hybridMessage: false },
    });
    expect(view.entitlements).toEqual({ hybridMessage: false, messageFree: true });
    const events = await world.engine.listEvents(ORG, before, 10);
    expect(events.map((e) => e.event)).toEqual([
      { type: 'users.changed', users: [{ id, status: 'Not activated', version: 2 }] },
    ]);
    expect(world.notified).toEqual([[ORG]]);
    expect(await historyOf(world.store, id)).toEqual([]);
    // The same entitlements again: nothing written, nothing announced.
    await world.engine.updateLabUser(ADMIN, id, { entitlements: { hybridMessage: false } });
    expect(await world.engine.lastEventSeq(ORG)).toBe(events.at(-1)!.seq);
    expect(await activate(world, id)).toBe('NOT_ENTITLED');
  });

  it('rejects unknown nodes, a duplicate on the same cluster, and edits without an entry', async () => {
    const world = await makeWorld();
    const id = await world.addUser({ name: 'ann', entries: [{ home: HOMES.main }] });
    const nobody = await world.addUser({ name: 'bob' });
    const rejects = (promise: Promise<unknown>, field: string) =>
      expect(promise).rejects.toMatchObject({ name: 'ValidationError', field });
    await rejects(
      world.engine.updateLabUser(ADMIN, id, { directory: { homeImpNodeId: 'nope' } }),
      'directory.homeImpNodeId',
    );
    await rejects(
      world.engine.updateLabUser(ADMIN, id, { duplicateHomeImpNodeId: HOMES.peer }),
      'duplicateHomeImpNodeId',
    );
    await rejects(
      world.engine.updateLabUser(ADMIN, nobody, { directory: { mailid: 'bob@t.example' } }),
      'directory.homeImpNodeId',
    );
    await rejects(
      world.engine.updateLabUser(ADMIN, nobody, { duplicateJidAccount: true }),
      'duplicateJidAccount',
    );
    await rejects(
      world.engine.updateLabUser(ADMIN, id, {
        directory: { remove: true, mailid: 'x@t.example' },
      }),
      'directory.remove',
    );
    // A rejected update writes nothing, not even its valid parts.
    await rejects(
      world.engine.updateLabUser(ADMIN, id, {
        entitlements: { messageFree: false },
        directory: { homeImpNodeId: 'nope' },
      }),
      'directory.homeImpNodeId',
    );
    expect((await lab(world, id)).entitlements.messageFree).toBe(true);
    // Another organization's node is unknown here.
    await world.store.insertOrganization({ id: 'other', name: 'Other' });
    await expect(
      world.engine.updateLabUser({ orgId: 'other', actor: 'x@y' }, id, {}),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});
