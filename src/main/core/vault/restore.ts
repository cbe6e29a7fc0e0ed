import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { VaultError } from '../../../shared/errors';
import { listBackups, type BackupInfo } from '../db/backups';
import { openEncryptedDatabase } from '../db/open-database';
import { readKeySlots } from './keyslots';
import { Vault, VAULT_DB_FILE, type Unlock } from './vault';
import { VaultLock } from './vault-lock';

export interface RestoreResult {
  restoredFrom: string;
  damagedCopy: string | null;
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Put a backup copy back as vault.db. The copy is checked first (it opens with this vault's key, passes SQLite's
 * integrity check, and belongs to this vault); the current vault.db and its WAL are kept aside, never deleted.
 */
export async function restoreFromBackup(
  vaultDirInput: string,
  unlock: Unlock,
  from?: string,
): Promise<RestoreResult> {
  const dir = resolve(vaultDirInput);
  const slots = readKeySlots(dir);
  const backups = listBackups(dir);
  const chosen: BackupInfo | undefined = from
    ? backups.find((backup) => backup.file === basename(from) || backup.path === resolve(from))
    : backups[0];
  if (!chosen) {
    throw new VaultError(
      'NOT_FOUND',
      from
        ? `There is no backup named ${basename(from)} in backups/.`
        : 'This vault has no backup copy in backups/.',
    );
  }
  const lock = VaultLock.acquire(dir);
  const dataKey = await Vault.unwrapWith(slots, unlock).catch((error) => {
    lock.release();
    throw error;
  });
  try {
    const candidate = openEncryptedDatabase(chosen.path, dataKey, { readonly: true });
    try {
      const integrity = (candidate.pragma('integrity_check', { simple: true }) as string) ?? '';
      const id = (
        candidate.prepare(`SELECT value FROM meta WHERE key = 'vault_id'`).get() as
          { value: string } | undefined
      )?.value;
      if (integrity !== 'ok')
        throw new VaultError('VAULT_CORRUPT', `The backup ${chosen.file} is damaged too (${integrity}).`);
      if (id !== slots.vaultId)
        throw new VaultError('VAULT_CORRUPT', `The backup ${chosen.file} belongs to another vault.`);
    } finally {
      candidate.close();
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const live = join(dir, VAULT_DB_FILE);
    const incoming = join(dir, `.${VAULT_DB_FILE}.restoring`);
    copyFileSync(chosen.path, incoming);
    fsyncFile(incoming);
    let damagedCopy: string | null = null;
    if (existsSync(live)) {
      damagedCopy = join(dir, `${VAULT_DB_FILE}.damaged-${stamp}`);
      renameSync(live, damagedCopy);
    }
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(live + suffix))
        renameSync(live + suffix, `${join(dir, VAULT_DB_FILE)}.damaged-${stamp}${suffix}`);
    }
    renameSync(incoming, live);
    const dirFd = openSync(dir, 'r');
    fsyncSync(dirFd);
    closeSync(dirFd);
    rmSync(incoming, { force: true });
    return { restoredFrom: chosen.file, damagedCopy: damagedCopy ? basename(damagedCopy) : null };
  } finally {
    dataKey.fill(0);
    lock.release();
  }
}
