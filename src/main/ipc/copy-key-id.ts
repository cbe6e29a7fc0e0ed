import { VaultError } from '../../shared/errors';
import type { SessionController } from '../session/session-controller';

/** The token's key id to the clipboard, like a value (cleared later: it pairs with a secret). */
export async function copyKeyId(session: SessionController, id: number) {
  const token = session.requireVault().tokens.get(id);
  if (!token.keyId) throw new VaultError('NOT_FOUND', `"${token.name}" has no key id to copy.`);
  return session.copySecret(token.keyId);
}
