import type { Vault } from '../vault/vault';
import { disableKeychain, enableKeychain } from './keychain-unlock';
import type { SecretStore } from './secret-store';

/**
 * Turn keychain quick unlock on or off (src/main/core/keychain/keychain-unlock.ts), and record it in the history
 * when the key slots changed: the slot lives in keyslots.json and its key in the OS keychain, neither in vault.db,
 * so the event follows the change instead of sharing its transaction. Answers whether anything changed.
 */
export async function setKeychainUnlock(
  vault: Vault,
  store: SecretStore,
  enabled: boolean,
): Promise<boolean> {
  const keychainSlots = () =>
    vault
      .keySlots()
      .filter((slot) => slot.type === 'keychain')
      .map((slot) => slot.id)
      .join(',');
  const before = keychainSlots();
  if (enabled) await enableKeychain(vault, store);
  else await disableKeychain(vault, store);
  const changed = keychainSlots() !== before;
  if (changed) vault.useCases.recordKeychainUnlock(enabled);
  return changed;
}
