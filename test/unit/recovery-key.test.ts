import { describe, expect, it } from 'vitest';
import {
  generateRecoveryKey,
  parseRecoveryKey,
  recoveryKeyToKek,
} from '../../src/main/core/crypto/recovery-key';
import { encodeRecoveryKey } from '../helpers/independent-reader';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Fixed entropy, so every typo below is checked against the same key on every run. */
const ENTROPY = Buffer.from(Array.from({ length: 30 }, (_, i) => (i * 37 + 11) & 0xff));

describe('recovery key', () => {
  it('round-trips: 13 groups of 4 Crockford characters that parse back to the same 240 bits', () => {
    for (let i = 0; i < 50; i++) {
      const { display, entropy } = generateRecoveryKey();
      expect(display).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){12}[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(entropy).toHaveLength(30);
      expect(parseRecoveryKey(display)).toEqual(entropy);
    }
  });

  it('is encoded as docs/vault-format.md says (checksum and bit order)', () => {
    const display = encodeRecoveryKey(ENTROPY);
    expect(parseRecoveryKey(display)).toEqual(ENTROPY);
  });

  it('detects a one-character typo in any position that carries key bits, by its checksum', () => {
    const compact = encodeRecoveryKey(ENTROPY).replace(/-/g, '');
    // The 52nd character holds one key bit and four padding bits; the first 51 carry only key and checksum bits.
    for (let position = 0; position < 51; position++) {
      const original = compact[position]!;
      const replacement = CROCKFORD[(CROCKFORD.indexOf(original) + 1 + (position % 31)) % 32]!;
      const typo = compact.slice(0, position) + replacement + compact.slice(position + 1);
      expect(() => parseRecoveryKey(typo), `position ${position}`).toThrow(
        expect.objectContaining({ code: 'WRONG_PASSWORD', message: expect.stringMatching(/typo|checksum/i) }),
      );
    }
  });

  it('refuses any other last character and any extra character, so only the key as printed is accepted', () => {
    const compact = encodeRecoveryKey(ENTROPY).replace(/-/g, '');
    const last = compact[51]!;
    for (const replacement of CROCKFORD) {
      if (replacement === last) continue;
      expect(() => parseRecoveryKey(compact.slice(0, 51) + replacement), `last ${replacement}`).toThrow(
        expect.objectContaining({ code: 'WRONG_PASSWORD' }),
      );
    }
    expect(() => parseRecoveryKey(`${compact}0`)).toThrow(
      expect.objectContaining({ code: 'WRONG_PASSWORD' }),
    );
    expect(() => parseRecoveryKey(`${encodeRecoveryKey(ENTROPY)}-ABCD`)).toThrow(
      expect.objectContaining({ code: 'WRONG_PASSWORD' }),
    );
  });

  it('detects swapped neighbouring characters', () => {
    const compact = encodeRecoveryKey(ENTROPY).replace(/-/g, '');
    let checked = 0;
    for (let position = 0; position < 50; position++) {
      if (compact[position] === compact[position + 1]) continue;
      const swapped =
        compact.slice(0, position) + compact[position + 1] + compact[position] + compact.slice(position + 2);
      expect(() => parseRecoveryKey(swapped), `position ${position}`).toThrow(
        expect.objectContaining({ code: 'WRONG_PASSWORD' }),
      );
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('accepts look-alikes, lower case, spaces and missing dashes', () => {
    // Find a key with both a 0 and a 1 in it, so both look-alike rules are exercised.
    let entropy = ENTROPY;
    let display = encodeRecoveryKey(entropy);
    for (let salt = 0; !(display.includes('0') && display.includes('1')); salt++) {
      entropy = Buffer.from(ENTROPY.map((b) => (b + salt) & 0xff));
      display = encodeRecoveryKey(entropy);
    }
    const typedBadly = display
      .replace(/0/g, 'O')
      .replace(/1/, 'I')
      .replace(/1/g, 'l')
      .replace(/-/g, ' ')
      .toLowerCase();
    expect(typedBadly).not.toBe(display);
    expect(parseRecoveryKey(`  ${typedBadly}\n`)).toEqual(entropy);
    expect(parseRecoveryKey(display.replace(/-/g, ''))).toEqual(entropy);
  });

  it.each([
    ['empty', ''],
    ['too short', 'ABCD-EFGH'],
    ['not base32 (U)', encodeRecoveryKey(ENTROPY).replace(/^./, 'U')],
    ['punctuation', encodeRecoveryKey(ENTROPY).replace(/^./, '!')],
  ])('refuses %s as not a recovery key', (_label, text) => {
    expect(() => parseRecoveryKey(text)).toThrow(expect.objectContaining({ code: 'WRONG_PASSWORD' }));
  });

  it('derives a 32-byte KEK that depends on the entropy and the salt', () => {
    const salt = Buffer.alloc(16, 9);
    const kek = recoveryKeyToKek(ENTROPY, salt);
    expect(kek).toHaveLength(32);
    expect(recoveryKeyToKek(ENTROPY, salt)).toEqual(kek);
    expect(recoveryKeyToKek(ENTROPY, Buffer.alloc(16, 8)).equals(kek)).toBe(false);
    expect(recoveryKeyToKek(Buffer.from(ENTROPY).fill(1, 0, 1), salt).equals(kek)).toBe(false);
  });
});
