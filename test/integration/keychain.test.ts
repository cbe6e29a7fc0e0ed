import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  disableKeychain,
  enableKeychain,
  keychainStatus,
  keychainUnlock,
} from '../../src/main/core/keychain/keychain-unlock';
import { KEYCHAIN_SERVICE, systemSecretStore } from '../../src/main/core/keychain/secret-store';
import { Vault } from '../../src/main/core/vault/vault';
import { keychainItemCount, secretServiceReachable } from '../helpers/secret-service';
import { createTestVault } from '../helpers/vault-fixture';
import { skipUnless } from '../helpers/skip-or-fail';

const skip = skipUnless(
  await secretServiceReachable(),
  'no Secret Service on this session bus (npm test runs these under dbus-run-session with gnome-keyring)',
);

describe.skipIf(skip)('keychain quick unlock against the real gnome-keyring', () => {
  it('enable stores one entry and a slot; unlock through it works; disable deletes both', async () => {
    const store = systemSecretStore();
    const { dir, vault } = await createTestVault();
    const account = vault.accounts.create({ name: 'Main' });
    vault.tokens.create({ accountId: account.id, name: 'T', value: 'keychain-test-value-123' });
    const vaultId = vault.id;
    expect(await keychainStatus(dir, store)).toBe('disabled');
    await enableKeychain(vault, store);
    vault.lock();

    expect(keychainItemCount(KEYCHAIN_SERVICE, vaultId)).toBe(1);
    expect(await keychainStatus(dir, store)).toBe('enabled');
    const slots = JSON.parse(readFileSync(join(dir, 'keyslots.json'), 'utf8')).slots.map(
      (s: { type: string }) => s.type,
    );
    expect(slots).toEqual(['password', 'recovery', 'keychain']);

    const viaKeychain = await Vault.open(dir, await keychainUnlock(dir, store));
    expect(viaKeychain.tokens.list().map((t) => t.name)).toEqual(['T']);
    await disableKeychain(viaKeychain, store);
    viaKeychain.lock();

    expect(keychainItemCount(KEYCHAIN_SERVICE, vaultId)).toBe(0);
    expect(await keychainStatus(dir, store)).toBe('disabled');
    await expect(keychainUnlock(dir, store)).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
  });

  it('an entry removed outside the app is reported stale, and disable then removes the slot', async () => {
    const store = systemSecretStore();
    const { dir, vault } = await createTestVault();
    await enableKeychain(vault, store);
    await store.delete(KEYCHAIN_SERVICE, vault.id);
    expect(await keychainStatus(dir, store)).toBe('stale');
    await expect(keychainUnlock(dir, store)).rejects.toThrow(/removed outside Token Vault/);
    expect(await disableKeychain(vault, store)).toBe(true);
    expect(vault.keySlots().map((s) => s.type)).toEqual(['password', 'recovery']);
    vault.lock();
  });
});
