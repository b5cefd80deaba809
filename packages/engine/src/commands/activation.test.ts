import {
  ACTIVATION_ERROR_CODES,
  DiagnosticsResponse,
  HistoryResponse,
  UserDetail,
  type ActivationErrorCode,
} from '@hybrid-hub/contract';
import { describe, expect, it } from 'vitest';
import { ACTIVATION_DELAY_MS } from '../rules/activation.ts';
import { CHECK_FOR_ERROR } from '../rules/diagnostics.ts';
import { ACTIVATION_RETRY_DELAY_MS } from '../rules/error-catalog.ts';
import {
  ADMIN,
  HOMES,
  makeWorld,
  historyOf,
  ORG,
  START,
  type UserSpec,
  wrapTransactions,
} from '../test-support/activation-world.ts';

describe('switching the Message Service on', () => {
  it('makes the user Pending, then Active on the least-loaded node once the delay has passed', async () => {
    const world = await makeWorld();
    const id = await world.addUser({ name: 'ann', entries: [{ home: HOMES.main }] });

    const pending = UserDetail.parse(await world.engine.setMessageService(ADMIN, id, true));
    expect(pending).toMatchObject({ status: 'Pending', messageServiceEnabled: true, version: 2 });
    expect((await world.store.getUser(ORG, id))!.dueAt).toBe(START + ACTIVATION_DELAY_MS);
    expect(world.notified).toEqual([[ORG]]);

    // Not yet due: nothing happens.
    world.clock.advance(ACTIVATION_DELAY_MS - 1);
    expect(await world.engine.runDueWork()).toMatchObject({ activated: 0, more: false });
    expect((await world.engine.getUser(ORG, id)).status).toBe('Pending');

    world.clock.advance(1);
    expect(await world.engine.runDueWork()).toMatchObject({ activated: 1, failed: 0 });
    const active = await world.engine.getUser(ORG, id);
    expect(active).toMatchObject({
      status: 'Active',
      error: null,
      // Both nodes are empty: the tie goes to the first hostname.
      assignment: { clusterName: 'Expressway Main', nodeHostname: 'exp-a.t.example' },
      homeImpNode: { impNodeId: HOMES.main, impClusterName: 'IM&P Main' },
    });
    expect((await world.store.getUser(ORG, id))!.dueAt).toBeNull();

    const history = HistoryResponse.parse(
      await world.engine.getUserHistory(ORG, id, { page: 1, pageSize: 20 }),
    );
    expect(history.items.map((h) => [h.actor, h.fromStatus, h.toStatus, h.message])).toEqual([
      ['system', 'Pending', 'Active', 'Assigned to Expressway Main (exp-a.t.example).'],
      ['admin@t.example', 'Not activated', 'Pending', 'Message Service switched on.'],
    ]);
    expect(history.items[0]).toMatchObject({
      cluster: { id: 'exp-main', name: 'Expressway Main' },
      node: { id: 'main-a', hostname: 'exp-a.t.example' },
    });
  });

  it('balances a batch over the nodes of the cluster', async () => {
    const world = await makeWorld();
    for (let i = 0; i < 10; i++) {
      const id = await world.addUser({ name: `u${i}`, entries: [{ home: HOMES.main }] });
      await world.engine.setMessageService(ADMIN, id, true);
    }
    await world.settle();
    expect(Object.fromEntries(await world.store.countUsersByNode(ORG))).toEqual({
      'main-a': 5,
      'main-b': 5,
    });
  });

  it('does nothing when the switch is already as asked: no history, no new version', async () => {
    const world = await makeWorld();
    const id = await world.addUser({ name: 'ann', entries: [{ home: HOMES.main }] });
    const off = await world.engine.setMessageService(ADMIN, id, false);
    expect(off).toMatchObject({ status: 'Not activated', version: 1 });
    await world.engine.setMessageService(ADMIN, id, true);
    const again = await world.engine.setMessageService(ADMIN, id, true);
    expect(again).toMatchObject({ status: 'Pending', version: 2 });
    expect(await historyOf(world.store, id)).toHaveLength(1);
    expect(world.notified).toHaveLength(1);
  });

  it('waits for the configured delay', async () => {
    const world = await makeWorld({ activationDelayMs: 60_000 });
    const id = await world.addUser({ name: 'ann', entries: [{ home: HOMES.main }] });
    await world.engine.setMessageService(ADMIN, id, true);
    await world.settle(59_999);
    expect((await world.engine.getUser(ORG, id)).status).toBe('Pending');
    await world.settle(1);
    expect((await world.engine.getUser(ORG, id)).status).toBe('Active');
  });
});

