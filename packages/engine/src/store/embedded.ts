import { storeMethods, type StoreArea, type StoreAreas, type StoreMethods } from './store-areas.ts';

/**
 * A port's methods, synchronous: what an embedded store (in memory, better-sqlite3) really does
 * under the async port, before it wraps each call in a promise.
 */
export type SyncPort<P> = {
  [K in keyof P]: P[K] extends (...args: infer A) => infer R ? (...args: A) => Awaited<R> : never;
};

/** An embedded store's areas, each an object of synchronous methods (a class per area). */
export type SyncAreas = { [A in StoreArea]: SyncPort<StoreAreas[A]> };

/**
 * The Store's methods over an embedded store's synchronous areas: each call runs through `run`
 * (which decides when: at once, or after the transactions queued before it).
 */
export function embeddedStoreMethods(
  areas: SyncAreas,
  run: <T>(operation: () => T) => Promise<T>,
): StoreMethods {
  return storeMethods((area, name) => {
    const target = areas[area] as unknown as Record<string, (...args: unknown[]) => unknown>;
    const method = target[name]!;
    return (...args: unknown[]) => run(() => method.apply(target, args));
  });
}
