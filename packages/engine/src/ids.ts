/**
 * Ids for the rows the engine creates (history lines, jobs): a random run per engine instance,
 * then a counter. Cheap enough for a 100,000-user batch, and unique across restarts and across
 * replicas sharing one store without a round trip to it. Web Crypto, not node:crypto: the engine
 * also runs in the browser.
 */
export function createIdGenerator(): (prefix: string) => string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  const run = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  let next = 0;
  return (prefix) => `${prefix}-${run}-${(next++).toString(36)}`;
}
