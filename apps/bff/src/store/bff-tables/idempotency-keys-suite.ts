import { describe, expect, it } from 'vitest';
import type { IdempotencyKeyStore } from '../../jobs/idempotency-keys.ts';
import type { Opened } from './auth-store-suite.ts';

const HOUR = 3_600_000;

/** Idempotency-Keys, the same on every store (organizations `acme` and `globex` exist). */
export function describeIdempotencyKeys(
  name: string,
  open: () => Promise<Opened<IdempotencyKeyStore>>,
): void {
  describe(`Idempotency-Keys in ${name}`, () => {
    it('claims a key once: a retry reads the first claim, another organization has its own', async () => {
      const { store: keys, close } = await open();
      try {
        expect(await keys.claimKey('acme', 'k1', 'body-a', 10 * HOUR, -14 * HOUR)).toEqual({
          fingerprint: 'body-a',
          createdAt: 10 * HOUR,
          claimed: true,
        });
        // A retry, with the same body or another: the first claim's record, not claimed again.
        expect(await keys.claimKey('acme', 'k1', 'body-b', 11 * HOUR, -13 * HOUR)).toEqual({
          fingerprint: 'body-a',
          createdAt: 10 * HOUR,
          claimed: false,
        });
        expect(await keys.claimKey('globex', 'k1', 'body-b', 11 * HOUR, -13 * HOUR)).toEqual({
          fingerprint: 'body-b',
          createdAt: 11 * HOUR,
          claimed: true,
        });
      } finally {
        await close();
      }
    });

    it('lets a key go when asked (its request started nothing), and after it expires', async () => {
      const { store: keys, close } = await open();
      try {
        await keys.claimKey('acme', 'k2', 'body-a', 10 * HOUR, -14 * HOUR);
        // Only the claim of that time is forgotten: a later one under the same key stays.
        await keys.forgetKey('acme', 'k2', 9 * HOUR);
        expect((await keys.claimKey('acme', 'k2', 'body-b', 11 * HOUR, -13 * HOUR)).claimed).toBe(
          false,
        );
        await keys.forgetKey('acme', 'k2', 10 * HOUR);
        expect(await keys.claimKey('acme', 'k2', 'body-b', 12 * HOUR, -12 * HOUR)).toEqual({
          fingerprint: 'body-b',
          createdAt: 12 * HOUR,
          claimed: true,
        });
        // A day later the record has expired: the key names a new request.
        expect(await keys.claimKey('acme', 'k2', 'body-c', 36 * HOUR, 12 * HOUR)).toEqual({
          fingerprint: 'body-c',
          createdAt: 36 * HOUR,
          claimed: true,
        });
      } finally {
        await close();
      }
    });
  });
}
