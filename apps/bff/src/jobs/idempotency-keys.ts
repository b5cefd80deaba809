import { createHash } from 'node:crypto';
import { IdempotencyKeyReusedError, type BulkRequest, type Job } from '@hybrid-hub/contract';
import type { Actor, Clock, Engine } from '@hybrid-hub/engine';

/** How long a key names its request: a retry a day later is a new request. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3_600_000;

export interface KeyClaim {
  /** Of the request that first used the key. */
  fingerprint: string;
  /** When the key was first used: with the key, it names the job. */
  createdAt: number;
  /** This request is the first to use the key. */
  claimed: boolean;
}

/** Where keys are kept: in the database, so that a retry reaching another process or a restarted one is still recognized. */
export interface IdempotencyKeyStore {
  /**
   * The key's record if it has one younger than `expiredBefore`, else a new one for this
   * request, stored. Records older than that are swept.
   */
  claimKey(
    orgId: string,
    key: string,
    fingerprint: string,
    now: number,
    expiredBefore: number,
  ): Promise<KeyClaim>;
  /** Lets the key go again (its request started nothing). */
  forgetKey(orgId: string, key: string, createdAt: number): Promise<void>;
}

/** The same value whatever the order of its keys: what "the same body" means. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * Starts a bulk job once per Idempotency-Key: the key's first use claims it (with a fingerprint
 * of the body) and starts the job under an id derived from the key; a retry with the same key
 * and body derives the same id, and the engine answers the job that id names — also when the
 * first try is still running, or crashed after its job committed. The same key with another
 * body is refused (422). `replayed`: this request started nothing.
 */
export async function startBulkJobOnce(
  engine: Engine,
  keys: IdempotencyKeyStore,
  clock: Clock,
  by: Actor,
  request: BulkRequest,
  key: string,
): Promise<{ job: Job; replayed: boolean }> {
  const fingerprint = sha256(canonicalJson(request));
  const now = clock.now();
  const claim = await keys.claimKey(by.orgId, key, fingerprint, now, now - IDEMPOTENCY_KEY_TTL_MS);
  if (claim.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
  const jobId = `job-${sha256(`${by.orgId}\n${key}\n${claim.createdAt}`).slice(0, 32)}`;
  try {
    const job = await engine.startBulkJob(by, request, { jobId });
    return { job, replayed: !claim.claimed };
  } catch (error) {
    // Refused (no users match, unknown ids): nothing started, so a corrected retry may reuse
    // the key.
    if (claim.claimed) await keys.forgetKey(by.orgId, key, claim.createdAt);
    throw error;
  }
}
