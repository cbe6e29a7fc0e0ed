import { VaultError } from '../../../shared/errors';

/**
 * SQLite's storage failures during a write, as sentences. The transaction has rolled back, so the previous state is
 * intact; the message says so. Returns null for anything that is not a storage failure.
 */
export function storageErrorToVaultError(error: unknown): VaultError | null {
  if (error instanceof VaultError) return error;
  const code = String((error as { code?: unknown })?.code ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new VaultError(
      'IO',
      'The disk is full: the change was not saved and the vault is as it was. Free some space and try again.',
      { cause: error },
    );
  }
  if (
    code === 'SQLITE_READONLY' ||
    code.startsWith('SQLITE_READONLY') ||
    code === 'EROFS' ||
    code === 'EACCES'
  ) {
    return new VaultError(
      'IO',
      'The vault folder is read-only: the change was not saved and the vault is as it was.',
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return new VaultError(
      'IO',
      'The disk reported an error: the change was not saved. Check the drive, then run tokenvault verify.',
      { cause: error },
    );
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new VaultError(
      'VAULT_CORRUPT',
      'vault.db is damaged; restore it from backups/ (tokenvault restore).',
      { cause: error },
    );
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new VaultError('VAULT_IN_USE', 'The vault is busy in another process; try again.', {
      cause: error,
    });
  }
  return null;
}