describe('switching the Message Service off', () => {
  it('returns the user to Not activated and frees the assignment', async () => {
    const world = await makeWorld();
    const id = await world.addUser({ name: 'ann', entries: [{ home: HOMES.main }] });
    await world.engine.setMessageService(ADMIN, id, true);
    await world.settle();
    expect((await world.store.countUsersByNode(ORG)).get('main-a')).toBe(1);

    const off = await world.engine.setMessageService(ADMIN, id, false);
    expect(off).toMatchObject({
      status: 'Not activated',
      messageServiceEnabled: false,
      assignment: null,
      error: null,
      homeImpNode: null,
    });
    expect((await world.store.countUsersByNode(ORG)).get('main-a') ?? 0).toBe(0);
    expect((await historyOf(world.store, id)).at(-1)).toMatchObject({
      actor: ADMIN.actor,
      fromStatus: 'Active',
      toStatus: 'Not activated',
      message: 'Message Service switched off.',
    });
  });

  it('cancels a Pending activation and a scheduled retry', async () => {
    const world = await makeWorld();
    const pending = await world.addUser({ name: 'ann', entries: [{ home: HOMES.main }] });
    const retrying = await world.addUser({ name: 'bob', entries: [{ home: HOMES.down }] });
    await world.engine.setMessageService(ADMIN, pending, true);
    await world.engine.setMessageService(ADMIN, retrying, true);
    await world.settle();
    await world.engine.setMessageService(ADMIN, pending, false);
    await world.engine.setMessageService(ADMIN, retrying, false);
    await world.settle(ACTIVATION_RETRY_DELAY_MS * 2);
    for (const id of [pending, retrying]) {
      const user = (await world.store.getUser(ORG, id))!;
      expect(user).toMatchObject({ status: 'Not activated', dueAt: null, errorCode: null });
    }
  });
});

/** Each code, from real directory or deployment conditions. */
const CONDITIONS: Record<
  ActivationErrorCode,
  Omit<UserSpec, 'name'> & { fullClusterLoad?: number }
> = {
  NOT_ENTITLED: { entitled: false, entries: [{ home: HOMES.main }] },
  NOT_FOUND_ON_PREMISES: { entries: [{ home: HOMES.other }] },
  NO_MAIL_ID: { entries: [{ home: HOMES.main, mailid: '' }] },
  MAIL_ID_MISMATCH: { entries: [{ home: HOMES.main, mailid: 'a.n.other@t.example' }] },
  DUPLICATE_MAIL_ID: { entries: [{ home: HOMES.main }, { home: HOMES.other }] },
  NO_CONNECTOR_AVAILABLE: { entries: [{ home: HOMES.down }] },
  CLUSTER_AT_CAPACITY: { entries: [{ home: HOMES.full }], fullClusterLoad: 5000 },
  HOME_NODE_OUTAGE: { entries: [{ home: HOMES.outage }] },
  AXL_FAILURE: { entries: [{ home: HOMES.noAxl }] },
  CERTIFICATE_VALIDATION_FAILED: { entries: [{ home: HOMES.badCert }] },
  DUPLICATE_JID_ACCOUNT: { entries: [{ home: HOMES.main }], duplicateJid: true },
};

