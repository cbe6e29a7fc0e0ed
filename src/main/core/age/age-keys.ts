import { createHash } from 'node:crypto';
import { VaultError } from '../../../shared/errors';
import { isX25519RecipientChecksumValid } from './x25519-recipient-checksum';

/** An X25519 age recipient: `age1` then 58 bech32 characters (32 bytes and a 6-character checksum). */
const X25519_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;
/** Hex digits of the fingerprint: 80 bits, shown in five groups of four. */
const FINGERPRINT_HEX_DIGITS = 20;

/**
 * Check a pasted age public key and return it in its one canonical form. Only X25519 recipients are accepted:
 * they are what `age-keygen` makes and what every age implementation reads (Debian's age 1.1.1 reads no
 * post-quantum or plugin recipient). The checksum is verified as the age library verifies it
 * (src/main/core/age/x25519-recipient-checksum.ts).
 */
export function parseAgeRecipient(input: string): string {
  const text = input.trim();
  // The bech32 data of an X25519 key never holds a "1", so "age1pq1", "age1tag1" and "age1<plugin>1" are other
  // kinds of key; an X25519 key may well begin "age1pq..." (about one in a thousand do).
  if (/^age1(pq|tag)1/i.test(text))
    throw new VaultError(
      'INVALID_INPUT',
      'This is a post-quantum or tag age key, which many age tools cannot read yet; ask the agency for the X25519 key that age-keygen prints ("Public key: age1...").',
    );
  if (/^age1[a-z0-9]+1/i.test(text))
    throw new VaultError(
      'INVALID_INPUT',
      'This is an age plugin key (for a hardware token or another program), which Token Vault cannot encrypt to; ask the agency for the X25519 key that age-keygen prints ("Public key: age1...").',
    );
  if (/^AGE-SECRET-KEY-/i.test(text))
    throw new VaultError(
      'INVALID_INPUT',
      'This is a secret age key, which must never leave the agency; ask them for the public key (age1...) instead.',
    );
  if (!X25519_RECIPIENT.test(text))
    throw new VaultError(
      'INVALID_INPUT',
      'An age public key is "age1" followed by 58 lower-case letters and digits (62 characters in all), as age-keygen prints it.',
    );
  if (!isX25519RecipientChecksumValid(text))
    throw new VaultError(
      'INVALID_INPUT',
      'This age public key has a wrong checksum: a character was mistyped or lost; ask the agency to send it again.',
    );
  return text;
}

/**
 * The fingerprint two people read to each other by phone: SHA-256 of the key's ASCII text, first 80 bits, in five
 * groups of four upper-case hex digits. Anyone can recompute it (docs/handoff-format.md gives the command).
 */
export function ageFingerprint(recipient: string): string {
  const hex = createHash('sha256')
    .update(recipient, 'ascii')
    .digest('hex')
    .slice(0, FINGERPRINT_HEX_DIGITS)
    .toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}
