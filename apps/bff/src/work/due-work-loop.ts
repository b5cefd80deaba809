import type { Clock, Engine } from '@hybrid-hub/engine';
import type { Logger } from 'pino';

export interface DueWorkLoopOptions {
  engine: Pick<Engine, 'runDueWork'>;
  clock: Clock;
  logger: Logger;
  /** Pause after a run that left nothing over (HUB_TICK_MS). */
  tickMs: number;
  /** Deletes outbox events older than `before`; returns how many (the store's pruneEvents). */
  pruneEvents: (before: number) => Promise<number>;
  /** Events are kept this long: a client away for longer cannot resume, it reloads. */
  eventRetentionMs?: number;
  /** Wall time between two prunes. */
  pruneEveryMs?: number;
  /** Longest pause after repeated failures. */
  maxBackoffMs?: number;
}

export interface DueWorkLoop {
  /** Stops the loop: waits for a run in progress to finish, then no further run starts. */
  close(): Promise<void>;
  /**
   * Something was committed (a bulk job queued, a Save): when the loop is pausing, it runs now
   * instead of at the end of its pause, so a job starts without waiting up to a tick. A run in
   * progress, or a pause after failures, is left as it is.
   */
  wake(): void;
}

const HOUR = 60 * 60 * 1000;

/**
 * Runs the engine's timed work (activations whose delay has passed, automatic retries, the next
 * slice of every bulk job) for as long as the BFF runs. Everything due is in the store (a
 * user's `dueAt`, a job's queued items), so work left when the BFF stopped is simply found by
 * the first run after it starts again.
 *
 * One run at a time, by construction: the next run is scheduled only when the previous one has
 * finished. When a run reports `more` the next starts at once (after the event loop has served
 * waiting requests), otherwise after `tickMs`. A failing run is logged and retried with a
 * growing pause, so a broken database does not turn into a busy loop of errors.
 */
export function startDueWorkLoop({
  engine,
  clock,
  logger,
  tickMs,
  pruneEvents,
  eventRetentionMs = HOUR,
  pruneEveryMs = 60_000,
  maxBackoffMs = 30_000,
}: DueWorkLoopOptions): DueWorkLoop {
  let stopped = false;
  let failures = 0;
  let cancelNext: (() => void) | undefined;
  /** The pause after a run that left nothing over (not a back-off) is under way. */
  let idle = false;
  let running: Promise<void> | undefined;
  // Pruning first thing after a start clears what piled up while the BFF was down.
  let nextPruneAt = 0;

  const runOnce = async (): Promise<number> => {
    try {
      const report = await engine.runDueWork();
      if (performance.now() >= nextPruneAt) {
        nextPruneAt = performance.now() + pruneEveryMs;
        const pruned = await pruneEvents(clock.now() - eventRetentionMs);
        if (pruned > 0) logger.debug({ pruned }, 'pruned old events');
      }
      failures = 0;
      return report.more ? 0 : tickMs;
    } catch (error) {
      failures += 1;
      const pause = Math.min(tickMs * 2 ** Math.min(failures, 16), maxBackoffMs);
      logger.error({ err: error, failures, retryInMs: pause }, 'due work failed');
      return pause;
    }
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    // A pause after a good run (a back-off follows failures).
    idle = delayMs > 0 && failures === 0;
    const run = () => {
      idle = false;
      cancelNext = undefined;
      running = runOnce().then((next) => {
        running = undefined;
        schedule(next);
      });
    };
    // setImmediate, not a zero timeout: the next batch waits behind the requests already queued,
    // so pages stay fast while a 100,000-user job runs, yet no millisecond is lost between batches.
    if (delayMs === 0) {
      const immediate = setImmediate(run);
      cancelNext = () => clearImmediate(immediate);
    } else {
      const timeout = setTimeout(run, delayMs);
      cancelNext = () => clearTimeout(timeout);
    }
  };

  schedule(0);
  return {
    wake() {
      if (!idle || stopped) return;
      cancelNext?.();
      schedule(0);
    },
    async close() {
      stopped = true;
      cancelNext?.();
      cancelNext = undefined;
      await running;
    },
  };
}
