/**
 * A fresh Idempotency-Key for one admin action (128 random bits, hex). `crypto.randomUUID` would
 * do, but browsers offer it only in secure contexts, and the console may be opened over plain
 * HTTP on a private address; `getRandomValues` is there everywhere.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
