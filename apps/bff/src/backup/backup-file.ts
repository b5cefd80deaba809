import { closeSync, openSync, readSync, renameSync, rmSync } from 'node:fs';

/** What a backup file holds, told by its first bytes. */
export type BackupKind = 'sqlite' | 'postgresql';

const SQLITE_MAGIC = 'SQLite format 3\0';

/** A SQLite database file, or our PostgreSQL backup (gzip); anything else is refused. */
export function backupKind(file: string): BackupKind {
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') === SQLITE_MAGIC) return 'sqlite';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'postgresql';
  throw new Error(`${file} is not a Hybrid Hub backup (neither SQLite nor a PostgreSQL backup)`);
}

/**
 * Writes a backup under a temporary name, created owner-only before anything is in it (it
 * holds password hashes and the AXL accounts' passwords), and gives it its name only once it is
 * complete: a backup interrupted midway never looks like one.
 */
export async function writeAtomically<T>(
  file: string,
  write: (partial: string) => Promise<T>,
): Promise<T> {
  const partial = `${file}.partial`;
  closeSync(openSync(partial, 'wx', 0o600));
  try {
    const result = await write(partial);
    renameSync(partial, file);
    return result;
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}
