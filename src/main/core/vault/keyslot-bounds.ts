import { VaultError } from '../../../shared/errors';
import type { KeySlotsFile } from './keyslots';

/**
 * The Argon2id parameters and byte lengths a keyslots.json may hold (docs/vault-format.md, section 2.4). They are
 * checked before anything is derived: an edited file must not make the unlock hang (t = 2^31), allocate
 * gigabytes (m = 16 GiB) or fail inside the KDF (m = 8). The app writes m = 64 MiB, p = 4 and t from 3 to 64.
 */
export const KEYSLOT_KDF_BOUNDS = {
  memoryKiB: { min: 64 * 1024, max: 1024 * 1024 },
  iterations: { min: 3, max: 64 },
  parallelism: { min: 4, max: 16 },
} as const;

/** Decoded lengths in bytes of every base64 field. */
export const KEYSLOT_BYTE_LENGTHS = { salt: 16, nonce: 12, ciphertext: 32, tag: 16 } as const;

/** keyslots.json itself: three slots take about 2 KB. */
export const KEYSLOTS_FILE_MAX_BYTES = 64 * 1024;
export const KEYSLOTS_MAX_SLOTS = 16;

function decodedLength(base64: string): number {
  return Buffer.from(base64, 'base64').length;
}

/** The sentence for a keyslots.json outside its bounds (exit 6); `detail` names what is wrong. */
export function keySlotsAltered(detail: string): VaultError {
  return new VaultError(
    'VAULT_CORRUPT',
    `keyslots.json is damaged or altered (${detail}); put back its copy from backups/ with tokenvault restore.`,
  );
}

/** Throws VAULT_CORRUPT naming the first field outside its bounds. */
export function assertKeySlotsWithinBounds(file: KeySlotsFile): void {
  if (file.slots.length > KEYSLOTS_MAX_SLOTS) throw keySlotsAltered(`${file.slots.length} key slots`);
  for (const slot of file.slots) {
    if (slot.type === 'password') {
      for (const name of ['memoryKiB', 'iterations', 'parallelism'] as const) {
        const { min, max } = KEYSLOT_KDF_BOUNDS[name];
        const value = slot.kdf[name];
        if (value < min || value > max) {
          throw keySlotsAltered(`the password slot's Argon2id ${name} is ${value}, outside ${min} to ${max}`);
        }
      }
    }
    if (slot.type !== 'keychain' && decodedLength(slot.kdf.salt) !== KEYSLOT_BYTE_LENGTHS.salt) {
      throw keySlotsAltered(`the ${slot.type} slot's salt is not ${KEYSLOT_BYTE_LENGTHS.salt} bytes`);
    }
    for (const field of ['nonce', 'ciphertext', 'tag'] as const) {
      if (decodedLength(slot.wrap[field]) !== KEYSLOT_BYTE_LENGTHS[field]) {
        throw keySlotsAltered(
          `the ${slot.type} slot's wrap ${field} is not ${KEYSLOT_BYTE_LENGTHS[field]} bytes`,
        );
      }
    }
  }
}
