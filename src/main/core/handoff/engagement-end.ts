import { generateTokenValue } from '../crypto/token-generator';
import type { RecipientStore } from '../recipients/recipient-store';
import type { Vault } from '../vault/vault';

export type EngagementAction = 'regenerate' | 'invalidate';

/**
 * When an agency's engagement ends, every token it still holds is rotated in one pass: regenerated (the old value
 * kept among the previous values, as on any regenerate) or invalidated. One transaction: all tokens or none.
 */
export function endEngagement(
  vault: Vault,
  recipients: RecipientStore,
  recipientName: string,
  action: EngagementAction,
) {
  const recipient = recipients.resolve(recipientName);
  const held = recipients.holdings(recipient.id).filter((token) => token.stillInVault);
  const now = new Date().toISOString();
  vault.db.transaction(() => {
    for (const token of held) {
      const meta = vault.tokens.get(token.tokenId);
      if (action === 'regenerate') {
        vault.tokens.replaceValue(
          token.tokenId,
          generateTokenValue({ length: Math.max(meta.valueLength, 32) }),
          now,
          true,
        );
        vault.events.append({
          kind: 'Regenerated',
          tokenId: token.tokenId,
          accountId: meta.accountId,
          details: { reason: `engagement with ${recipient.name} ended` },
        });
      } else {
        vault.tokens.setFields(token.tokenId, { status: 'inactive' });
        vault.events.append({
          kind: 'Invalidated',
          tokenId: token.tokenId,
          accountId: meta.accountId,
          details: { reason: `engagement with ${recipient.name} ended` },
        });
      }
    }
  })();
  vault.tokens.invalidate();
  return {
    recipient: recipient.name,
    action,
    tokens: held.map((token) => ({ id: token.tokenId, name: token.name })),
  };
}
