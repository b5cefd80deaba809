import type { LabDirectoryEntry, LabUser } from '@hybrid-hub/contract';

export interface LabEntryRoles {
  /** The entry the directory editor edits: the one activation would take as the user's home. */
  main: LabDirectoryEntry | undefined;
  /** The main entry's mailid on other IM and Presence clusters: duplicate homes. */
  duplicates: LabDirectoryEntry[];
}

/**
 * Which entry the Lab's `directory` edit applies to. The contract does not mark it, so this
 * follows the engine's rule (packages/engine/src/rules/lab-directory.ts): the Lab's own entry
 * (`lab-<userId>`), else a connected entry whose mailid is the email, else a connected one,
 * else any; ties by id. Shown as a label only: the server decides what it edits.
 */
export function labEntryRoles(user: LabUser): LabEntryRoles {
  const email = user.email.toLowerCase();
  const own = `lab-${user.userId}`;
  const duplicateId = `lab-${user.userId}-dup`;
  const rank = (e: LabDirectoryEntry) =>
    e.id === own ? 0 : (e.connected ? 0 : 2) + (e.mailid.toLowerCase() === email ? 1 : 2);
  const candidates = user.directoryEntries
    .filter((e) => e.id !== duplicateId)
    .sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const main = candidates[0] ?? user.directoryEntries.find((e) => e.id === duplicateId);
  const mailid = main?.mailid.toLowerCase();
  const duplicates = main
    ? user.directoryEntries.filter(
        (e) =>
          e.id !== main.id &&
          e.impClusterId !== main.impClusterId &&
          mailid !== '' &&
          e.mailid.toLowerCase() === mailid,
      )
    : [];
  return { main, duplicates };
}
