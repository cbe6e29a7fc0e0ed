/**
 * Age keys as core returns them and as they cross IPC: one declaration, used by src/main/core/recipients/,
 * src/main/core/age/ and the contract in src/shared/api.ts. None carries a secret key.
 */

/** One age public key a recipient gave; `retiredAt` is null for the current one. */
export interface AgeKeyView {
  id: number;
  recipientId: number;
  publicKey: string;
  /** Five groups of four hex digits, read aloud by phone to confirm the key (docs/handoff-format.md). */
  fingerprint: string;
  addedAt: string;
  retiredAt: string | null;
  retiredHow: 'replaced' | 'removed' | null;
}

/** The vault's own age identity as shown to people: the public side only. */
export interface VaultIdentityView {
  publicKey: string;
  fingerprint: string;
  createdAt: string;
}

/** What the app's Receive tokens shows: the identity and its public key as a QR code (SVG text). */
export interface VaultIdentityQrView extends VaultIdentityView {
  qrSvg: string;
}
