import { useEffect, useState } from 'react';

const TICK_MS = 15_000;

/**
 * The service's now, moving on between reads: the `now` the server last said, plus the real time
 * elapsed since it said it. (The browser's clock alone would ignore every fast-forward.)
 */
export function useServiceNow(serverNow: string | undefined, readAt: number): number {
  const [wallNow, setWallNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setWallNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  if (!serverNow) return wallNow;
  return Date.parse(serverNow) + Math.max(0, wallNow - readAt);
}
