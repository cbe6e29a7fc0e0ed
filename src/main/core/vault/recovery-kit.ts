import { parseRecoveryKey } from '../crypto/recovery-key';
import { writeFileAtomic } from '../fs/atomic-write';

/**
 * The emergency kit as a text file: the recovery key with what it is for and how to use it, the page the app also
 * prints. No other secret is in it, and no file of the vault.
 */
export function recoveryKitText(kit: { recoveryKey: string; vaultPath?: string; madeAt: Date }): string {
  return [
    'Token Vault emergency kit',
    '',
    `Vault folder: ${kit.vaultPath ?? '(the folder you created)'}`,
    `Made: ${kit.madeAt.toISOString().slice(0, 10)}`,
    '',
    `Recovery key: ${kit.recoveryKey}`,
    '',
    'If you forget the master password: open the vault in Token Vault, choose "Use the recovery key" and type the',
    'key above (or `tokenvault` with --recovery-key-file). Then set a new master password.',
    '',
    'Anyone with this key and a copy of the vault folder can open the vault. Keep this file off the computer that',
    'holds the vault: print it and delete it, or keep it on a drive in a safe.',
    '',
  ].join('\n');
}

/** Writes the kit (mode 0600, all or nothing, never over an existing file). */
export function writeRecoveryKit(
  outPath: string,
  kit: { recoveryKey: string; vaultPath?: string; madeAt?: Date },
): void {
  const recoveryKey = kit.recoveryKey.trim();
  // Only a real recovery key (its checksum holds) is written: the kit must never hold a mistyped one.
  parseRecoveryKey(recoveryKey);
  writeFileAtomic(
    outPath,
    recoveryKitText({ recoveryKey, vaultPath: kit.vaultPath, madeAt: kit.madeAt ?? new Date() }),
    { exclusive: true },
  );
}
