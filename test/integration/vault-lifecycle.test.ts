import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Vault } from '../../src/main/core/vault/vault';
import { createTestVault, TEST_PASSWORD } from '../helpers/vault-fixture';

describe('vault create / open / lock', () => {
  it('creates a vault, stores a token, and reopens it with the password and with the recovery key', async () => {
    const { dir, vault, recoveryKey } = await createTestVault();
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){12}[0-9A-Z]{4}$/);
    const account = vault.accounts.create({ name: 'Main', profile: 'generic' });
    const token = vault.tokens.create({ accountId: account.id, name: 'CRM sync', value: 'value-one-abcdef' });
    expect(token.valueLength).toBe(16);
    vault.lock();

    const reopened = await Vault.open(dir, { password: TEST_PASSWORD });
    expect(reopened.tokens.list().map((t) => t.name)).toEqual(['CRM sync']);
    expect(reopened.tokens.reveal(token.id)).toBe('value-one-abcdef');
    reopened.lock();

    const viaRecovery = await Vault.open(dir, { recoveryKey: recoveryKey.toLowerCase().replace(/-/g, ' ') });
    expect(viaRecovery.verify().ok).toBe(true);
    viaRecovery.lock();
    const slots = JSON.parse(readFileSync(join(dir, 'keyslots.json'), 'utf8'));
    expect(slots.slots.map((s: { type: string }) => s.type)).toEqual(['password', 'recovery']);
  });

  it('refuses a wrong password with WRONG_PASSWORD and a second opener with VAULT_IN_USE', async () => {
    const { dir, vault } = await createTestVault();
    await expect(Vault.open(dir, { password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'VAULT_IN_USE',
    });
    vault.lock();
    await expect(Vault.open(dir, { password: 'not the password at all' })).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    });
  });
});
