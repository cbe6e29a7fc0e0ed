import { VaultError } from '../../../shared/errors';
import type { HandoffDocument } from '../../../shared/handoff-format';
import type { RecipientAgeKey } from '../recipients/recipient-keys';
import type { Recipient } from '../recipients/recipient-store';
import { writeAgeBundle } from './age-bundle';
import { writeBundle } from './bundle-zip';

/** How a handoff's file was protected, as its record keeps it. */
export const BUNDLE_FORMATS = ['aes-zip', 'age', 'age-armor'] as const;
export type BundleFormat = (typeof BUNDLE_FORMATS)[number];

export const PASSWORD_CHANNELS = ['sms', 'whatsapp', 'phone', 'other', 'unknown'] as const;
export type PasswordChannel = (typeof PASSWORD_CHANNELS)[number];
/** An age bundle has no password, so nothing travels by a second channel: its record says `none`. */
export type RecordedChannel = PasswordChannel | 'none';

/** Either a password (AES ZIP) or the recipient's age key; never both. */
export interface ProtectionRequest {
  /** Generated (generateBundlePassword) or accepted (acceptTypedBundlePassword) by the caller; never stored. */
  password?: string;
  channel?: PasswordChannel;
  /** Encrypt to the recipient's current age key instead of a password; `armor` writes ASCII armor. */
  toKey?: { armor?: boolean };
}

export interface ProtectionPlan {
  format: BundleFormat;
  channel: RecordedChannel;
  keyFingerprint: string | null;
  seal(doc: HandoffDocument): Promise<Uint8Array>;
}

/** Decided before any value is read, so a missing key or password stops the export with nothing done. */
export function planProtection(
  request: ProtectionRequest,
  recipient: Recipient,
  key: RecipientAgeKey | null,
): ProtectionPlan {
  if (request.toKey) {
    if (request.password !== undefined || request.channel !== undefined)
      throw new VaultError(
        'INVALID_INPUT',
        'A bundle encrypted to an age key has no password and no password channel.',
      );
    if (!key)
      throw new VaultError(
        'POLICY',
        `${recipient.name} has no age key; add theirs first, or hand over a password-protected ZIP.`,
      );
    const format: BundleFormat = request.toKey.armor ? 'age-armor' : 'age';
    return {
      format,
      channel: 'none',
      keyFingerprint: key.fingerprint,
      seal: (doc) => writeAgeBundle(doc, key.publicKey, format),
    };
  }
  const password = request.password;
  if (!password) throw new VaultError('INVALID_INPUT', 'A password-protected bundle needs its password.');
  const channel = request.channel ?? 'unknown';
  if (!PASSWORD_CHANNELS.includes(channel))
    throw new VaultError('INVALID_INPUT', `The password channel is one of: ${PASSWORD_CHANNELS.join(', ')}.`);
  return { format: 'aes-zip', channel, keyFingerprint: null, seal: (doc) => writeBundle(doc, password) };
}
