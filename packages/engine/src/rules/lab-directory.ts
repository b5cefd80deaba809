import type { DirectoryEntry, ImpCluster } from '../model/deployment.ts';

/**
 * Which of a user's directory entries the Lab edits. The Lab's own entries have ids made from the
 * user's id, so that editing twice edits the same rows and tests can name them.
 */
export const labEntryId = (userId: string) => `lab-${userId}`;
export const labDuplicateEntryId = (userId: string) => `lab-${userId}-dup`;

type EntryFields = Pick<DirectoryEntry, 'id' | 'impClusterId' | 'mailid'>;

export interface LabEntries<E extends EntryFields = DirectoryEntry> {
  /** The entry the "directory" editor shows and edits: the one activation would take as home. */
  main: E | undefined;
  /** Entries with the main entry's mailid on other IM&P clusters: the user's duplicate homes. */
  duplicates: E[];
}

/**
 * The main entry: the Lab's own, else (as activation looks for a home) a connected entry whose
 * mailid is the email, else any connected entry, else any; ties by id for a stable answer.
 * Generic over the entry's shape so that the SPA can label the contract's entries the same way.
 */
export function labEntries<E extends EntryFields>(
  userId: string,
  email: string,
  entries: readonly E[],
  isConnected: (entry: E) => boolean,
): LabEntries<E> {
  const lowerEmail = email.toLowerCase();
  const rank = (e: E) =>
    e.id === labEntryId(userId)
      ? 0
      : (isConnected(e) ? 0 : 2) + (e.mailid.toLowerCase() === lowerEmail ? 1 : 2);
  const candidates = entries
    .filter((e) => e.id !== labDuplicateEntryId(userId))
    .sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const main = candidates[0] ?? entries.find((e) => e.id === labDuplicateEntryId(userId));
  const mailid = main?.mailid.toLowerCase();
  const duplicates = main
    ? entries.filter(
        (e) =>
          e.id !== main.id &&
          e.impClusterId !== main.impClusterId &&
          mailid !== '' &&
          e.mailid.toLowerCase() === mailid,
      )
    : [];
  return { main, duplicates };
}

/** Whether each entry's IM&P cluster is configured on an Expressway cluster. */
export function connectedTo(
  impClusters: readonly ImpCluster[],
): (entry: Pick<DirectoryEntry, 'impClusterId'>) => boolean {
  const connected = new Set(impClusters.filter((c) => c.expresswayClusterId).map((c) => c.id));
  return (entry) => connected.has(entry.impClusterId);
}
