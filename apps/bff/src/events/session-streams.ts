/** Streams one session may hold open in this process (HUB_SESSION_STREAMS). */
export const DEFAULT_STREAMS_PER_SESSION = 10;

/**
 * The event streams open per session, so that one session never holds more than `max`: the
 * browser's tabs share one stream (SPEC "Events"), and what piles up beyond a few are the
 * EventSources of tabs long gone whose connections linger (a proxy keeping them, a laptop
 * asleep), or a script's. The newest stream wins: opening one over the limit ends that session's
 * oldest. Kept in this process only, so behind N replicas a session may hold `max` on each.
 */
export class SessionStreams {
  readonly #open = new Map<string, (() => void)[]>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  /**
   * Counts a stream of `session` (ending it is `end`), ending the session's oldest streams
   * beyond the limit. Returns what to call when the stream has closed.
   */
  add(session: string, end: () => void): () => void {
    let ends = this.#open.get(session);
    if (!ends) {
      ends = [];
      this.#open.set(session, ends);
    }
    ends.push(end);
    while (ends.length > this.#max) ends.shift()!();
    const streams = ends;
    return () => {
      const at = streams.indexOf(end);
      if (at !== -1) streams.splice(at, 1);
      if (streams.length === 0 && this.#open.get(session) === streams) this.#open.delete(session);
    };
  }
}
