import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { VaultError } from '../../../shared/errors';
import { listBackups, type BackupInfo } from '../db/backups';
import { schemaVersion } from '../db/migrate';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { openEncryptedDatabase } from '../db/open-database';
import { writeFileAtomic } from '../fs/atomic-write';
import { makeFilePrivate } from '../fs/private-files';
import { readBoundedFile } from '../fs/read-bounded';
import { KEYSLOTS_FILE_MAX_BYTES } from './keyslot-bounds';
import { KEYSLOTS_FILE_NAME, keyslotsPath, readKeySlots, type KeySlotsFile } from './keyslots';
import { keySlotsCopyDir } from './keyslots-copy';
import { Vault, VAULT_DB_FILE, type Unlock } from './vault';
import { VaultLock } from './vault-lock';

export interface RestoreResult {
  /** The backups/ file put back as vault.db, or null when vault.db was healthy and left alone. */
  restoredFrom: string | null;
  /** What the replaced vault.db is now called (kept, never deleted). */
  damagedCopy: string | null;
  /** True when keyslots.json was damaged and its copy from backups/ was put back. */
  keySlotsRestored: boolean;
  damagedKeySlots: string | null;
}

function fsyncPath(path: string, flags: 'r' | 'r+'): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** keyslots.json, or its copy in backups/ when the primary is missing or damaged. */
function chooseKeySlots(dir: string): { slots: KeySlotsFile; fromCopy: boolean } {
  try {
    return { slots: readKeySlots(dir), fromCopy: false };
  } catch (error) {
    if (!(error instanceof VaultError) || error.code !== 'VAULT_CORRUPT') throw error;
    // A folder with neither vault.db nor backups is not a damaged vault but no vault at all.
    if (!existsSync(join(dir, VAULT_DB_FILE)) && listBackups(dir).length === 0) throw error;
    let copy: KeySlotsFile;
    try {
      copy = readKeySlots(keySlotsCopyDir(dir));
    } catch {
      throw new VaultError(
        'VAULT_CORRUPT',
        'keyslots.json is damaged and backups/ holds no usable copy of it; restore the vault folder from a copy made outside Token Vault.',
      );
    }
    return { slots: copy, fromCopy: true };
  }
}

/** Why this database file cannot serve as this vault's vault.db, or null when it can. */
function databaseProblem(path: string, dataKey: Buffer, vaultId: string): string | null {
  let db;
  try {
    db = openEncryptedDatabase(path, dataKey, { readonly: true });
  } catch {
    return "it does not open with this vault's key";
  }
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }) ?? '');
    if (integrity !== 'ok') return 'it fails SQLite integrity_check';
    const version = schemaVersion(db);
    if (version > LATEST_SCHEMA_VERSION)
      return `its schema version ${version} is newer than this app understands`;
    const id = (
      db.prepare(`SELECT value FROM meta WHERE key = 'vault_id'`).get() as { value: string } | undefined
    )?.value;
    if (id !== vaultId) return 'it belongs to another vault';
    return null;
  } catch {
    return 'it cannot be read';
  } finally {
    db.close();
  }
}

function chooseBackup(dir: string, from: string | undefined): BackupInfo {
  const backups = listBackups(dir);
  // A bare file name, or a path that leads into this vault's backups/ (from here or from the vault folder).
  const chosen = from
    ? backups.find(
        (backup) =>
          from === backup.file || resolve(from) === backup.path || resolve(dir, from) === backup.path,
      )
    : backups[0];
  if (!chosen) {
    throw new VaultError(
      'NOT_FOUND',
      from
        ? `There is no backup named ${basename(from)} in backups/ (tokenvault backups VAULT lists them).`
        : 'This vault has no backup copy of vault.db in backups/.',
    );
  }
  return chosen;
}

/**
 * Put the vault back in working order from backups/. keyslots.json is restored from its copy only if it is damaged.
 * vault.db is replaced by a backup (the newest, or `from`) unless only keyslots.json was damaged and vault.db is
 * healthy. Every candidate is checked first (it opens with this vault's key, passes integrity_check, carries this
 * vault's id, and its schema is one this app understands); the replaced files are renamed aside, never deleted.
 */
export async function restoreFromBackup(
  vaultDirInput: string,
  unlock: Unlock,
  from?: string,
): Promise<RestoreResult> {
  const dir = resolve(vaultDirInput);
  if (!existsSync(dir)) throw new VaultError('NOT_FOUND', `There is no vault at ${dir}.`);
  const { slots, fromCopy } = chooseKeySlots(dir);
  const lock = VaultLock.acquire(dir);
  let dataKey: Buffer | undefined;
  const live = join(dir, VAULT_DB_FILE);
  const incoming = join(dir, `.${VAULT_DB_FILE}.restoring`);
  try {
    dataKey = await Vault.unwrapWith(slots, unlock);
    const replaceDatabase =
      from !== undefined ||
      !fromCopy ||
      !existsSync(live) ||
      databaseProblem(live, dataKey, slots.vaultId) !== null;
    const chosen = replaceDatabase ? chooseBackup(dir, from) : null;

    if (chosen) {
      // Check the bytes that will become vault.db, not the file they came from.
      copyFileSync(chosen.path, incoming);
      // A backup made by an older version is 0644; the copy keeps that mode unless told otherwise.
      makeFilePrivate(incoming);
      fsyncPath(incoming, 'r+');
      const problem = databaseProblem(incoming, dataKey, slots.vaultId);
      for (const suffix of ['-wal', '-shm']) rmSync(incoming + suffix, { force: true });
      if (problem) {
        throw new VaultError('VAULT_CORRUPT', `The backup ${chosen.file} cannot be restored: ${problem}.`);
      }
    }

    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    let damagedKeySlots: string | null = null;
    if (fromCopy) {
      const primary = keyslotsPath(dir);
      if (existsSync(primary)) {
        damagedKeySlots = `${KEYSLOTS_FILE_NAME}.damaged-${stamp}`;
        renameSync(primary, join(dir, damagedKeySlots));
      }
      writeFileAtomic(
        primary,
        readBoundedFile(join(keySlotsCopyDir(dir), KEYSLOTS_FILE_NAME), {
          maxBytes: KEYSLOTS_FILE_MAX_BYTES,
          what: 'backups/keyslots.json',
          refusedCode: 'VAULT_CORRUPT',
        }),
        {
          exclusive: true,
        },
      );
    }

    let damagedCopy: string | null = null;
    if (chosen) {
      if (existsSync(live)) {
        damagedCopy = `${VAULT_DB_FILE}.damaged-${stamp}`;
        renameSync(live, join(dir, damagedCopy));
      }
      // The WAL and shared memory belong to the file set aside: left in place they would be replayed into the backup.
      for (const suffix of ['-wal', '-shm']) {
        if (existsSync(live + suffix))
          renameSync(live + suffix, join(dir, `${VAULT_DB_FILE}.damaged-${stamp}${suffix}`));
      }
      renameSync(incoming, live);
    }
    fsyncPath(dir, 'r');
    return {
      restoredFrom: chosen?.file ?? null,
      damagedCopy,
      keySlotsRestored: fromCopy,
      damagedKeySlots,
    };
  } finally {
    rmSync(incoming, { force: true });
    dataKey?.fill(0);
    lock.release();
  }
}
