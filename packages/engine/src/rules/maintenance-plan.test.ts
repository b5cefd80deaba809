import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planMoves, type MoveTarget } from './maintenance-plan.ts';

const target = (id: string, load: number): MoveTarget => ({ id, hostname: `${id}.example`, load });

describe('planMoves', () => {
  it('fills the lowest loads first, ties by hostname', () => {
    const plan = planMoves([target('c', 3), target('b', 1), target('a', 1)], 10, 5);
    expect(plan.order).toEqual(['a', 'b', 'a', 'b', 'a']);
    expect(Object.fromEntries(plan.loadsAfter)).toEqual({ a: 4, b: 3, c: 3 });
    expect(plan.withoutRoom).toBe(0);
  });

  it('never goes beyond capacity, and counts the users left without room', () => {
    const plan = planMoves([target('a', 9), target('b', 10)], 10, 4);
    expect(plan.order).toEqual(['a']);
    expect(plan.withoutRoom).toBe(3);
    expect(planMoves([], 10, 4)).toMatchObject({ order: [], withoutRoom: 4 });
  });

  it('ends as even as the starting loads allow, for any loads (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 60 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 60 }),
        fc.nat({ max: 300 }),
        (loads, capacity, count) => {
          const targets = loads.map((load, i) => target(`n${i}`, Math.min(load, capacity)));
          const plan = planMoves(targets, capacity, count);
          const after = targets.map((t) => plan.loadsAfter.get(t.id)!);
          const room = targets.reduce((sum, t) => sum + capacity - t.load, 0);
          expect(plan.order.length).toBe(Math.min(count, room));
          expect(plan.withoutRoom).toBe(count - plan.order.length);
          for (const [i, t] of targets.entries()) {
            expect(after[i]).toBeLessThanOrEqual(capacity);
            expect(after[i]).toBe(t.load + plan.order.filter((id) => id === t.id).length);
          }
          // Balanced: a target that received users ends at most one above any target that
          // still has room (otherwise that one should have had them).
          for (const [i, t] of targets.entries()) {
            if (after[i] === t.load) continue;
            for (const j of after.keys())
              if (after[j]! < capacity) expect(after[i]).toBeLessThanOrEqual(after[j]! + 1);
          }
        },
      ),
    );
  });
});
