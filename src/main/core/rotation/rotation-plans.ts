import { isStatusLocked } from '../../../shared/token-questions';
import { VaultError } from '../../../shared/errors';
import type { Account, TokenMeta } from '../../../shared/model';
import {
  guideFor,
  offOperationOf,
  platformName,
  profileAcceptsSetValue,
} from '../../../shared/platform-guides';
import { findProfile, GENERIC_PROFILE } from '../../../shared/profiles';
import {
  leftOutOfPlan,
  ROTATION_OUTCOME_LABELS,
  type RotationOutcome,
  type RotationPlanSummary,
  type RotationPlanView,
  type RotationStepView,
} from '../../../shared/rotation-views';
import type { AccountStore } from '../accounts/account-store';
import type { SqliteDatabase } from '../db/open-database';
import type { EventLog } from '../events/event-log';
import type { HandoffService } from '../handoff/handoff-service';
import type { ProfilePolicy } from '../profiles/profile-policy';
import type { RecipientStore } from '../recipients/recipient-store';
import type { TokenLifecycle } from '../tokens/token-lifecycle';
import type { TokenStore } from '../tokens/token-store';
import { RotationPlanStore, type NewStep, type PlanRow, type StepRow } from './rotation-plan-store';

/** A plan of more steps than this is refused: no selection of tokens in a vault needs more. */
export const MAX_PLAN_STEPS = 10_000;

export interface RotationDependencies {
  db: SqliteDatabase;
  events: EventLog;
  accounts: AccountStore;
  tokens: TokenStore;
  lifecycle: TokenLifecycle;
  recipients: RecipientStore;
  /** Who holds what: the tokens an engagement end must rotate. */
  handoffs: HandoffService;
  policyFor: (account: Account) => ProfilePolicy;
}

export interface RecordStepInput {
  planId: number;
  tokenId: number;
  outcome: RotationOutcome;
  /** The value the platform issued (outcome "new-value" only). */
  value?: string;
  now?: Date;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function progressOf(plan: PlanRow, done: number, total: number): string {
  const subject = plan.recipientName ? `for ${plan.recipientName}` : `in plan ${plan.id} (${plan.title})`;
  return `${done} of ${total} rotated ${subject}`;
}

/**
 * Rotation plans: after an engagement ends, or for any chosen tokens, one step per token to be rotated on its own
 * platform. Token Vault changes no platform; each step records what the admin did there (a new value pasted or
 * generated here and set there, the token switched off, or deleted) through the token lifecycle, and the step
 * with its history event in the same transaction. Progress lives in the vault, so a plan resumes after a restart.
 */
export class RotationPlans {
  private readonly store: RotationPlanStore;

  constructor(private readonly deps: RotationDependencies) {
    this.store = new RotationPlanStore(deps.db);
  }

  /** Engagement ended: one step for every token whose current value the recipient holds. */
  startForRecipient(recipientNameOrId: string | number, options: { now?: Date } = {}): RotationPlanView {
    const recipient = this.deps.recipients.resolve(recipientNameOrId);
    const open = this.store.unfinishedFor(recipient.id);
    if (open) {
      const view = this.view(open);
      throw new VaultError(
        'POLICY',
        `Rotation plan ${open.id} for ${recipient.name} is not finished (${view.progress}); resume it instead of starting another.`,
      );
    }
    // A token already switched off is left out (leftOutOfPlan, src/shared/rotation-views.ts). In the order the
    // tokens were added to the vault: the same plan reads the same on every screen and export.
    const tokens = this.deps.handoffs
      .engagementPlan(recipient.id)
      .toRotate.map((holding) => this.deps.tokens.get(holding.tokenId))
      .filter((token) => leftOutOfPlan(token) === null)
      .sort((a, b) => a.id - b.id);
    if (tokens.length === 0) {
      throw new VaultError(
        'POLICY',
        `${recipient.name} holds the current value of no token that is still switched on: there is nothing to rotate.`,
      );
    }
    return this.start(
      {
        title: recipient.name,
        reason: 'engagement-ended',
        recipientId: recipient.id,
        recipientName: recipient.name,
      },
      tokens,
      options.now,
    );
  }