describe('activation errors', () => {
  it('covers every code', () => {
    expect(Object.keys(CONDITIONS).sort()).toEqual([...ACTIVATION_ERROR_CODES].sort());
  });

  it.each(Object.entries(CONDITIONS))('%s', async (code, { fullClusterLoad, ...spec }) => {
    const world = await makeWorld({ fullClusterLoad: fullClusterLoad ?? 0 });
    const id = await world.addUser({ name: 'ann', ...spec });
    await world.engine.setMessageService(ADMIN, id, true);
    await world.settle();

    const user = UserDetail.parse(await world.engine.getUser(ORG, id));
    expect(user).toMatchObject({ status: 'Error', assignment: null, error: { code } });
    const retried = code === 'NO_CONNECTOR_AVAILABLE' || code === 'CLUSTER_AT_CAPACITY';
    expect(user.error!.retriedAutomatically).toBe(retried);
    expect(user.error!.remedy.length).toBeGreaterThan(20);
    const stored = (await world.store.getUser(ORG, id))!;
    const failedAt = START + 5_000;
    expect(stored.dueAt).toBe(retried ? failedAt + ACTIVATION_RETRY_DELAY_MS : null);
    expect(user.error!.message.includes('Activation will be retried at')).toBe(retried);

    const last = (await historyOf(world.store, id)).at(-1)!;
    expect(last).toMatchObject({ actor: 'system', fromStatus: 'Pending', toStatus: 'Error', code });
    expect(last.message).toBe(user.error!.message);

    // Diagnostics point at the same cause.
    const diagnostics = DiagnosticsResponse.parse(await world.engine.runDiagnostics(ORG, id));
    const failing = diagnostics.checks.find((c) => c.result === 'fail')!;
    expect(failing.id).toBe(CHECK_FOR_ERROR[code as ActivationErrorCode]);
    expect(failing.remedy).toBe(user.error!.remedy);
    expect(diagnostics.summary).toBe(`First failing check: ${failing.name} — ${failing.detail}`);
  });
});

describe('automatic retry', () => {
  it('says when it retries, retries then, and succeeds once the condition is fixed', async () => {
    const world = await makeWorld();
    const id = await world.addUser({ name: 'ann', entries: [{ home: HOMES.down }] });
    await world.engine.setMessageService(ADMIN, id, true);
    await world.settle(ACTIVATION_DELAY_MS);
    const failedAt = START + ACTIVATION_DELAY_MS;
    const retryAt = failedAt + ACTIVATION_RETRY_DELAY_MS;
    const user = await world.engine.getUser(ORG, id);
    expect(user.error!.message).toContain('Activation will be retried at 2026-11-02 09:15 UTC.');
    expect((await world.store.getUser(ORG, id))!.dueAt).toBe(retryAt);

    // Still broken at the retry: a new attempt, and the next one waits twice as long.
    await world.settle(ACTIVATION_RETRY_DELAY_MS);
    const second = (await world.store.getUser(ORG, id))!;
    expect(second).toMatchObject({
      status: 'Error',
      dueAt: retryAt + 2 * ACTIVATION_RETRY_DELAY_MS,
    });
    expect(second.errorMessage).toContain('Activation will be retried at 2026-11-02 09:45 UTC.');

    // The admin exits maintenance mode and starts the connector; the next retry assigns.
    const node = (await world.store.listNodes(ORG, 'exp-down'))[0]!;
    await world.store.updateNode(
      { ...node, maintenance: 'Off', messageConnector: 'Running', revision: node.revision + 1 },
      node.revision,
    );
    await world.settle(2 * ACTIVATION_RETRY_DELAY_MS - 1);
    expect((await world.engine.getUser(ORG, id)).status).toBe('Error');
    await world.settle(1);
    expect(await world.engine.getUser(ORG, id)).toMatchObject({
      status: 'Active',
      assignment: { nodeId: 'down-1' },
    });
    const lines = await historyOf(world.store, id);
    expect(lines.map((h) => [h.actor, h.fromStatus, h.toStatus, h.code])).toEqual([
      [ADMIN.actor, 'Not activated', 'Pending', null],
      ['system', 'Pending', 'Error', 'NO_CONNECTOR_AVAILABLE'],
      ['system', 'Error', 'Pending', null],
      ['system', 'Pending', 'Error', 'NO_CONNECTOR_AVAILABLE'],
      ['system', 'Error', 'Pending', null],
      ['system', 'Pending', 'Active', null],
    ]);
    expect(lines[2]!.message).toBe('Activation retried.');
    expect(lines.every((line, i) => i === 0 || line.at >= lines[i - 1]!.at)).toBe(true);
  });

  it('backs off: each failed retry waits twice as long, up to 8 times the first wait', async () => {
    const world = await makeWorld({ retryDelayMs: 60_000 });
    const id = await world.addUser({ name: 'ann', entries: [{ home: HOMES.down }] });
    await world.engine.setMessageService(ADMIN, id, true);
    await world.settle(ACTIVATION_DELAY_MS);
    const waits: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const user = (await world.store.getUser(ORG, id))!;
      waits.push(user.dueAt! - world.clock.now());
      await world.settle(user.dueAt! - world.clock.now());
    }
    expect(waits.map((ms) => ms / 60_000)).toEqual([1, 2, 4, 8, 8, 8]);

    // Reactivate User starts again from the first wait.
    await world.engine.reactivateUser(ADMIN, id);
    await world.settle(ACTIVATION_DELAY_MS);
    expect((await world.store.getUser(ORG, id))!.dueAt! - world.clock.now()).toBe(60_000);
  });

  it('uses the configured retry delay', async () => {
    const world = await makeWorld({ retryDelayMs: 60_000 });
    const id = await world.addUser({ name: 'ann', entries: [{ home: HOMES.down }] });
    await world.engine.setMessageService(ADMIN, id, true);
    await world.settle(ACTIVATION_DELAY_MS);
    expect((await world.store.getUser(ORG, id))!.dueAt).toBe(START + ACTIVATION_DELAY_MS + 60_000);
  });

  it('assigns an at-capacity user once room is made', async () => {
    const world = await makeWorld({ fullClusterLoad: 5000 });
    const id = await world.addUser({ name: 'ann', entries: [{ home: HOMES.full }] });
    await world.engine.setMessageService(ADMIN, id, true);
    await world.settle();
    expect((await world.engine.getUser(ORG, id)).error?.code).toBe('CLUSTER_AT_CAPACITY');
    await world.engine.setMessageService(ADMIN, 'full-0', false);
    await world.settle(ACTIVATION_RETRY_DELAY_MS);
    expect((await world.engine.getUser(ORG, id)).status).toBe('Active');
    expect((await world.store.countUsersByNode(ORG)).get('full-1')).toBe(5000);
  });
});

