import { setImmediate as nextLoopTurn } from 'node:timers/promises';

/** CSV downloads one session may have under way at once (HUB_CSV_DOWNLOADS_PER_SESSION). */
export const DEFAULT_DOWNLOADS_PER_SESSION = 2;
/** … and one organization, whoever asks (HUB_CSV_DOWNLOADS_PER_ORG). */
export const DEFAULT_DOWNLOADS_PER_ORGANIZATION = 4;
/** What a refused download is told to wait: an export of 200,000 users takes about that long. */
export const DOWNLOAD_RETRY_AFTER_SECONDS = 10;

export interface CsvDownloadLimits {
  perSession: number;
  perOrganization: number;
}

/** Why a download was refused: whose downloads are at their limit, and what the limit is. */
export interface DownloadRefusal {
  over: 'session' | 'organization';
  limit: number;
}

/**
 * Every CSV download under way in this process. A download reads the whole organization, batch
 * after batch, on the one thread that answers everyone: ten at once from one session took
 * another session's users page from 23 ms to seconds. So each session and each organization
 * may have only a few under way (the others are refused, 429), and all downloads take turns
 * batch by batch with the rest of the process's work (`turn`). Kept in this process only: behind
 * N replicas a session may have the limit on each, which is what each replica can bear.
 */
export class CsvDownloads {
  readonly #bySession = new Map<string, number>();
  readonly #byOrganization = new Map<string, number>();
  #turns: Promise<void> = Promise.resolve();

  constructor(
    readonly limits: CsvDownloadLimits = {
      perSession: DEFAULT_DOWNLOADS_PER_SESSION,
      perOrganization: DEFAULT_DOWNLOADS_PER_ORGANIZATION,
    },
  ) {}

  /**
   * Counts a download of `session` in `organization`, or refuses it when either is at its
   * limit. Returns what to call once the download has ended, whichever way (called twice, it
   * counts once).
   */
  start(session: string, organization: string): { release: () => void } | DownloadRefusal {
    const { perSession, perOrganization } = this.limits;
    if ((this.#bySession.get(session) ?? 0) >= perSession) {
      return { over: 'session', limit: perSession };
    }
    if ((this.#byOrganization.get(organization) ?? 0) >= perOrganization) {
      return { over: 'organization', limit: perOrganization };
    }
    bump(this.#bySession, session, 1);
    bump(this.#byOrganization, organization, 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        bump(this.#bySession, session, -1);
        bump(this.#byOrganization, organization, -1);
      },
    };
  }

  /**
   * Resolves when this download may read its next batch: after every download that asked
   * before has had its turn, and the event loop has gone round once more. Reads of a fast
   * client's download never wait for I/O (the socket takes each write at once), so without a
   * turn they would run back to back and hold every other request until the file is done; with
   * it, other requests wait at most for one batch, however many downloads are under way.
   */
  turn(): Promise<void> {
    const turn = this.#turns.then(() => nextLoopTurn());
    this.#turns = turn;
    return turn;
  }
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const count = (counts.get(key) ?? 0) + by;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
}
