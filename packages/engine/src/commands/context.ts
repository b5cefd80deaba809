import type { Clock } from '../clock.ts';
import type { Store } from '../store.ts';

/** What every command, and the due work, needs from the engine that runs it. */
export interface EngineContext {
  store: Store;
  clock: Clock;
  activationDelayMs: number;
  retryDelayMs: number;
  newId(prefix: string): string;
  /** After a commit that appended events: wakes the event streams of these organizations. */
  notify(orgIds: readonly string[]): void;
}