describe('capacity within one batch', () => {
  it('assigns only the room left, and the others go to CLUSTER_AT_CAPACITY', async () => {
    const world = await makeWorld({ fullClusterLoad: 4990 });
    for (let i = 0; i < 30; i++) {
      const id = await world.addUser({ name: `u${i}`, entries: [{ home: HOMES.full }] });
      await world.engine.setMessageService(ADMIN, id, true);
    }
    world.clock.advance(ACTIVATION_DELAY_MS);
    expect(await world.engine.runDueWork()).toMatchObject({ activated: 30, failed: 20 });
    expect((await world.store.countUsersByNode(ORG)).get('full-1')).toBe(5000);
    const counts = await world.engine.getUserStatusCounts(ORG);
    expect(counts.byStatus).toMatchObject({ Active: 5000, Error: 20 });
    expect(counts.total).toBe(5020);
  });
});

describe('due work while a Save waits', () => {
  it('ends its batch after the current step, and the next call carries on', async () => {
    const world = await makeWorld();
    for (let i = 0; i < 1000; i++) {
      const id = await world.addUser({ name: `u${i}`, entries: [{ home: HOMES.main }] });
      await world.engine.setMessageService(ADMIN, id, true);
    }
    const bob = await world.addUser({ name: 'bob', entries: [{ home: HOMES.main }] });
    world.clock.advance(ACTIVATION_DELAY_MS);

    const dueWork = world.engine.runDueWork();
    const save = world.engine.setMessageService(ADMIN, bob, true);
    const report = await dueWork;
    // The Save did not wait for all 1,000 users: the batch stopped at its first step.
    expect(report.activated).toBeGreaterThan(0);
    expect(report.activated).toBeLessThan(1000);
    expect(report.more).toBe(true);
    expect((await save).status).toBe('Pending');

    await world.settle(0);
    const counts = await world.engine.getUserStatusCounts(ORG);
    expect(counts.byStatus).toMatchObject({ Active: 1000, Pending: 1 });
  });
});