  /** "Rotate..." on any selection of tokens. */
  startForTokens(tokenIds: readonly number[], options: { now?: Date } = {}): RotationPlanView {
    const unique = [...new Set(tokenIds)];
    if (unique.length === 0) throw new VaultError('INVALID_INPUT', 'Choose at least one token to rotate.');
    if (unique.length > MAX_PLAN_STEPS) {
      throw new VaultError('INVALID_INPUT', `A rotation plan holds at most ${MAX_PLAN_STEPS} tokens.`);
    }
    const tokens = unique.map((id) => this.deps.tokens.get(id));
    return this.start(
      {
        title: `${plural(tokens.length, 'selected token')}`,
        reason: 'selection',
        recipientId: null,
        recipientName: null,
      },
      tokens,
      options.now,
    );
  }

  private start(
    plan: Omit<PlanRow, 'id' | 'completedAt' | 'createdAt'>,
    tokens: TokenMeta[],
    now = new Date(),
  ): RotationPlanView {
    const createdAt = now.toISOString();
    const steps: NewStep[] = tokens.map((token) => ({
      tokenId: token.id,
      tokenName: token.name,
      accountName: token.accountName,
      profile: this.deps.accounts.get(token.accountId).profile,
      kind: token.kind,
      role: token.role,
    }));
    const planId = this.deps.db.transaction(() => {
      const id = this.store.insertPlan({ ...plan, createdAt }, steps);
      this.deps.events.append({
        kind: 'RotationPlanStarted',
        details: {
          planId: id,
          title: plan.title,
          reason: plan.reason,
          steps: steps.length,
          tokenIds: steps.map((step) => step.tokenId),
        },
        at: createdAt,
      });
      return id;
    })();
    return this.get(planId);
  }

  list(): RotationPlanSummary[] {
    const counts = this.store.counts();
    return this.store.plans().map((plan) => {
      const { done, total } = counts.get(plan.id) ?? { done: 0, total: 0 };
      return this.summary(plan, done, total);
    });
  }

  /** The recipient's unfinished plan, which "Engagement ended" resumes instead of starting another; null if none. */
  unfinishedForRecipient(recipientNameOrId: string | number): RotationPlanSummary | null {
    const plan = this.store.unfinishedFor(this.deps.recipients.resolve(recipientNameOrId).id);
    if (!plan) return null;
    const { done, total } = this.store.counts().get(plan.id) ?? { done: 0, total: 0 };
    return this.summary(plan, done, total);
  }

  /** Unfinished plans with their progress, oldest first (health shows them until complete). */
  unfinished(): RotationPlanView[] {
    return this.store
      .plans()
      .filter((plan) => plan.completedAt === null)
      .reverse()
      .map((plan) => this.view(plan));
  }

  get(planId: number): RotationPlanView {
    return this.view(this.load(planId));
  }

  private load(planId: number): PlanRow {
    const plan = this.store.plan(planId);
    if (!plan) throw new VaultError('NOT_FOUND', `There is no rotation plan ${planId}.`);
    return plan;
  }

  private summary(plan: PlanRow, done: number, total: number): RotationPlanSummary {
    return {
      id: plan.id,
      title: plan.title,
      recipient: plan.recipientName,
      reason: plan.reason,
      createdAt: plan.createdAt,
      completedAt: plan.completedAt,
      doneCount: done,
      stepCount: total,
      progress: progressOf(plan, done, total),
    };
  }

  private view(plan: PlanRow): RotationPlanView {
    const rows = this.store.steps(plan.id);
    const present = this.store.existingTokenIds(rows.map((row) => row.tokenId));
    const steps = rows.map((row) => stepView(row, present.has(row.tokenId)));
    const done = steps.filter((step) => step.outcome !== null).length;
    return { ...this.summary(plan, done, steps.length), steps };
  }

