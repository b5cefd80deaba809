import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import { acmePlan } from './acme-plan.ts';
import { globexPlan } from './globex-plan.ts';
import type { DemoPlan } from './plan.ts';
import { hashString, Random } from './random.ts';
import { DemoUserGenerator } from './user-generator.ts';

export interface SeedDemoOptions {
  /** Same seed (and clock time), same data. */
  seed?: number;
  acmeUsers?: number;
  globexUsers?: number;
  /** Every time in the demo is in the past relative to `clock.now()` (Pending retries just after). */
  clock: Clock;
}

/** Users (with their directory entries and history) per insert call. */
export const DEMO_CHUNK_SIZE = 5_000;

/**
 * Writes the demo organizations, Acme (`acme`) and Globex (`globex`), through the Store's write
 * methods, each in one transaction (a transaction is one organization's). Users are generated and inserted in chunks, so 200,000 of them
 * never sit in memory as one array. Seeding twice fails (duplicate ids): seed an empty store.
 */
export async function seedDemo(
  store: Store,
  { seed = 42, acmeUsers = 2000, globexUsers = 150, clock }: SeedDemoOptions,
): Promise<void> {
  const now = clock.now();
  for (const plan of [acmePlan(acmeUsers), globexPlan(globexUsers)]) {
    // Per-organization streams: Globex stays the same whatever Acme's size.
    const random = new Random((seed ^ hashString(plan.org.id)) >>> 0);
    await store.transaction(plan.org.id, (tx) => seedOrganization(tx, plan, random, now));
  }
}

async function seedOrganization(
  tx: Store,
  plan: DemoPlan,
  random: Random,
  now: number,
): Promise<void> {
  await tx.insertOrganization(plan.org);
  await tx.insertDeployment(plan.deployment);
  const generator = new DemoUserGenerator(plan, random, now);
  while (generator.remaining > 0) {
    const chunk = generator.nextChunk(DEMO_CHUNK_SIZE);
    await tx.insertDirectoryEntries(chunk.directoryEntries);
    if (chunk.jidAccounts.length > 0) await tx.insertJidAccounts(chunk.jidAccounts);
    await tx.insertUsers(chunk.users);
    await tx.appendHistory(chunk.history);
  }
}
