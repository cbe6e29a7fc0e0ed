import { VaultError } from '../../../shared/errors';
import { policyForAccount } from '../profiles/policy-for-profile';
import type { LifecycleOperation } from '../profiles/profile-policy';
import type { Holding } from '../recipients/holdings';
import type { RecipientStore } from '../recipients/recipient-store';
import type { Vault } from '../vault/vault';

export type EngagementAction = 'regenerate' | 'invalidate';

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
  /** Everything else it was given, with the reason it needs nothing. */
  others: EngagementToken[];
}

export interface EngagementResult {
  recipient: string;
  action: EngagementAction;
  /** The tokens changed, all in one transaction. */
  tokens: { id: number; name: string }[];
  /** Already in the wanted state (invalidating an inactive token) or refused by the profile, with the reason. */
  skipped: { id: number; name: string; reason: string }[];
}

function needOf(holding: Holding): RotationNeed {
  if (!holding.stillInVault) return 'not-in-vault';
  if (!holding.valueGiven) return 'value-never-given';
  return holding.holdsCurrentValue ? 'holds-current-value' : 'changed-since';
}

function blockedBy(vault: Vault, tokenId: number, operation: LifecycleOperation): string | null {
  const token = vault.tokens.get(tokenId);
  try {
    policyForAccount(vault.accounts.get(token.accountId), vault.db).beforeLifecycle(token, operation);
    return null;
  } catch (error) {
    if (error instanceof VaultError) return error.message;
    throw error;
  }
}

/** What ending the engagement would touch: nothing is changed. */
export function planEngagementEnd(
  vault: Vault,
  recipients: RecipientStore,
  recipientNameOrId: string | number,
): EngagementPlan {
  const recipient = recipients.resolve(recipientNameOrId);
  const tokens = recipients.holdings(recipient.id).map((holding): EngagementToken => {
    const need = needOf(holding);
    const live = need !== 'not-in-vault';
    return {
      ...holding,
      need,
      blocked: {
        regenerate: live ? blockedBy(vault, holding.tokenId, 'regenerate') : null,
        invalidate: live ? blockedBy(vault, holding.tokenId, 'invalidate') : null,
      },
    };
  });
  return {
    recipient: recipient.name,
    toRotate: tokens.filter((token) => token.need === 'holds-current-value'),
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
  vault: Vault,
  recipients: RecipientStore,
  recipientNameOrId: string | number,
  action: EngagementAction,
): EngagementResult {
  const plan = planEngagementEnd(vault, recipients, recipientNameOrId);
  const skipped: EngagementResult['skipped'] = [];
  const chosen: EngagementToken[] = [];
  for (const token of plan.toRotate) {
    const reason =
      token.blocked[action] ??
      (action === 'invalidate' && token.status === 'inactive' ? 'already inactive' : null);
    if (reason) skipped.push({ id: token.tokenId, name: token.name, reason });
    else chosen.push(token);
  }
  vault.db.transaction(() => {
    for (const token of chosen) {
      if (action === 'regenerate') vault.lifecycle.regenerate(token.tokenId, { force: true });
      else vault.lifecycle.invalidate(token.tokenId);
    }
  })();
  vault.tokens.invalidate();
  return {
    recipient: plan.recipient,
    action,
    tokens: chosen.map((token) => ({ id: token.tokenId, name: token.name })),
    skipped,
  };
}