  /**
   * Record what the admin did on the platform for one step, through the token lifecycle, with the step and its
   * event in one transaction; the last step also completes the plan. The lifecycle's in-use guard is passed on
   * purpose: the change already happened on the platform, and the plan exists because the token is in use.
   */
  recordStep(input: RecordStepInput): RotationPlanView {
    const plan = this.load(input.planId);
    if (plan.completedAt) {
      throw new VaultError('POLICY', `Rotation plan ${plan.id} is complete: every step is recorded.`);
    }
    const steps = this.store.steps(plan.id);
    const step = steps.find((candidate) => candidate.tokenId === input.tokenId);
    if (!step)
      throw new VaultError('NOT_FOUND', `Token ${input.tokenId} is not in rotation plan ${plan.id}.`);
    if (step.outcome) {
      throw new VaultError(
        'POLICY',
        `"${step.tokenName}" is already done in this plan (${ROTATION_OUTCOME_LABELS[step.outcome]}).`,
      );
    }
    const stillInVault = this.store.existingTokenIds([step.tokenId]).has(step.tokenId);
    if (!stillInVault && input.outcome !== 'deleted') {
      throw new VaultError(
        'POLICY',
        `"${step.tokenName}" is no longer in the vault; the only thing left to record is that it was deleted on ${platformName(step.profile)}.`,
      );
    }
    if (input.outcome === 'new-value' && !input.value) {
      throw new VaultError('INVALID_INPUT', `Paste the new value ${platformName(step.profile)} issued.`);
    }
    if (input.outcome !== 'new-value' && input.value !== undefined) {
      throw new VaultError('INVALID_INPUT', 'A value is given only with the new value the platform issued.');
    }
    const now = input.now ?? new Date();
    const at = now.toISOString();
    const remaining = steps.filter((candidate) => candidate.outcome === null).length - 1;
    this.deps.db.transaction(() => {
      if (stillInVault) this.applyToToken(step, input, now);
      this.store.markStep(plan.id, step.position, input.outcome, at);
      this.deps.events.append({
        kind: 'RotationStepRecorded',
        tokenId: stillInVault && input.outcome !== 'deleted' ? step.tokenId : null,
        details: {
          planId: plan.id,
          name: step.tokenName,
          tokenId: step.tokenId,
          outcome: input.outcome,
          platform: platformName(step.profile),
        },
        at,
      });
      if (remaining === 0) {
        this.store.markComplete(plan.id, at);
        this.deps.events.append({
          kind: 'RotationPlanCompleted',
          details: { planId: plan.id, title: plan.title, steps: steps.length },
          at,
        });
      }
    })();
    this.deps.tokens.invalidate();
    return this.get(plan.id);
  }

  private applyToToken(step: StepRow, input: RecordStepInput, now: Date): void {
    const lifecycle = this.deps.lifecycle;
    switch (input.outcome) {
      case 'new-value':
        lifecycle.regenerate(step.tokenId, { value: input.value!, force: true, now });
        return;
      case 'generated':
        lifecycle.regenerate(step.tokenId, { force: true, now });
        return;
      case 'invalidated':
        if (offOperationOf(step.profile) === 'disable') lifecycle.disable(step.tokenId, { now });
        else lifecycle.invalidate(step.tokenId, { now });
        return;
      case 'deleted':
        lifecycle.delete(step.tokenId, { force: true, now });
    }
  }
}

function stepView(row: StepRow, stillInVault: boolean): RotationStepView {
  const profile = findProfile(row.profile) ?? GENERIC_PROFILE;
  return {
    position: row.position,
    tokenId: row.tokenId,
    tokenName: row.tokenName,
    accountName: row.accountName,
    profileId: profile.id,
    platform: platformName(profile.id),
    kind: row.kind,
    role: row.role,
    stillInVault,
    canGenerate: profileAcceptsSetValue(profile.id, row.kind, row.role),
    offOperation: isStatusLocked(profile, row) ? null : offOperationOf(profile.id),
    guides: {
      regenerate: guideFor(profile.id, 'regenerate', row.role),
      invalidate: guideFor(profile.id, 'invalidate', row.role),
      delete: guideFor(profile.id, 'delete', row.role),
    },
    outcome: row.outcome,
    doneAt: row.doneAt,
  };
}
