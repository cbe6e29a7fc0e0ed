import { describe, expect, it } from 'vitest';
import { decodeUtf8Strictly, firstInvalidUtf8Offset } from '../../src/main/core/input/strict-utf8';
import { VaultError } from '../../src/shared/errors';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

describe('strict UTF-8 decoding', () => {
  it('decodes valid text unchanged, a byte-order mark included', () => {
    expect(decodeUtf8Strictly(bytes('Café ✓ 🙂'), 'The value file')).toBe('Café ✓ 🙂');
    expect(decodeUtf8Strictly(bytes([0xef, 0xbb, 0xbf], 'x'), 'The value file')).toBe('\uFEFFx');
  });

  it.each([
    ['a lone continuation byte', bytes('ab', [0x80], 'cd'), 2],
    ['an overlong "/"', bytes('abc', [0xc0, 0xaf]), 3],
    ['a lead byte followed by ASCII', bytes('é', [0xe2, 0x82], 'A'), 4],
    ['an encoded surrogate', bytes('x', [0xed, 0xa0, 0x80]), 2],
    ['0xFF', bytes([0xff]), 0],
    ['a sequence cut off at the end', bytes('abc', [0xf0, 0x9f, 0x99]), 3],
    ['a lead byte alone at the end', bytes('abc', [0xe2]), 3],
  ])('finds the offset of %s', (_label, input, offset) => {
    expect(firstInvalidUtf8Offset(input)).toBe(offset);
    let error: unknown;
    try {
      decodeUtf8Strictly(input, 'The value file');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).code).toBe('INVALID_INPUT');
    expect((error as VaultError).message).toBe(
      `The value file is not valid UTF-8 text: the byte at offset ${offset} (counting from 0) does not fit.`,
    );
  });
});
