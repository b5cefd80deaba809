import { afterEach, describe, expect, it } from 'vitest';
import { describeIdempotencyKeys } from '../../bff-tables/idempotency-keys-suite.ts';
import { freshBffTables } from './fresh-bff-tables.ts';
import { PgIdempotencyKeys } from './pg-idempotency.ts';

describeIdempotencyKeys('PostgreSQL', async () => {
  const tables = await freshBffTables();
  return { store: new PgIdempotencyKeys(tables.pool), close: () => tables.drop() };
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((drop) => drop()));
});

describe('Idempotency-Keys shared by two replicas', () => {
  it('gives a key claimed at once through both to exactly one, and the same record to all', async () => {
    const tables = await freshBffTables();
    cleanups.push(tables.drop);
    const replicas = [new PgIdempotencyKeys(tables.pool), new PgIdempotencyKeys(tables.replica())];
    for (let round = 0; round < 10; round++) {
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          replicas[i % 2]!.claimKey('acme', `key-${round}`, 'body', 1000 + i, 0),
        ),
      );
      expect(claims.filter((c) => c.claimed)).toHaveLength(1);
      const winner = claims.find((c) => c.claimed)!;
      expect(claims.every((c) => c.createdAt === winner.createdAt)).toBe(true);
    }
  });
});
