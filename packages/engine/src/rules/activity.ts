/** A user is active if they read or wrote a message through the service in the 72 hours up to now. */
export const ACTIVITY_WINDOW_MS = 72 * 60 * 60 * 1000;

/** The earliest last-activity time that still counts as active at `now`. */
export function activeSince(now: number): number {
  return now - ACTIVITY_WINDOW_MS;
}

export function isActive(lastActivityAt: number | null, now: number): boolean {
  return lastActivityAt !== null && lastActivityAt >= activeSince(now);
}
