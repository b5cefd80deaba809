import { describe, expect, it } from 'vitest';
import type { ConnectorNode } from '../model/deployment.ts';
import { connectorNode } from '../test-support/activation-world.ts';
import {
  maintenanceProgress,
  movesAllowed,
  NO_OTHER_NODE,
  OTHERS_FULL,
  OTHERS_FULL_OR_NOT_SERVING,
  OTHERS_NOT_SERVING,
  startMove,
  stuckReason,
} from './maintenance-progress.ts';

const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);
const MINUTE = 60_000;

const node = (id: string, fields: Partial<ConnectorNode> = {}): ConnectorNode =>
  connectorNode(id, 'c', `${id}.example`, { orgId: 'o', version: 'X15', ...fields });

describe('movesAllowed', () => {
  it('is the rate times the time since the pace began, less the users moved since', () => {
    const move = startMove(T0, 5000, 1000);
    expect(movesAllowed(move, T0)).toBe(0);
    expect(movesAllowed(move, T0 + 1_000)).toBe(16);
    expect(movesAllowed({ ...move, usersMoved: 10 }, T0 + 1_000)).toBe(6);
    expect(movesAllowed({ ...move, usersMoved: 20 }, T0 + 1_000)).toBe(0);
    expect(movesAllowed(move, T0 - MINUTE)).toBe(0);
  });

  it('counts from the resumption after a wait, not from the start', () => {
    const resumed = {
      ...startMove(T0, 5000, 1000),
      usersMoved: 300,
      pacedFrom: T0 + 60 * MINUTE,
      movedBeforePace: 300,
    };
    expect(movesAllowed(resumed, T0 + 60 * MINUTE)).toBe(0);
    expect(movesAllowed(resumed, T0 + 61 * MINUTE)).toBe(1000);
  });
});

describe('stuckReason', () => {
  const me = node('a', { maintenance: 'Entering maintenance mode' });
  const loads = (entries: [string, number][]) => new Map(entries);

  it('is null while another node has room', () => {
    expect(
      stuckReason(
        me,
        [me, node('b'), node('c')],
        loads([
          ['b', 10],
          ['c', 3],
        ]),
        10,
      ),
    ).toBeNull();
  });

  it('names full, down, both, or no other node', () => {
    const full = loads([['b', 10]]);
    expect(stuckReason(me, [me, node('b')], full, 10)).toBe(OTHERS_FULL);
    expect(stuckReason(me, [me, node('b', { connectivity: 'Outage' })], full, 10)).toBe(
      OTHERS_NOT_SERVING,
    );
    expect(
      stuckReason(me, [me, node('b'), node('c', { maintenance: 'In maintenance mode' })], full, 10),
    ).toBe(OTHERS_FULL_OR_NOT_SERVING);
    expect(stuckReason(me, [me, node('x', { clusterId: 'other' })], new Map(), 10)).toBe(
      NO_OTHER_NODE,
    );
  });
});

describe('maintenanceProgress', () => {
  it('estimates the end at the rate, and none while stuck', () => {
    const move = { ...startMove(T0, 3000, 1000), usersMoved: 1000 };
    expect(maintenanceProgress(move, 2000, T0 + MINUTE)).toEqual({
      startedAt: new Date(T0).toISOString(),
      usersAtStart: 3000,
      usersLeft: 2000,
      usersMoved: 1000,
      ratePerMinute: 1000,
      estimatedCompletionAt: new Date(T0 + 3 * MINUTE).toISOString(),
      stuckReason: null,
    });
    // Behind schedule (the loop was late): the estimate is never in the past.
    expect(maintenanceProgress(move, 2000, T0 + 10 * MINUTE).estimatedCompletionAt).toBe(
      new Date(T0 + 10 * MINUTE).toISOString(),
    );
    expect(
      maintenanceProgress({ ...move, stuckReason: OTHERS_FULL }, 2000, T0).estimatedCompletionAt,
    ).toBeNull();
  });
});
