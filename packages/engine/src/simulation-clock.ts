import type { Clock } from './clock.ts';
import type { Store } from './store.ts';

/**
 * The engine's time: the injected clock plus the Lab's fast-forward offset (SPEC: "fast-forward
 * the clock", so a 30-minute failover or a long drain can be watched in seconds).
 *
 * The offset lives in the store (one value for the whole store: the simulation is global, every
 * organization shares it), not in the process, because several replicas share one store and
 * must all run the same simulated time. This clock caches it: `refresh()` reads it again, and
 * the engine calls it at the start of every command, query and due-work run (see
 * `withFreshClock`), so each of them reads one `now()` against the offset as stored then.
 * A replica that has not run anything since another one fast-forwarded is behind by that step
 * until its next call, which refreshes first.
 *
 * The offset only ever grows (the Lab moves time forward, never back), so a refresh never
 * takes a cached value back: of two refreshes racing, the later offset wins.
 */
export class SimulationClock implements Clock {
  readonly #base: Clock;
  readonly #store: Pick<Store, 'getClockOffset'>;
  #offsetMs = 0;

  constructor(base: Clock, store: Pick<Store, 'getClockOffset'>) {
    this.#base = base;
    this.#store = store;
  }

  now(): number {
    return this.#base.now() + this.#offsetMs;
  }

  /** The fast-forward so far (ms), as last read from the store. */
  get offsetMs(): number {
    return this.#offsetMs;
  }

  async refresh(): Promise<void> {
    this.adopt(await this.#store.getClockOffset());
  }

  /** Takes an offset just written or read (never goes back). */
  adopt(offsetMs: number): void {
    if (offsetMs > this.#offsetMs) this.#offsetMs = offsetMs;
  }
}

/**
 * The engine with the simulation clock refreshed before each call: every method that answers a
 * promise awaits `clock.refresh()` first. Methods that do not (a CSV export's async iterable)
 * are left as they are: they do not read the time.
 */
export function withFreshClock<T extends object>(engine: T, clock: SimulationClock): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(engine)) {
    wrapped[name] =
      typeof method === 'function' && !NOT_TIMED.has(name)
        ? async (...args: unknown[]) => {
            await clock.refresh();
            return (method as (...a: unknown[]) => Promise<unknown>)(...args);
          }
        : method;
  }
  return wrapped as T;
}

/** Engine methods that answer synchronously (an async iterable), never a promise to await. */
const NOT_TIMED = new Set(['exportUsers']);
