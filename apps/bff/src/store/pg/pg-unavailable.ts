/**
 * Whether an error means "the database cannot serve this now" — it is down or restarting, the
 * connection was lost or ended, the pool had no connection in time, a statement or a lock wait
 * ran past its limit — as opposed to a bug. The BFF answers those with a 503 problem and a
 * Retry-After (the request may succeed in a moment, or on another replica), never a 500, and
 * never by hanging: the pool's and the server's timeouts (pg-pool.ts) bound every wait.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string') {
    // SQLSTATE class 08: connection exceptions; 57P01–03: the server shutting down, crashed or
    // starting; 53300: too many connections; 57014: cancelled (statement_timeout); 55P03: a lock
    // not granted in time (lock_timeout).
    if (code.startsWith('08') || /^57P0[123]$/.test(code)) return true;
    if (code === '53300' || code === '57014' || code === '55P03') return true;
    // The socket itself (refused, reset, timed out).
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH'].includes(code)) {
      return true;
    }
  }
  // pg's own words when it gives no code: a connection lost mid-query or not obtained in time.
  return /^(Connection terminated|timeout exceeded when trying to connect)/.test(error.message);
}
