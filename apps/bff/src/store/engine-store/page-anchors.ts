/**
 * Where every ANCHOR_EVERY-th user of a sorted list stands, so that a page by number is a seek to
 * the anchor before it plus a short OFFSET, instead of an OFFSET that skips index entries one by
 * one from the start (SQLite's indexes are not counted: page 1,592 of the Active users by last
 * activity skipped 79,550 entries, ~5 ms of SQL a request, against ~0.5 ms for page 3).
 *
 * Anchors describe the data as it was when they were read, so each list's anchors carry the
 * store's write generation of that moment (see sqlite-store.ts: it moves after every write and
 * at the end of every transaction, committed or not) and are used only while it has not moved.
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

  constructor(
    /** The store's write generation: anchors read at another one may be wrong. */
    private readonly generation: () => number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * The anchor nearest before `offset` in the list `list` names (its organization, filter, sort
   * and direction), reading the list's anchors with `read` when they are missing or stale (and
   * not read too recently); undefined when the caller should walk from the start instead.
   */
  before(list: string, offset: number, read: () => Anchor[]): Anchor | undefined {
    if (offset < ANCHOR_EVERY) return undefined;
    // Read before the anchors are: a write that lands meanwhile moves it past their label.
    const generation = this.generation();
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
