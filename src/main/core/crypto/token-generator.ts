import { randomBytes } from 'node:crypto';
import { VaultError } from '../../../shared/errors';

export const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const DEFAULT_TOKEN_LENGTH = 64;

export interface TokenGeneratorOptions {
  length?: number;
  alphabet?: string;
}

/**
 * A random token value from the CSPRNG. Bytes that would bias the result (the top of the byte range that does
 * not divide evenly by the alphabet size) are rejected and redrawn, so every character is exactly uniform.
 */
export function generateTokenValue(options: TokenGeneratorOptions = {}): string {
  const length = options.length ?? DEFAULT_TOKEN_LENGTH;
  const alphabet = options.alphabet ?? ALPHANUMERIC;
  const symbols = [...new Set(alphabet)];
  if (!Number.isInteger(length) || length < 8 || length > 4096) {
    throw new VaultError('INVALID_INPUT', 'Token length must be a whole number between 8 and 4096.');
  }
  if (symbols.length < 2 || symbols.length > 256) {
    throw new VaultError('INVALID_INPUT', 'The alphabet must hold between 2 and 256 distinct characters.');
  }
  const limit = 256 - (256 % symbols.length);
  const out: string[] = [];
  while (out.length < length) {
    const batch = randomBytes(Math.max(16, (length - out.length) * 2));
    for (const byte of batch) {
      if (byte >= limit) continue;
      out.push(symbols[byte % symbols.length] as string);
      if (out.length === length) break;
    }
  }
  return out.join('');
}
