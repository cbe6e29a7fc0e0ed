import { leftOutOfPlan, type LeftOutOfPlan } from '../../../shared/rotation-views';
import { VaultError } from '../../../shared/errors';
import type { EngagementAction, EngagementResult } from '../../../shared/handoff-views';
import type { Account } from '../../../shared/model';
import type { AccountStore } from '../accounts/account-store';
import type { SqliteDatabase } from '../db/open-database';
import type { LifecycleOperation, ProfilePolicy } from '../profiles/profile-policy';
import type { Holding } from '../recipients/holdings';
import type { RecipientStore } from '../recipients/recipient-store';
import type { TokenLifecycle } from '../tokens/token-lifecycle';
import type { TokenStore } from '../tokens/token-store';

/** What ending an engagement reads and changes: the recipient's holdings, then each token's lifecycle. */
export interface EngagementDependencies {
  db: SqliteDatabase;
  accounts: AccountStore;
  tokens: TokenStore;
  recipients: RecipientStore;
  lifecycle: TokenLifecycle;
  policyFor: (account: Account) => ProfilePolicy;
}

export type { EngagementAction, EngagementResult };

/** Why a held token does (or does not) need rotating when the engagement ends. */
export type RotationNeed = 'holds-current-value' | 'value-never-given' | 'changed-since' | 'not-in-vault';

export interface EngagementToken extends Holding {
  need: RotationNeed;
  /** Per action: null when the profile allows it, else the rule's sentence (e.g. a status set on the platform). */
  blocked: Record<EngagementAction, string | null>;
}

export interface EngagementPlan {
  recipient: string;
  /** Tokens whose current value the recipient holds: the ones to regenerate or invalidate. */
  toRotate: EngagementToken[];
  /**
   * Held tokens already switched off (invalidated or disabled), left out by the one rule the rotation plan follows
   * (leftOutOfPlan, src/shared/rotation-views.ts).
   */
  alreadyOff: (EngagementToken & { state: LeftOutOfPlan })[];
  /** Everything else it was given, with the reason it needs nothing. */
  others: EngagementToken[];
}

function needOf(holding: Holding): RotationNeed {
  if (!holding.stillInVault) return 'not-in-vault';
  if (!holding.valueGiven) return 'value-never-given';
  return holding.holdsCurrentValue ? 'holds-current-value' : 'changed-since';
}

function blockedBy(
  deps: EngagementDependencies,
  tokenId: number,
  operation: LifecycleOperation,
): string | null {
  const token = deps.tokens.get(tokenId);
  try {
    const policy = deps.policyFor(deps.accounts.get(token.accountId));
    policy.beforeLifecycle(token, operation);
    // Ending an engagement regenerates with values made here: only for platforms that accept a value they did not issue.
    if (operation === 'regenerate') policy.checkValueSetHere(token);
    return null;
  } catch (error) {
    if (error instanceof VaultError) return error.message;
    throw error;
  }
}

/** What ending the engagement would touch: nothing is changed. */
export function planEngagementEnd(
  deps: EngagementDependencies,
  recipientNameOrId: string | number,
): EngagementPlan {
  const recipient = deps.recipients.resolve(recipientNameOrId);
  const tokens = deps.recipients.holdings(recipient.id).map((holding): EngagementToken => {
    const need = needOf(holding);
    const live = need !== 'not-in-vault';
    return {
      ...holding,
      need,
      blocked: {
        regenerate: live ? blockedBy(deps, holding.tokenId, 'regenerate') : null,
        invalidate: live ? blockedBy(deps, holding.tokenId, 'invalidate') : null,
      },
    };
  });
  const toRotate: EngagementToken[] = [];
  const alreadyOff: EngagementPlan['alreadyOff'] = [];
  for (const token of tokens.filter((t) => t.need === 'holds-current-value')) {
    const state = leftOutOfPlan(deps.tokens.get(token.tokenId));
    if (state) alreadyOff.push({ ...token, state });
    else toRotate.push(token);
  }
  return {
    recipient: recipient.name,
    toRotate,
    alreadyOff,
    others: tokens.filter((token) => token.need !== 'holds-current-value'),
  };
}

/**
 * When an agency's engagement ends, every token whose current value it holds is regenerated (the old value kept
 * among the previous values) or invalidated, through the token lifecycle (profile rules, events), in one
 * transaction: all of them or none. The tokens are "in use" precisely because they were handed over, so the
 * lifecycle's in-use guard is passed on purpose. Tokens a profile rule excludes are reported, not forced.
 */
export function endEngagement(
  deps: EngagementDependencies,
  recipientNameOrId: string | number,
  action: EngagementAction,
): EngagementResult {
  const plan = planEngagementEnd(deps, recipientNameOrId);
  const skipped: EngagementResult['skipped'] = [];
  const chosen: EngagementToken[] = [];
  for (const token of plan.toRotate) {
    const reason = token.blocked[action];
    if (reason) skipped.push({ id: token.tokenId, name: token.name, reason });
    else chosen.push(token);
  }
  deps.db.transaction(() => {
    for (const token of chosen) {
      if (action === 'regenerate') deps.lifecycle.regenerate(token.tokenId, { force: true });
      else deps.lifecycle.invalidate(token.tokenId);
    }
  })();
  deps.tokens.invalidate();
  return {
    recipient: plan.recipient,
    action,
    tokens: chosen.map((token) => ({ id: token.tokenId, name: token.name })),
    skipped,
  };
}
