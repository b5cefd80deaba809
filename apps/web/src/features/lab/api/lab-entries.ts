import type { LabDirectoryEntry, LabUser } from '@hybrid-hub/contract';
import { labEntries, type LabEntries } from '@hybrid-hub/engine';

export type LabEntryRoles = LabEntries<LabDirectoryEntry>;

/**
 * Which entry the Lab's `directory` edit applies to (the main entry) and which are duplicate
 * homes. The contract does not mark them, so the SPA asks the engine's own pure rule — the one
 * the server applies — instead of restating it (only that function ends up in the bundle).
 * Shown as labels only: the server decides what it edits.
 */
export function labEntryRoles(user: LabUser): LabEntryRoles {
  return labEntries(user.userId, user.email, user.directoryEntries, (entry) => entry.connected);
}
