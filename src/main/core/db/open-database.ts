import Database from 'better-sqlite3-multiple-ciphers';
import { VaultError } from '../../../shared/errors';
import { createPrivateFileIfMissing, makeFilePrivate } from '../fs/private-files';

export type SqliteDatabase = Database.Database;

let nativeBinding: string | undefined;

/**
 * The Electron app loads an addon built for Electron's ABI from its own folder, leaving node_modules' Node build
 * to the CLI and the tests (DESIGN.md section 9).
 */
export function setSqliteNativeBinding(path: string | undefined): void {
  nativeBinding = path;
}

/** The addon to load (see setSqliteNativeBinding), for every connection the app opens. */
export function sqliteBindingOptions(): { nativeBinding?: string } {
  return nativeBinding ? { nativeBinding } : {};
}

/**
 * Open vault.db with SQLCipher 4 settings and a raw 256-bit key (no second KDF: the key is already random).
 * A wrong key or a damaged first page only shows on the first read, as SQLITE_NOTADB: we read at once and map it.
 */
export function openEncryptedDatabase(
  path: string,
  dataKey: Buffer,
  options: { readonly?: boolean } = {},
): SqliteDatabase {
  let db: SqliteDatabase | undefined;
  try {
    if (!options.readonly) {
      // vault.db and its -wal and -shm are 0600 (SQLite gives those two the database file's mode).
      createPrivateFileIfMissing(path);
      for (const suffix of ['', '-wal', '-shm']) makeFilePrivate(path + suffix);
    }
    db = new Database(path, {
      fileMustExist: options.readonly === true,
      readonly: options.readonly === true,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${dataKey.toString('hex')}'"`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    if (!options.readonly) {
      db.pragma('journal_mode=WAL');
      db.pragma('synchronous=FULL');
    }
    db.pragma('foreign_keys=ON');
    // Temp tables and sort spills stay in memory, so no plaintext temp file ever touches the disk.
    db.pragma('temp_store=MEMORY');
    // Freed pages are overwritten, so a deleted secret does not linger in the file.
    db.pragma('secure_delete=ON');
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof VaultError) throw error;
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new VaultError(
        'VAULT_CORRUPT',
        "vault.db cannot be read with this vault's key: the file is damaged or was replaced. Restore it from backups/ (tokenvault restore).",
      );
    }
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw new VaultError('VAULT_IN_USE', 'vault.db is in use by another process.');
    }
    if (
      code === 'SQLITE_CANTOPEN' ||
      code === 'SQLITE_READONLY' ||
      code === 'SQLITE_IOERR' ||
      code.startsWith('SQLITE_IOERR')
    ) {
      throw new VaultError('VAULT_CORRUPT', `vault.db cannot be opened (${code}).`);
    }
    throw new VaultError('VAULT_CORRUPT', `vault.db cannot be opened (${code || 'unknown error'}).`);
  }
}
