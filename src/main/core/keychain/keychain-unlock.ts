import { randomBytes } from 'node:crypto';
import { VaultError } from '../../../shared/errors';
import { newSlotId, readKeySlots, unwrapDataKey, wrapDataKey, type KeychainSlot } from '../vault/keyslots';
import type { Unlock, Vault } from '../vault/vault';
import { KEYCHAIN_SERVICE, type SecretStore } from './secret-store';

export type KeychainStatus = 'disabled' | 'enabled' | 'stale' | 'unavailable';

/**
 * Opt-in quick unlock: a random key-encryption key lives in the OS keychain (service "Token Vault", account = the
 * vault id) and wraps the data key in a `keychain` slot. The entry is written before the slot, so a failure never
 * leaves a slot that nothing can open.
 */
export async function enableKeychain(vault: Vault, store: SecretStore): Promise<KeychainSlot> {
  const working = await workingKeychainSlot(vault, store);
  if (working) return working;
  const kek = randomBytes(32);
  try {
    await store.set(KEYCHAIN_SERVICE, vault.id, kek.toString('base64'));
    const slot = vault.addKeySlot((dataKey, vaultId) => {
      const id = newSlotId('keychain');
      return {
        id,
        type: 'keychain',
        createdAt: new Date().toISOString(),
        keychain: { service: KEYCHAIN_SERVICE, account: vaultId },
        wrap: wrapDataKey(dataKey, kek, vaultId, id),
      };
    }) as KeychainSlot;
    for (const old of vault.keySlots().filter((s) => s.type === 'keychain' && s.id !== slot.id))
      vault.removeKeySlot(old.id);
    return slot;
  } catch (error) {
    if (!vault.keySlots().some((s) => s.type === 'keychain'))
      await store.delete(KEYCHAIN_SERVICE, vault.id).catch(() => false);
    throw error;
  } finally {
    kek.fill(0);
  }
}

/**
 * The keychain slot that the stored entry opens, if any: enabling twice must not replace a working key (if writing
 * the new slot then failed, the old slot would be left with a key that no longer opens it).
 */
async function workingKeychainSlot(vault: Vault, store: SecretStore): Promise<KeychainSlot | null> {
  const slots = vault.keySlots().filter((s): s is KeychainSlot => s.type === 'keychain');
  if (slots.length !== 1) return null;
  const secret = await store.get(KEYCHAIN_SERVICE, vault.id);
  if (!secret) return null;
  const kek = Buffer.from(secret, 'base64');
  const dataKey = unwrapDataKey(slots[0]!.wrap, kek, vault.id, slots[0]!.id);
  kek.fill(0);
  if (!dataKey) return null;
  dataKey.fill(0);
  return slots[0]!;
}

/** Deletes the keychain entry, then the slot. With no keychain reachable, nothing changes. */
export async function disableKeychain(vault: Vault, store: SecretStore): Promise<boolean> {
  const slots = vault.keySlots().filter((slot) => slot.type === 'keychain');
  if (slots.length === 0) return false;
  await store.delete(KEYCHAIN_SERVICE, vault.id);
  for (const slot of slots) vault.removeKeySlot(slot.id);
  return true;
}

export async function keychainStatus(vaultDir: string, store: SecretStore): Promise<KeychainStatus> {
  const file = readKeySlots(vaultDir);
  const slot = file.slots.find((s) => s.type === 'keychain');
  if (!slot) return 'disabled';
  try {
    return (await store.get(KEYCHAIN_SERVICE, file.vaultId)) ? 'enabled' : 'stale';
  } catch (error) {
    if (error instanceof VaultError && error.code === 'KEYCHAIN_UNAVAILABLE') return 'unavailable';
    throw error;
  }
}

/** The unlock for Vault.open through the keychain slot. */
export async function keychainUnlock(vaultDir: string, store: SecretStore): Promise<Unlock> {
  const file = readKeySlots(vaultDir);
  const slot = file.slots.find((s) => s.type === 'keychain');
  if (!slot) {
    throw new VaultError(
      'KEYCHAIN_UNAVAILABLE',
      'Keychain unlock is not turned on for this vault; unlock with the master password.',
    );
  }
  const secret = await store.get(KEYCHAIN_SERVICE, file.vaultId);
  if (!secret) {
    throw new VaultError(
      'KEYCHAIN_UNAVAILABLE',
      'The keychain entry for this vault is gone (it was removed outside Token Vault); unlock with the master password and turn keychain unlock off to remove the stale slot.',
    );
  }
  return { slotId: slot.id, kek: Buffer.from(secret, 'base64') };
}
