/**
 * Handoffs as core records them and as they cross IPC: one declaration, used by src/main/core/handoff/ and by the
 * contract in src/shared/api.ts.
 */
import type { HandoffField } from './handoff-format';
import type { LeftOutOfPlan } from './rotation-views';

/** How a handoff's file was protected, as its record keeps it. */
export const BUNDLE_FORMATS = ['aes-zip', 'age', 'age-armor'] as const;
export type BundleFormat = (typeof BUNDLE_FORMATS)[number];

/** How the bundle's password travelled; `unknown` when the admin did not say (never guessed). */
export const PASSWORD_CHANNELS = ['sms', 'whatsapp', 'phone', 'other', 'unknown'] as const;
export type PasswordChannel = (typeof PASSWORD_CHANNELS)[number];
/** An age bundle has no password, so nothing travels by a second channel: its record says `none`. */
export type RecordedChannel = PasswordChannel | 'none';

export interface HandoffRecord {
  id: number;
  recipientId: number;
  recipient: string;
  createdAt: string;
  fileName: string;
  sha256: string;
  passwordChannel: RecordedChannel;
  fields: HandoffField[];
  tokenCount: number;
  tokens: { id: number; name: string }[];
  format: BundleFormat;
  /** The fingerprint of the age key an age bundle was encrypted to; null for a password ZIP. */
  keyFingerprint: string | null;
}

export type EngagementAction = 'regenerate' | 'invalidate';

export interface EngagementResult {
  recipient: string;
  action: EngagementAction;
  /** The tokens changed, all in one transaction. */
  tokens: { id: number; name: string }[];
  /** Already in the wanted state (invalidating an inactive token) or refused by the profile, with the reason. */
  skipped: { id: number; name: string; reason: string }[];
}

/** What ending the engagement would touch, as the app shows it before asking. */
export interface EngagementPlanSummary {
  toRotate: {
    tokenId: number;
    name: string;
    /** Why a profile rule excludes the token from each action, or null when it does not. */
    blocked: Record<EngagementAction, string | null>;
  }[];
  /** Tokens given earlier that need nothing (rotated since, deleted, or no value given). */
  othersCount: number;
  /**
   * Tokens whose current value they hold but that are already switched off there, so the rotation plan leaves
   * them out (leftOutOfPlan, src/shared/rotation-views.ts); `toRotate` is then exactly what the plan will hold.
   */
  alreadyOff: { tokenId: number; name: string; state: LeftOutOfPlan }[];
}

/** What the app sees of an opened bundle: names and metadata, never a value; `imported` is 0 unless asked. */
export interface OpenedBundleView {
  recipient: string;
  from: string;
  createdAt: string;
  tokens: { name: string; account: string; kind: string; keyId: string | null }[];
  imported: number;
}
