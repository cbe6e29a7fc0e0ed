import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ALPHANUMERIC,
  DEFAULT_TOKEN_LENGTH,
  generateTokenValue,
} from '../../src/main/core/crypto/token-generator';

/**
 * Chi-square goodness of fit against the uniform distribution, at significance 1e-6: a correct generator fails
 * one run in a million, while modulo bias (the flaw this guards against) gives a statistic in the thousands.
 * Critical values of the chi-square distribution (upper 1e-6 quantile), computed from the regularised
 * incomplete gamma function: 61 degrees of freedom -> 128.52; 9 degrees of freedom -> 44.81.
 */
const CRITICAL_1E6: Record<number, number> = { 61: 128.52, 9: 44.81 };

function chiSquare(text: string, alphabet: string): number {
  const counts = new Map<string, number>([...alphabet].map((c) => [c, 0]));
  for (const char of text) counts.set(char, (counts.get(char) ?? Number.NaN) + 1);
  const expected = text.length / alphabet.length;
  let statistic = 0;
  for (const observed of counts.values()) statistic += (observed - expected) ** 2 / expected;
  return statistic;
}

/** The classic mistake, for the control: `byte % n` without rejecting the top of the byte range. */
function biasedValue(length: number, alphabet: string): string {
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

describe('generateTokenValue', () => {
  it('gives 64 alphanumerics by default, different every time', () => {
    const values = Array.from({ length: 200 }, () => generateTokenValue());
    for (const value of values) {
      expect(value).toHaveLength(DEFAULT_TOKEN_LENGTH);
      expect(value).toMatch(/^[A-Za-z0-9]{64}$/);
    }
    expect(new Set(values).size).toBe(values.length);
  });

  it('is uniform over the alphabet (chi-square, 62 symbols, 192,000 characters)', () => {
    const sample = Array.from({ length: 3000 }, () => generateTokenValue()).join('');
    expect(chiSquare(sample, ALPHANUMERIC)).toBeLessThan(CRITICAL_1E6[61]!);
    // The same check rejects a modulo-biased generator: 256 % 62 = 8 symbols get 5/256 instead of 4/256.
    expect(chiSquare(biasedValue(sample.length, ALPHANUMERIC), ALPHANUMERIC)).toBeGreaterThan(
      CRITICAL_1E6[61]!,
    );
  });

  it('is uniform for an alphabet whose size does not divide 256 (10 digits, 500,000 characters)', () => {
    // The bias to catch is small here (26/256 against 25/256), hence the larger sample.
    const digits = '0123456789';
    const sample = Array.from({ length: 500 }, () =>
      generateTokenValue({ length: 1000, alphabet: digits }),
    ).join('');
    expect(sample).toMatch(/^[0-9]+$/);
    expect(chiSquare(sample, digits)).toBeLessThan(CRITICAL_1E6[9]!);
    expect(chiSquare(biasedValue(sample.length, digits), digits)).toBeGreaterThan(CRITICAL_1E6[9]!);
  });

  it('honours the length and alphabet options', () => {
    expect(generateTokenValue({ length: 8 })).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(generateTokenValue({ length: 4096 })).toHaveLength(4096);
    const hex = generateTokenValue({ length: 300, alphabet: '0123456789abcdef' });
    expect(hex).toMatch(/^[0-9a-f]{300}$/);
    // Repeated characters count once, so they do not weigh the draw.
    const twoSymbols = generateTokenValue({ length: 2000, alphabet: 'aaab' });
    expect(new Set(twoSymbols)).toEqual(new Set(['a', 'b']));
    expect(chiSquare(twoSymbols, 'ab')).toBeLessThan(23.93); // 1 degree of freedom at 1e-6
    // Non-ASCII symbols are whole characters, not UTF-16 halves.
    expect([...generateTokenValue({ length: 50, alphabet: 'αβγ🙂' })].every((c) => 'αβγ🙂'.includes(c))).toBe(
      true,
    );
  });

  it.each([
    [{ length: 7 }, 'length'],
    [{ length: 4097 }, 'length'],
    [{ length: 12.5 }, 'length'],
    [{ length: Number.NaN }, 'length'],
    [{ length: -64 }, 'length'],
    [{ alphabet: 'aaaa' }, 'alphabet'],
    [{ alphabet: '' }, 'alphabet'],
    [
      { alphabet: Array.from({ length: 257 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('') },
      'alphabet',
    ],
  ])('refuses %j with INVALID_INPUT', (options, about) => {
    expect(() => generateTokenValue(options)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => generateTokenValue(options)).toThrow(new RegExp(about, 'i'));
  });
});
