import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';

/**
 * keyslots.json is the only place the data key exists (wrapped), so losing it loses the vault even to the right
 * password or recovery key. Like LUKS2's secondary header, a second copy is kept: backups/keyslots.json, rewritten
 * after every write of the primary, so it never holds a slot the primary no longer has (an old password stays
 * revoked). `tokenvault restore` puts it back when the primary is damaged; nothing reads it otherwise.
 */
export const KEYSLOTS_COPY_DIR = 'backups';

/** The folder whose keyslots.json is the copy (readKeySlots(keySlotsCopyDir(vault)) reads and checks it). */
export function keySlotsCopyDir(vaultDir: string): string {
  return join(vaultDir, KEYSLOTS_COPY_DIR);
}

export function writeKeySlotsCopy(vaultDir: string, fileText: string, fileName: string): void {
  const dir = keySlotsCopyDir(vaultDir);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileAtomic(join(dir, fileName), fileText);
  } catch {
    // The primary is already written, so the change stands; a copy that could not follow it is removed rather
    // than left holding slots the vault no longer has. The next write of keyslots.json makes a new one.
    try {
      rmSync(join(dir, fileName), { force: true });
    } catch {
      // Nothing more can be done from here; restore checks any copy it reads against vault.db anyway.
    }
  }
}
