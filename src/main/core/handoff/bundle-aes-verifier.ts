import { pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { AES_SALT_BYTES, type BundleEntryLayout } from './bundle-layout';

const AES_256_KEY_BYTES = 32;
const VERIFIER_BYTES = 2;
const AE_PBKDF2_ROUNDS = 1_000;

/**
 * WinZip AES stores, after each entry's salt, two bytes derived from the password with the keys. When the seal
 * does not match, they tell a wrong password (no entry's verifier matches) from a file altered after it was made,
 * without decrypting anything. zip.js derives from the UTF-8 bytes of the password, as is, so this does too.
 */
export function aesPasswordMatches(bundle: Uint8Array, entry: BundleEntryLayout, password: string): boolean {
  const bytes = Buffer.from(bundle.buffer, bundle.byteOffset, bundle.byteLength);
  const salt = bytes.subarray(entry.dataOffset, entry.dataOffset + AES_SALT_BYTES);
  const stored = bytes.subarray(
    entry.dataOffset + AES_SALT_BYTES,
    entry.dataOffset + AES_SALT_BYTES + VERIFIER_BYTES,
  );
  const derived = pbkdf2Sync(
    Buffer.from(password, 'utf8'),
    salt,
    AE_PBKDF2_ROUNDS,
    2 * AES_256_KEY_BYTES + VERIFIER_BYTES,
    'sha1',
  );
  return timingSafeEqual(derived.subarray(2 * AES_256_KEY_BYTES), stored);
}