describe('Reactivate User', () => {
  it('moves an Error user back to Pending and re-runs activation, idempotently', async () => {
    const world = await makeWorld();
    const id = await world.addUser({
      name: 'ann',
      entries: [{ home: HOMES.main, mailid: 'old.ann@t.example' }],
    });
    await world.engine.setMessageService(ADMIN, id, true);
    await world.settle();
    expect((await world.engine.getUser(ORG, id)).error?.code).toBe('MAIL_ID_MISMATCH');

    // The admin fixes the mailid on premises, then reactivates (twice: a double click).
    await world.store.updateDirectoryEntry({
      ...(await world.store.findDirectoryEntriesByUserid(ORG, 'ann'))[0]!,
      mailid: 'ann@t.example',
    });
    const first = await world.engine.reactivateUser(ADMIN, id);
    const second = await world.engine.reactivateUser(ADMIN, id);
    expect(first).toMatchObject({ status: 'Pending', error: null });
    expect(second).toEqual(first);
    const lines = await historyOf(world.store, id);
    expect(lines.filter((h) => h.message === 'Reactivate User.')).toHaveLength(1);
    expect(lines.at(-1)).toMatchObject({
      actor: ADMIN.actor,
      fromStatus: 'Error',
      toStatus: 'Pending',
    });

    await world.settle();
    expect((await world.engine.getUser(ORG, id)).status).toBe('Active');
  });

  it('moves an Active user back to Pending with the assignment freed', async () => {
    const world = await makeWorld();
    const id = await world.addUser({ name: 'ann', entries: [{ home: HOMES.main }] });
    await world.engine.setMessageService(ADMIN, id, true);
    await world.settle();
    const pending = await world.engine.reactivateUser(ADMIN, id);
    expect(pending).toMatchObject({ status: 'Pending', assignment: null });
    expect((await world.store.countUsersByNode(ORG)).size).toBe(0);
    await world.settle();
    expect((await world.engine.getUser(ORG, id)).status).toBe('Active');
  });

  it('refuses a user whose Message Service is off, in plain words', async () => {
    const world = await makeWorld();
    const id = await world.addUser({ name: 'ann', entries: [{ home: HOMES.main }] });
    await expect(world.engine.reactivateUser(ADMIN, id)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(/Message Service is off/),
    });
    expect(await historyOf(world.store, id)).toHaveLength(0);
  });

  it('does not find a user of another organization', async () => {
    const world = await makeWorld();
    const id = await world.addUser({ name: 'ann', entries: [{ home: HOMES.main }] });
    await world.store.insertOrganization({ id: 'other', name: 'Other' });
    await expect(
      world.engine.reactivateUser({ orgId: 'other', actor: 'x@y' }, id),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(
      world.engine.setMessageService({ orgId: 'other', actor: 'x@y' }, id, true),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});

describe('concurrent changes', () => {
  it('refuses a write over a change made by someone else, and writes nothing', async () => {
    // Another replica writes the user between this engine's read and its write: the read
    // inside the transaction returns the version as it was before that write.
    let race = false;
    const world = await makeWorld({
      wrapStore: (inner) =>
        wrapTransactions(inner, (tx) => ({
          getUsers: async (orgId, ids) =>
            (await tx.getUsers(orgId, ids)).map((u) =>
              race ? { ...u, version: u.version - 1 } : u,
            ),
        })),
    });
    const id = await world.addUser({ name: 'ann', entries: [{ home: HOMES.main }] });
    await world.engine.setMessageService(ADMIN, id, true);
    race = true;
    await expect(world.engine.setMessageService(ADMIN, id, false)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(/changed by someone else.*reload/),
    });
    expect((await world.store.getUser(ORG, id))!.status).toBe('Pending');
    expect(await historyOf(world.store, id)).toHaveLength(1);
    expect(await world.store.lastEventSeq(ORG)).toBe(1);
  });
});

describe('events', () => {
  it('announces every change in the outbox, in commit order', async () => {
    const world = await makeWorld();
    const id = await world.addUser({ name: 'ann', entries: [{ home: HOMES.main }] });
    await world.engine.setMessageService(ADMIN, id, true);
    await world.settle();
    await world.engine.setMessageService(ADMIN, id, false);
    const events = await world.engine.listEvents(ORG, 0, 10);
    expect(events.map((e) => e.event).filter((e) => e.type === 'users.changed')).toEqual([
      { type: 'users.changed', users: [{ id, status: 'Pending', version: 2 }] },
      { type: 'users.changed', users: [{ id, status: 'Active', version: 3 }] },
      { type: 'users.changed', users: [{ id, status: 'Not activated', version: 4 }] },
    ]);
    // The world's IM&P nodes in Outage raise alarms in the first due work, announced after the
    // activation it ran first.
    expect(events.map((e) => e.event.type)).toEqual([
      'users.changed',
      'users.changed',
      'alarms.changed',
      'users.changed',
    ]);
    expect(await world.engine.lastEventSeq(ORG)).toBe(events.at(-1)!.seq);
    expect(world.notified).toEqual([[ORG], [ORG], [ORG], [ORG]]);
  });
});
