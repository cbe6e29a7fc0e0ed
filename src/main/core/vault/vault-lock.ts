import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { VaultError } from '../../../shared/errors';

export const LOCK_FILE_NAME = 'vault.lock';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One writer per vault folder. The lock file is created exclusively and names its owner; a lock left by a
 * process that died (kill -9, power cut) on this host is taken over, since its owner can no longer write.
 */
export class VaultLock {
  private released = false;

  private constructor(private readonly path: string) {}

  static acquire(vaultDir: string): VaultLock {
    const path = join(vaultDir, LOCK_FILE_NAME);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx', 0o600);
        const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
        writeSync(fd, JSON.stringify(owner));
        closeSync(fd);
        return new VaultLock(path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST') {
          if (code === 'ENOSPC') {
            throw new VaultError(
              'IO',
              'The disk is full: the vault cannot be opened for writing. Free some space and try again.',
            );
          }
          if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
            throw new VaultError(
              'VAULT_CORRUPT',
              'The vault folder is read-only, so the vault cannot be opened for writing.',
            );
          }
          throw new VaultError(
            'VAULT_CORRUPT',
            `The vault folder cannot be used (${code ?? 'unknown error'}).`,
          );
        }
        const owner = readOwner(path);
        if (owner && owner.host === hostname() && owner.pid !== process.pid && !isAlive(owner.pid)) {
          rmSync(path, { force: true });
          continue;
        }
        if (owner === null && attempt === 0) {
          // An empty or garbled lock file is what a crash between create and write leaves behind.
          rmSync(path, { force: true });
          continue;
        }
        const who = owner ? ` (process ${owner.pid} on ${owner.host} since ${owner.since})` : '';
        throw new VaultError(
          'VAULT_IN_USE',
          `This vault is in use by another Token Vault window or command${who}. Close it and try again.`,
        );
      }
    }
    throw new VaultError('VAULT_IN_USE', 'This vault is in use by another Token Vault window or command.');
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    rmSync(this.path, { force: true });
  }
}

function readOwner(path: string): LockOwner | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') {
      return { pid: parsed.pid, host: parsed.host, since: String(parsed.since ?? '') };
    }
    return null;
  } catch {
    return null;
  }
}
