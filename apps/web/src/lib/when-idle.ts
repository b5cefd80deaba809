/**
 * Calls `callback` once the page has nothing better to do (requestIdleCallback; a timeout where
 * there is none, as in jsdom), for code worth fetching before it is wanted. Returns a cancel.
 */
export function whenIdle(callback: () => void): () => void {
  if (typeof requestIdleCallback !== 'function') {
    const timer = setTimeout(callback);
    return () => clearTimeout(timer);
  }
  const idle = requestIdleCallback(callback);
  return () => cancelIdleCallback(idle);
}
