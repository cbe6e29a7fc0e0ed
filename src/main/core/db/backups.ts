import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { VaultError } from '../../../shared/errors';
import { describeIoError } from '../fs/atomic-write';
import { createPrivateFileIfMissing } from '../fs/private-files';
import type { SqliteDatabase } from './open-database';

export const BACKUPS_DIR = 'backups';
export const BACKUPS_KEPT = 10;

export interface BackupInfo {
  file: string;
  path: string;
  sizeBytes: number;
  createdAt: string;
}

/**
 * An encrypted copy of the live database. VACUUM INTO writes it with the same cipher and key (SQLite's backup
 * API refuses an unkeyed target here, and an unkeyed copy would be plaintext), so the vault's keyslots open it.
 */
export function backupDatabase(db: SqliteDatabase, vaultDir: string, reason: string): BackupInfo {
  const dir = join(vaultDir, BACKUPS_DIR);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = `vault-${stamp}-${reason.replace(/[^a-z0-9-]/gi, '')}.db`;
  const path = join(dir, file);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // VACUUM INTO accepts an empty file: created 0600 first, the copy is private even once moved elsewhere.
    createPrivateFileIfMissing(path);
    db.prepare('VACUUM INTO ?').run(path);
  } catch (error) {
    rmSync(path, { force: true });
    if (error instanceof VaultError) throw error;
    throw describeIoError(error, 'the backup copy');
  }
  pruneBackups(vaultDir, BACKUPS_KEPT);
  return { file, path, sizeBytes: statSync(path).size, createdAt: new Date().toISOString() };
}

export function listBackups(vaultDir: string): BackupInfo[] {
  const dir = join(vaultDir, BACKUPS_DIR);
  let files: string[];
  try {
    files = readdirSync(dir).filter((name) => name.startsWith('vault-') && name.endsWith('.db'));
  } catch {
    return [];
  }
  return files
    .sort()
    .reverse()
    .map((file) => {
      const stat = statSync(join(dir, file));
      return { file, path: join(dir, file), sizeBytes: stat.size, createdAt: stat.mtime.toISOString() };
    });
}

function pruneBackups(vaultDir: string, keep: number): void {
  for (const old of listBackups(vaultDir).slice(keep)) rmSync(old.path, { force: true });
}
