import { setTimeout as sleep } from 'node:timers/promises';
import { ManualClock, type DueWorkReport } from '@hybrid-hub/engine';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startDueWorkLoop, type DueWorkLoop } from './due-work-loop.ts';

const report = (more: boolean): DueWorkReport => ({
  activated: 0,
  failed: 0,
  jobItemsApplied: 0,
  jobItemsSettled: 0,
  maintenanceMoved: 0,
  maintenanceLeftWithoutConnector: 0,
  sessionsMoved: 0,
  more,
});

/** A promise with its resolver, to hold a run open for as long as a test needs. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error('timed out');
    await sleep(5);
  }
}

const silent = pino({ level: 'silent' });
const noPrune = async () => 0;
let loop: DueWorkLoop | undefined;
afterEach(async () => {
  await loop?.close();
  loop = undefined;
});

describe('the due-work loop', () => {
  it('runs again at once while there is more, then waits a tick', async () => {
    const calls: number[] = [];
    let remaining = 5;
    loop = startDueWorkLoop({
      engine: {
        runDueWork: async () => {
          calls.push(performance.now());
          return report(--remaining > 0);
        },
      },
      clock: new ManualClock(),
      logger: silent,
      tickMs: 400,
      pruneEvents: noPrune,
    });
    await until(() => calls.length >= 5);
    // Five runs back to back, far quicker than one tick…
    expect(calls[4]! - calls[0]!).toBeLessThan(200);
    // …then nothing until the tick has passed.
    await sleep(150);
    expect(calls).toHaveLength(5);
    await until(() => calls.length === 6);
    expect(calls[5]! - calls[4]!).toBeGreaterThanOrEqual(390);
  });

  it('runs at once when woken during its pause, and not during a run or a back-off', async () => {
    const calls: number[] = [];
    let fail = false;
    const inRun = { current: deferred() };
    let hold = false;
    loop = startDueWorkLoop({
      engine: {
        runDueWork: async () => {
          calls.push(performance.now());
          if (hold) await inRun.current.promise;
          if (fail) throw new Error('store down');
          return report(false);
        },
      },
      clock: new ManualClock(),
      logger: silent,
      tickMs: 60_000,
      pruneEvents: noPrune,
    });
    await until(() => calls.length === 1);
    await sleep(20);
    // Pausing for a minute: woken, it runs now.
    loop.wake();
    await until(() => calls.length === 2);

    // Woken during a run: no second run alongside or right after it.
    hold = true;
    loop.wake();
    await until(() => calls.length === 3);
    loop.wake();
    inRun.current.resolve();
    hold = false;
    await sleep(50);
    expect(calls).toHaveLength(3);

    // After a failure the loop backs off; waking it does not cut the back-off short.
    fail = true;
    loop.wake();
    await until(() => calls.length === 4);
    await sleep(20);
    loop.wake();
    await sleep(50);
    expect(calls).toHaveLength(4);
  });

  it('never starts a run while one is in progress', async () => {
    let inProgress = 0;
    let most = 0;
    let runs = 0;
    loop = startDueWorkLoop({
      engine: {
        runDueWork: async () => {
          inProgress += 1;
          most = Math.max(most, inProgress);
          await sleep(15);
          inProgress -= 1;
          runs += 1;
          return report(true);
        },
      },
      clock: new ManualClock(),
      logger: silent,
      tickMs: 1,
      pruneEvents: noPrune,
    });
    await until(() => runs >= 8);
    expect(most).toBe(1);
  });

  it('logs a failing run and keeps going, pausing longer after each failure', async () => {
    const lines: { msg: string; failures?: number; retryInMs?: number }[] = [];
    const logger = pino(
      { level: 'error' },
      { write: (line: string) => lines.push(JSON.parse(line)) },
    );
    const calls: number[] = [];
    loop = startDueWorkLoop({
      engine: {
        runDueWork: async () => {
          calls.push(performance.now());
          if (calls.length <= 3) throw new Error('database is locked');
          return report(false);
        },
      },
      clock: new ManualClock(),
      logger,
      tickMs: 20,
      pruneEvents: noPrune,
    });
    await until(() => calls.length >= 4);
    expect(lines.map((line) => [line.msg, line.failures, line.retryInMs])).toEqual([
      ['due work failed', 1, 40],
      ['due work failed', 2, 80],
      ['due work failed', 3, 160],
    ]);
    expect(calls[3]! - calls[2]!).toBeGreaterThanOrEqual(150);
  });

  it('waits for the run in progress when closed, and runs no more', async () => {
    const hold = deferred();
    let runs = 0;
    let finished = false;
    const closing = startDueWorkLoop({
      engine: {
        runDueWork: async () => {
          runs += 1;
          await hold.promise;
          finished = true;
          return report(true);
        },
      },
      clock: new ManualClock(),
      logger: silent,
      tickMs: 1,
      pruneEvents: noPrune,
    });
    await until(() => runs === 1);
    let closed = false;
    const close = closing.close().then(() => (closed = true));
    await sleep(30);
    expect(closed).toBe(false);
    hold.resolve();
    await close;
    expect(finished).toBe(true);
    await sleep(30);
    expect(runs).toBe(1);
  });

  it('prunes events older than the retention on start, then only every so often', async () => {
    const clock = new ManualClock();
    const prunedBefore: number[] = [];
    let runs = 0;
    loop = startDueWorkLoop({
      engine: {
        runDueWork: async () => {
          runs += 1;
          return report(false);
        },
      },
      clock,
      logger: silent,
      tickMs: 5,
      pruneEvents: async (before) => {
        prunedBefore.push(before);
        return 0;
      },
      eventRetentionMs: 60_000,
      pruneEveryMs: 150,
    });
    await until(() => runs >= 5);
    expect(prunedBefore).toEqual([clock.now() - 60_000]);
    clock.advance(1000);
    await until(() => prunedBefore.length === 2);
    expect(prunedBefore[1]).toBe(clock.now() - 60_000);
  });
});
