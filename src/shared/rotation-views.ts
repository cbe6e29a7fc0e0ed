/**
 * Rotation plans as core reports them: one step per token, each with its platform's guides, and how far the admin
 * got. Names, ids and dates only: never a secret value.
 */
import type { TokenRole, TokenStatus } from './model';
import type { PlatformGuide } from './platform-guides';

/** What the admin recorded for a step: the platform's new value pasted, one generated here, or the token off or gone there. */
export const ROTATION_OUTCOMES = ['new-value', 'generated', 'invalidated', 'deleted'] as const;
export type RotationOutcome = (typeof ROTATION_OUTCOMES)[number];

export const ROTATION_OUTCOME_LABELS: Record<RotationOutcome, string> = {
  'new-value': 'new value from the platform recorded',
  generated: 'new value generated here and set on the platform',
  invalidated: 'switched off on the platform',
  deleted: 'deleted on the platform',
};

export type RotationReason = 'engagement-ended' | 'selection';

/** Why an engagement end's plan leaves a held token out: it is already switched off, so its value is no risk. */
export type LeftOutOfPlan = 'invalidated' | 'disabled';

/**
 * The one rule for what an engagement end's rotation plan holds: a token already switched off (invalidated or
 * disabled) is no risk any more, whatever value the agency holds, so it gets no step. Null: the plan rotates it.
 */
export function leftOutOfPlan(token: { status: TokenStatus; enabled: boolean }): LeftOutOfPlan | null {
  if (token.status !== 'active') return 'invalidated';
  if (!token.enabled) return 'disabled';
  return null;
}

export interface RotationStepView {
  position: number;
  tokenId: number;
  tokenName: string;
  accountName: string;
  profileId: string;
  platform: string;
  kind: string;
  role: TokenRole;
  /** False once the token was deleted from the vault (only "deleted" can then be recorded). */
  stillInVault: boolean;
  /** The platform takes a value set here, so "generate" is offered. */
  canGenerate: boolean;
  /**
   * How "switched off there" is recorded: invalidate, or disable (ON24, endpoint secondaries). Null where the
   * platform lets no manager switch this token off (Emplifi's primary): it can only be replaced.
   */
  offOperation: 'invalidate' | 'disable' | null;
  guides: { regenerate: PlatformGuide; invalidate: PlatformGuide; delete: PlatformGuide };
  outcome: RotationOutcome | null;
  doneAt: string | null;
}

export interface RotationPlanView {
  id: number;
  /** "Acme Agency" for an engagement end, or "3 selected tokens". */
  title: string;
  recipient: string | null;
  reason: RotationReason;
  createdAt: string;
  completedAt: string | null;
  doneCount: number;
  stepCount: number;
  /** "3 of 7 rotated for Acme Agency". */
  progress: string;
  steps: RotationStepView[];
}

export type RotationPlanSummary = Omit<RotationPlanView, 'steps'>;
