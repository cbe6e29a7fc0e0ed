import { createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * AES-zip authenticates each entry's data but not the headers around it, so a flipped bit in a date, a size or a
 * name goes unnoticed. The seal is an HMAC-SHA256 over every byte before the ZIP comment, keyed from the bundle
 * password, stored as the comment: "TVSEAL1:<salt hex>:<hmac hex>". 7-Zip and others ignore the comment.
 */
export const SEAL_PREFIX = 'TVSEAL1:';
const SALT_BYTES = 16;
// As many rounds as AE-2 itself uses: the seal guards integrity, and the password's 80+ bits carry the strength.
const PBKDF2_ROUNDS = 1_000;
export const SEAL_LENGTH = SEAL_PREFIX.length + SALT_BYTES * 2 + 1 + 64;

function sealKey(password: string, salt: Buffer): Buffer {
  return pbkdf2Sync(Buffer.from(password.normalize('NFC'), 'utf8'), salt, PBKDF2_ROUNDS, 32, 'sha256');
}

/** A comment of the final length, to be replaced once the bytes before it are known. */
export function sealPlaceholder(): Uint8Array {
  return new Uint8Array(SEAL_LENGTH).fill(0x30);
}

/** Overwrite the placeholder comment at the end of `zip` with the seal over everything before it. */
export function applySeal(zip: Uint8Array, password: string): Uint8Array {
  const sealed = Buffer.from(zip);
  const salt = randomBytes(SALT_BYTES);
  const start = sealed.length - SEAL_LENGTH;
  const mac = createHmac('sha256', sealKey(password, salt)).update(sealed.subarray(0, start)).digest('hex');
  sealed.write(`${SEAL_PREFIX}${salt.toString('hex')}:${mac}`, start, 'latin1');
  return new Uint8Array(sealed);
}

export type SealCheck = 'valid' | 'mismatch' | 'missing';

export function checkSeal(zip: Uint8Array, password: string): SealCheck {
  const bytes = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  if (bytes.length < SEAL_LENGTH) return 'missing';
  const start = bytes.length - SEAL_LENGTH;
  const comment = bytes.subarray(start).toString('latin1');
  const match = /^TVSEAL1:([0-9a-f]{32}):([0-9a-f]{64})$/.exec(comment);
  if (!match) return 'missing';
  const expected = createHmac('sha256', sealKey(password, Buffer.from(match[1]!, 'hex')))
    .update(bytes.subarray(0, start))
    .digest();
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex')) ? 'valid' : 'mismatch';
}
