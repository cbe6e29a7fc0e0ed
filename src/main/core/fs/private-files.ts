import { chmodSync, closeSync, constants, openSync, statSync } from 'node:fs';

/** Owner read and write only: every file Token Vault writes holds or guards secrets. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Create `path` empty with mode 0600 if it does not exist yet, so a file SQLite is about to create (vault.db, a
 * backup) starts private instead of 0644: SQLite creates files with 0644 less the umask, and gives a database's
 * -wal and -shm the mode of the database file. An existing file is left alone (never opened: closing a descriptor
 * of a file would drop this process's POSIX locks on it).
 */
export function createPrivateFileIfMissing(path: string): void {
  try {
    closeSync(openSync(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** Take group and other permissions off an existing file (one written by an older version, or copied in). */
export function makeFilePrivate(path: string): void {
  let mode: number;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    return;
  }
  if ((mode & 0o077) !== 0) chmodSync(path, mode & 0o700);
}
