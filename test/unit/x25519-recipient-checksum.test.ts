import { randomBytes } from 'node:crypto';
import { Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isX25519RecipientChecksumValid } from '../../src/main/core/age/x25519-recipient-checksum';

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

/** Whether age-encryption itself takes the key: the definition the hand-written check must agree with. */
function ageAccepts(recipient: string): boolean {
  try {
    new Encrypter().addRecipient(recipient);
    return true;
  } catch {
    return false;
  }
}

/** A bech32 string with a correct checksum over any 52 data words (so the spare bits may be non-zero). */
function withChecksum(words: number[]): string {
  const values = [3, 3, 3, 0, 1, 7, 5, ...words, 0, 0, 0, 0, 0, 0];
  let checksum = 1;
  const generators = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  for (const value of values) {
    const top = checksum >>> 25;
    checksum = ((checksum & 0x1ffffff) << 5) ^ value;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) checksum ^= generators[i]!;
  }
  const mod = checksum ^ 1;
  const check = Array.from({ length: 6 }, (_, i) => (mod >>> (5 * (5 - i))) & 31);
  return `age1${[...words, ...check].map((w) => CHARSET[w]).join('')}`;
}

describe('the X25519 recipient checksum agrees with age-encryption', () => {
  it('keys age-keygen-style generated are valid; every single mistype is told apart as age tells it', async () => {
    for (let n = 0; n < 20; n++) {
      const recipient = await identityToRecipient(await generateX25519Identity());
      expect(isX25519RecipientChecksumValid(recipient)).toBe(true);
      const at = 4 + (randomBytes(1)[0]! % 58);
      for (const char of CHARSET) {
        const mistyped = recipient.slice(0, at) + char + recipient.slice(at + 1);
        expect(isX25519RecipientChecksumValid(mistyped)).toBe(ageAccepts(mistyped));
      }
    }
  });

  it('random data words with a correct checksum: valid exactly when age-encryption decodes 32 bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 31 }), { minLength: 52, maxLength: 52 }), (words) => {
        const recipient = withChecksum(words);
        expect(isX25519RecipientChecksumValid(recipient)).toBe(ageAccepts(recipient));
      }),
      { numRuns: 500 },
    );
    // The spare bits: zero is a key, anything else is not (age refuses "non-zero padding").
    const zeros = Array.from({ length: 52 }, () => 0);
    expect(isX25519RecipientChecksumValid(withChecksum(zeros))).toBe(true);
    expect(isX25519RecipientChecksumValid(withChecksum([...zeros.slice(0, 51), 1]))).toBe(false);
    expect(ageAccepts(withChecksum([...zeros.slice(0, 51), 1]))).toBe(false);
  });
});
