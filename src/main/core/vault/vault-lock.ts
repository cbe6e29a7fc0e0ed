import Database from 'better-sqlite3-multiple-ciphers';
import { accessSync, closeSync, constants, openSync } from 'node:fs';
import { join } from 'node:path';
import { VaultError } from '../../../shared/errors';
import { sqliteBindingOptions, type SqliteDatabase } from '../db/open-database';

/**
 * The file the lock is held on. It is never deleted: deleting a lock file while another process waits on it would
 * let a third process lock a new file of the same name (docs/decisions/0006-os-released-vault-lock.md).
 */
export const LOCK_FILE_NAME = 'writer.lock';

/** The steps of acquisition, in order; tests pause a process at each one to race another against it. */
export const LOCK_STEPS = ['create-file', 'open', 'lock'] as const;
export type LockStep = (typeof LOCK_STEPS)[number];

export interface AcquireOptions {
  /** Called just before each step; a test seam, never used by the app. */
  beforeStep?: (step: LockStep) => void;
}

function inUse(): VaultError {
  return new VaultError(
    'VAULT_IN_USE',
    'This vault is in use by another Token Vault window or command. Close it and try again.',
  );
}

function folderError(code: string | undefined): VaultError {
  if (code === 'ENOSPC') {
    return new VaultError(
      'IO',
      'The disk is full: the vault cannot be opened for writing. Free some space and try again.',
    );
  }
  if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM' || code === 'SQLITE_READONLY') {
    return new VaultError(
      'VAULT_CORRUPT',
      'The vault folder is read-only, so the vault cannot be opened for writing.',
    );
  }
  return new VaultError('VAULT_CORRUPT', `The vault folder cannot be used (${code ?? 'unknown error'}).`);
}

/**
 * One writer per vault folder, through an exclusive lock the operating system holds for the process: SQLite's
 * `locking_mode = EXCLUSIVE` on a small plain database, `writer.lock`, kept open from unlock to lock. The lock is a
 * POSIX advisory lock (LockFileEx on Windows) taken in one system call, so two processes cannot both win, and it
 * goes when the process goes (exit, crash, kill -9): there is never a stale lock to judge or take over. SQLite
 * also tracks the lock per file within a process, so a second open in the same process is refused too.
 */
export class VaultLock {
  private released = false;

  private constructor(private readonly db: SqliteDatabase) {}

  static acquire(vaultDir: string, options: AcquireOptions = {}): VaultLock {
    const path = join(vaultDir, LOCK_FILE_NAME);
    options.beforeStep?.('create-file');
    try {
      // Created private (0600) before SQLite sees it; 'wx' never opens a file another holder has, whose lock a
      // close here would drop (POSIX locks belong to the process, not to the descriptor).
      closeSync(openSync(path, 'wx', 0o600));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw folderError(code);
    }
    try {
      // SQLite would open a file it cannot write read-only and still report the lock taken: ask first (access()
      // opens no descriptor, so a lock this process holds on the file is not disturbed).
      accessSync(path, constants.W_OK);
    } catch (error) {
      throw folderError((error as NodeJS.ErrnoException).code);
    }
    options.beforeStep?.('open');
    let db: SqliteDatabase;
    try {
      // timeout 0: a held lock is answered at once, not after SQLite's busy wait.
      db = new Database(path, { timeout: 0, ...sqliteBindingOptions() });
    } catch (error) {
      throw folderError((error as { code?: string }).code);
    }
    try {
      options.beforeStep?.('lock');
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = OFF');
      // An exclusive transaction takes the lock; in EXCLUSIVE locking mode SQLite keeps it until the connection closes.
      db.exec('BEGIN EXCLUSIVE; COMMIT');
      return new VaultLock(db);
    } catch (error) {
      db.close();
      const code = (error as { code?: string }).code;
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw inUse();
      if (code === 'SQLITE_NOTADB') {
        throw new VaultError(
          'VAULT_CORRUPT',
          `${LOCK_FILE_NAME} in the vault folder is not Token Vault's lock file; delete it while no Token Vault uses the vault.`,
        );
      }
      throw folderError(code);
    }
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.db.close();
  }
}
