/**
 * Where every ANCHOR_EVERY-th user of a sorted list stands, so that a page by number is a seek to
 * the anchor before it plus a short OFFSET, instead of an OFFSET that skips index entries one by
 * one from the start (SQLite's indexes are not counted: page 1,592 of the Active users by last
 * activity skipped 79,550 entries, ~5 ms of SQL a request, against ~0.5 ms for page 3).
 *
 * Anchors describe the users as they were when they were read, so each list's anchors carry the
 * generation of the users table at that moment and are used only while it has not moved: it
 * moves at every write of users (SqliteUsers), and again at the end of a transaction that wrote
 * any, committed or rolled back (what a read saw inside it, or before its commit, may be gone).
 * Writes of anything else (sessions, events, alarms, the due work's reads) leave it alone, so a
 * quiet organization keeps its anchors while the due-work loop ticks.
 * A stale list is read again, but at most once a RECOMPUTE_AFTER_MS per list: while an
 * organization changes all the time (a bulk job), pages by number fall back to the OFFSET walk
 * instead of paying for the anchors on every request. Either way the page is exact.
 */

/** The sort key and id of the user at `position` of one list (its order, its filter). */
export interface Anchor {
  key: string | number;
  id: string;
  position: number;
}

/** One user in every this many: a page after its anchor skips fewer than this many entries. */
export const ANCHOR_EVERY = 1_000;

/** A stale list is read again at most this often (ms): its cost is a walk of the whole list. */
const RECOMPUTE_AFTER_MS = 1_000;

/** Lists kept at most (4 sorts × 2 directions × 5 filters a busy organization, for a few dozen). */
const MAX_LISTS = 512;

interface AnchorList {
  generation: number;
  readAt: number;
  anchors: readonly Anchor[];
}

export class PageAnchors {
  readonly #lists = new Map<string, AnchorList>();
  #generation = 0;
  #wroteInTransaction = false;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /**
   * Users are about to be written (inserted or updated), on their own or in the open
   * transaction: anchors read before are stale, and so are those read before its end.
   */
  usersWritten(): void {
    this.#generation++;
    this.#wroteInTransaction = true;
  }

  /** The store's transaction ended (committed or rolled back; the store runs one at a time). */
  transactionEnded(): void {
    if (!this.#wroteInTransaction) return;
    this.#wroteInTransaction = false;
    this.#generation++;
  }

  /**
   * The anchor nearest before `offset` in the list `list` names (its organization, filter, sort
   * and direction), reading the list's anchors with `read` when they are missing or stale (and
   * not read too recently); undefined when the caller should walk from the start instead.
   */
  before(list: string, offset: number, read: () => Anchor[]): Anchor | undefined {
    if (offset < ANCHOR_EVERY) return undefined;
    const generation = this.#generation;
    let entry = this.#lists.get(list);
    if (!entry || entry.generation !== generation) {
      if (entry && this.now() - entry.readAt < RECOMPUTE_AFTER_MS) return undefined;
      entry = { generation, readAt: this.now(), anchors: read() };
      this.#lists.delete(list); // re-inserted last: the map's order is its age
      this.#lists.set(list, entry);
      if (this.#lists.size > MAX_LISTS) this.#lists.delete(this.#lists.keys().next().value!);
    }
    return entry.anchors[Math.min(Math.floor(offset / ANCHOR_EVERY), entry.anchors.length - 1)];
  }
}
