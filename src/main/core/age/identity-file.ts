import { VaultError } from '../../../shared/errors';
import { readBoundedFile } from '../fs/read-bounded';

/** age-keygen writes about 200 bytes per key; a file of keys bigger than this is not one. */
export const MAX_IDENTITY_FILE_BYTES = 64 * 1024;
const MAX_IDENTITIES = 100;
const X25519_IDENTITY = /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/;

/**
 * The identities in an age identity file as age-keygen writes it: `#` comment lines, blank lines, and one
 * `AGE-SECRET-KEY-1...` line per key. A line that is neither is refused by its number only: it may hold a secret,
 * so it is never quoted.
 */
export function parseIdentityFile(text: string): string[] {
  const identities: string[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (!X25519_IDENTITY.test(line))
      throw new VaultError(
        'INVALID_INPUT',
        `Line ${index + 1} of the identity file is not an age X25519 secret key (AGE-SECRET-KEY-1...), as age-keygen writes them.`,
      );
    identities.push(line);
    if (identities.length > MAX_IDENTITIES)
      throw new VaultError('INVALID_INPUT', `An identity file holds at most ${MAX_IDENTITIES} keys.`);
  }
  if (identities.length === 0)
    throw new VaultError(
      'INVALID_INPUT',
      'The identity file holds no age secret key (a line starting with AGE-SECRET-KEY-1).',
    );
  return identities;
}

export function readIdentityFile(path: string): string[] {
  const bytes = readBoundedFile(path, { maxBytes: MAX_IDENTITY_FILE_BYTES, what: 'The identity file' });
  return parseIdentityFile(bytes.toString('utf8'));
}
