import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { VaultError } from '../../../shared/errors';

/** Crockford base32: no I, L, O or U, so a key read aloud or copied by hand is hard to get wrong. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ENTROPY_BYTES = 30;
const CHECKSUM_BYTES = 2;
/** 256 bits in 5-bit characters: 52 characters, the last holding one bit and four zero padding bits. */
const KEY_CHARACTERS = Math.ceil(((ENTROPY_BYTES + CHECKSUM_BYTES) * 8) / 5);
const PADDING_BITS = KEY_CHARACTERS * 5 - (ENTROPY_BYTES + CHECKSUM_BYTES) * 8;

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
  const bytes = normalised.length === KEY_CHARACTERS ? decodeBase32(normalised) : null;
  if (!bytes) {
    throw new VaultError(
      'WRONG_PASSWORD',
      'That is not a recovery key: it should be 13 groups of 4 letters and digits.',
    );
  }
  const entropy = bytes.subarray(0, ENTROPY_BYTES);
  // The padding bits of the last character are always zero in a printed key: any other last character is a typo,
  // even though it would decode to the same bits, so the key is accepted only exactly as printed.
  const paddingIsZero =
    (CROCKFORD.indexOf(normalised[KEY_CHARACTERS - 1]!) & ((1 << PADDING_BITS) - 1)) === 0;
  if (
    !paddingIsZero ||
    !checksum(entropy).equals(bytes.subarray(ENTROPY_BYTES, ENTROPY_BYTES + CHECKSUM_BYTES))
  ) {
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
