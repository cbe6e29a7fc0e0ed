import { VaultError } from '../../../shared/errors';
import type { HandoffDocument } from '../../../shared/handoff-format';
import {
  BUNDLE_FORMATS,
  PASSWORD_CHANNELS,
  type BundleFormat,
  type PasswordChannel,
  type RecordedChannel,
} from '../../../shared/handoff-views';
import type { AgeKeyView } from '../../../shared/age-views';
import type { Recipient } from '../recipients/recipient-store';
import { writeAgeBundle } from './age-bundle';
import { writeBundle } from './bundle-zip';

// Declared once in src/shared/handoff-views.ts, where the IPC contract reads them too.
export { BUNDLE_FORMATS, PASSWORD_CHANNELS };
export type { BundleFormat, PasswordChannel, RecordedChannel };

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
  key: AgeKeyView | null,
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
