import { describe, expect, it } from 'vitest';
import {
  acceptTypedBundlePassword,
  generateBundlePassword,
  MIN_BUNDLE_ENTROPY_BITS,
  passphraseWordCount,
  passphraseWords,
  RANDOM_ALPHABET,
} from '../../src/main/core/handoff/bundle-password';

/** The words of a passphrase, each checked against the list. */
function splitPassphrase(password: string, count: number): string[] {
  const words = password.split('-');
  expect(words).toHaveLength(count);
  const list = new Set(passphraseWords());
  for (const word of words) expect(list.has(word)).toBe(true);
  return words;
}

/** Pearson's chi-square statistic of observed counts against expected counts. */
function chiSquare(observed: number[], expected: number[]): number {
  return observed.reduce((sum, o, i) => sum + (o - expected[i]!) ** 2 / expected[i]!, 0);
}

/**
 * Upper critical value of chi-square with `df` degrees of freedom at p = 1e-6 (Wilson-Hilferty approximation):
 * a fair generator fails this about once in a million runs, a biased one almost always.
 */
function chiSquareCritical(df: number): number {
  const z = 4.753; // one-sided standard normal quantile for 1e-6
  return df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
}

describe('bundle password generator', () => {
  it('draws from the EFF large list without its 4 hyphenated words: 7,772 distinct words, 12.92 bits each', () => {
    const words = passphraseWords();
    expect(passphraseWordCount()).toBe(7772);
    expect(new Set(words).size).toBe(7772);
    expect(Math.log2(words.length)).toBeCloseTo(12.924, 3);
    // "-" joins the words, so none may hold it: every password then splits back into exactly its words.
    expect(words.every((word) => /^[a-z]+$/.test(word))).toBe(true);
    expect(words).toContain('abacus');
    expect(words).not.toContain('t-shirt');
  });

  it('passphrases: 8 words by default (103 bits), never fewer than 7 (90 bits), each >= 80 bits', () => {
    const phrase = generateBundlePassword();
    expect(phrase.style).toBe('passphrase');
    expect(splitPassphrase(phrase.password, 8)).toHaveLength(8);
    expect(phrase.entropyBits).toBeCloseTo(8 * Math.log2(7772), 6);
    expect(phrase.entropyBits).toBeGreaterThanOrEqual(MIN_BUNDLE_ENTROPY_BITS);
    const seven = generateBundlePassword({ style: 'passphrase', words: 7 });
    expect(splitPassphrase(seven.password, 7)).toHaveLength(7);
    expect(seven.entropyBits).toBeGreaterThanOrEqual(90);
    expect(() => generateBundlePassword({ style: 'passphrase', words: 6 })).toThrow(/7 to 64 words/);
  });

  it('random passwords: 24 characters from a 57-symbol alphabet without look-alikes (140 bits)', () => {
    expect(RANDOM_ALPHABET).toHaveLength(57);
    expect(new Set(RANDOM_ALPHABET).size).toBe(57);
    expect(RANDOM_ALPHABET).not.toMatch(/[0O1lI]/);
    const random = generateBundlePassword('random');
    expect(random.password).toMatch(new RegExp(`^[${RANDOM_ALPHABET}]{24}$`));
    expect(random.entropyBits).toBeCloseTo(24 * Math.log2(57), 6);
    expect(random.entropyBits).toBeGreaterThanOrEqual(MIN_BUNDLE_ENTROPY_BITS);
    expect(() => generateBundlePassword({ style: 'random', length: 23 })).toThrow(/24 to 256/);
  });

  it('every word position and every character is uniform (chi-square at p = 1e-6)', () => {
    // Words: bucket each drawn word by its index in the list into 16 ranges of 486 words (the last has 482).
    const index = new Map(passphraseWords().map((word, i) => [word, i]));
    const buckets = new Array<number>(16).fill(0);
    const positions = Array.from({ length: 8 }, () => new Array<number>(16).fill(0));
    const draws = 2500;
    for (let i = 0; i < draws; i++) {
      splitPassphrase(generateBundlePassword().password, 8).forEach((word, position) => {
        const bucket = Math.floor(index.get(word)! / 486);
        buckets[bucket]!++;
        positions[position]![bucket]!++;
      });
    }
    const share = Array.from({ length: 16 }, (_, b) => (b < 15 ? 486 : 7772 - 15 * 486) / 7772);
    expect(
      chiSquare(
        buckets,
        share.map((p) => p * draws * 8),
      ),
    ).toBeLessThan(chiSquareCritical(15));
    for (const counts of positions)
      expect(
        chiSquare(
          counts,
          share.map((p) => p * draws),
        ),
      ).toBeLessThan(chiSquareCritical(15));
    // A generator that repeats itself is caught too.
    expect(new Set(Array.from({ length: 200 }, () => generateBundlePassword().password)).size).toBe(200);

    // Characters: 2,000 random passwords, 48,000 characters over 57 symbols.
    const counts = new Map<string, number>([...RANDOM_ALPHABET].map((c) => [c, 0]));
    for (let i = 0; i < 2000; i++)
      for (const char of generateBundlePassword('random').password) counts.set(char, counts.get(char)! + 1);
    expect(chiSquare([...counts.values()], new Array(57).fill(48_000 / 57))).toBeLessThan(
      chiSquareCritical(56),
    );
  });

  it('the chi-square check rejects a biased draw (so the test above can fail)', () => {
    // Modulo bias of the kind rejection sampling avoids: 256 byte values folded onto 57 symbols.
    const counts = new Array<number>(57).fill(0);
    for (let i = 0; i < 48_000; i++) counts[((i * 131) % 256) % 57]!++;
    expect(chiSquare(counts, new Array(57).fill(48_000 / 57))).toBeGreaterThan(chiSquareCritical(56));
  });
});

describe('a bundle password the admin types', () => {
  it('needs 20+ characters and zxcvbn 4/4; its entropy is not claimed', async () => {
    await expect(acceptTypedBundlePassword('Short!pw9')).rejects.toMatchObject({
      code: 'WEAK_PASSWORD',
      message: expect.stringMatching(/at least 20 characters/),
    });
    // 26 characters, but a predictable repetition: zxcvbn scores it low.
    await expect(acceptTypedBundlePassword('passwordpasswordpassword12')).rejects.toMatchObject({
      code: 'WEAK_PASSWORD',
      message: expect.stringMatching(/top strength score/),
    });
    const typed = await acceptTypedBundlePassword('violet kettle marathon lantern orbit 42');
    expect(typed).toEqual({
      password: 'violet kettle marathon lantern orbit 42',
      entropyBits: null,
      style: 'typed',
    });
  });

  it('must be printable ASCII without outer spaces, so every zip tool derives the same key', async () => {
    for (const password of [
      'violet kettle marathon lantern orbit é',
      ' violet kettle marathon lantern orbit',
      'violet\tkettle marathon lantern orbit 42',
    ])
      await expect(acceptTypedBundlePassword(password)).rejects.toMatchObject({
        code: 'WEAK_PASSWORD',
        message: expect.stringMatching(/printable ASCII/),
      });
  });
});
