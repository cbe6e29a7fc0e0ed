import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { VaultError } from '../../../shared/errors';

/** Crockford base32: no I, L, O or U, so a key read aloud or copied by hand is hard to get wrong. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ENTROPY_BYTES = 30;
const CHECKSUM_BYTES = 2;

function checksum(entropy: Buffer): Buffer {
  return createHash('sha256')
    .update('tokenvault-recovery-checksum')
    .update(entropy)
    .digest()
    .subarray(0, CHECKSUM_BYTES);
}

function encodeBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += CROCKFORD[(value << (5 - bits)) & 31];
  return out;
}

function decodeBase32(text: string): Buffer | null {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text) {
    const index = CROCKFORD.indexOf(char);
    if (index < 0) return null;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** 240 random bits + a 16-bit checksum, shown as 13 groups of 4 characters. */
export function generateRecoveryKey(): { display: string; entropy: Buffer } {
  const entropy = randomBytes(ENTROPY_BYTES);
  const encoded = encodeBase32(Buffer.concat([entropy, checksum(entropy)]));
  return { display: encoded.match(/.{1,4}/g)!.join('-'), entropy };
}

/** Accepts any case, spaces or dashes, and the usual look-alikes (O for 0, I and L for 1). */
export function parseRecoveryKey(text: string): Buffer {
  const normalised = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const bytes = decodeBase32(normalised);
  if (!bytes || bytes.length < ENTROPY_BYTES + CHECKSUM_BYTES) {
    throw new VaultError(
      'WRONG_PASSWORD',
      'That is not a recovery key: it should be 13 groups of 4 letters and digits.',
    );
  }
  const entropy = bytes.subarray(0, ENTROPY_BYTES);
  if (!checksum(entropy).equals(bytes.subarray(ENTROPY_BYTES, ENTROPY_BYTES + CHECKSUM_BYTES))) {
    throw new VaultError(
      'WRONG_PASSWORD',
      'The recovery key has a typo: its checksum does not match. Check each group.',
    );
  }
  return Buffer.from(entropy);
}

export function recoveryKeyToKek(entropy: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', entropy, salt, 'tokenvault recovery kek v1', 32));
}
