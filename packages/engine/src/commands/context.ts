import type { SessionMovePace } from '../rules/session-moves.ts';
import type { OrganizationClocks } from '../simulation-clock.ts';
import type { Store } from '../store/store.ts';

/** What every command, and the due work, needs from the engine that runs it. */
export interface EngineContext {
  store: Store;
  /** Each organization's time: a command or a due-work step reads its organization's now. */
  clock: OrganizationClocks;
  activationDelayMs: number;
  retryDelayMs: number;
  /** Users moved off a node entering maintenance mode per minute (EngineOptions). */
  maintenanceRatePerMinute: number;
  /** Users per transaction of the due work (EngineOptions.dueWorkBatchSize). */
  dueWorkBatchSize: number;
  /** IM&P failover and fallback: the delay before sessions move, then their rate (EngineOptions). */
  sessionMovePace: SessionMovePace;
  newId(prefix: string): string;
  /** After a commit that appended events: wakes the event streams of these organizations. */
  notify(orgIds: readonly string[]): void;
}
