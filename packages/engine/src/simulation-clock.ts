import type { Clock } from './clock.ts';
import type { Store } from './store/store.ts';

/** One organization's time, and how far the Lab has fast-forwarded it (ms). */
export interface OrganizationClock extends Clock {
  readonly offsetMs: number;
}

/** The engine's time, which is each organization's own (see SimulationClock). */
export interface OrganizationClocks {
  /** The organization's now: the injected clock plus its fast-forward. */
  now(orgId: string): number;
  forOrg(orgId: string): OrganizationClock;
}

/**
 * The engine's time: the injected clock plus the Lab's fast-forward offset of each organization
 * (SPEC: "fast-forward the clock", so a 30-minute failover or a long drain can be watched in
 * seconds).
 *
 * One offset per organization, because the Lab is an administrator's tool within their own
 * organization: one organization's fast-forward must not activate another's Pending users early,
 * empty its 72-hour activity window or play out its failovers (issue 11 #3). Everything an
 * organization's command, query or due work reads or writes is that organization's alone, so
 * each runs on its organization's time; nothing compares two organizations' times.
 *
 * The offsets live in the store, not in the process, because several replicas share one store
 * and must all run the same simulated time. This clock caches them: `refresh()` reads them
 * again (one small read: a row per organization that has fast-forwarded), and the engine calls
 * it at the start of every command, query and due-work run (see `withFreshClock`), so each of
 * them reads its organization's `now()` against the offset as stored then. A replica that has
 * not run anything since another one fast-forwarded an organization is behind by that step until
 * its next call, which refreshes first.
 *
 * An offset only ever grows (the Lab moves time forward, never back, and the store adds each
 * step to the stored offset in the same statement), so a refresh never takes a cached value
 * back: of two refreshes racing, the later offset wins, organization by organization.
 */
export class SimulationClock implements OrganizationClocks {
  readonly #base: Clock;
  readonly #store: Pick<Store, 'getClockOffsets'>;
  readonly #offsets = new Map<string, number>();

  constructor(base: Clock, store: Pick<Store, 'getClockOffsets'>) {
    this.#base = base;
    this.#store = store;
  }

  now(orgId: string): number {
    return this.#base.now() + this.offsetMs(orgId);
  }

  /** The organization's fast-forward so far (ms), as last read from the store. */
  offsetMs(orgId: string): number {
    return this.#offsets.get(orgId) ?? 0;
  }

  forOrg(orgId: string): OrganizationClock {
    const offsetMs = () => this.offsetMs(orgId);
    return {
      now: () => this.now(orgId),
      get offsetMs() {
        return offsetMs();
      },
    };
  }

  async refresh(): Promise<void> {
    for (const [orgId, offsetMs] of await this.#store.getClockOffsets())
      this.adopt(orgId, offsetMs);
  }

  /** Takes an organization's offset just written or read (never goes back). */
  adopt(orgId: string, offsetMs: number): void {
    if (offsetMs > this.offsetMs(orgId)) this.#offsets.set(orgId, offsetMs);
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
