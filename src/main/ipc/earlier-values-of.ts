import { EarlierValues } from '../core/tokens/earlier-values';
import type { SessionController } from '../session/session-controller';

/** The open vault's earlier values (core), built per call from the vault's own stores. */
export function earlierValuesOf(session: SessionController): EarlierValues {
  const vault = session.requireVault();
  return new EarlierValues({
    db: vault.db,
    tokens: vault.tokens,
    events: vault.events,
    usageOf: (tokenId) => vault.lifecycle.usage(tokenId),
  });
}
