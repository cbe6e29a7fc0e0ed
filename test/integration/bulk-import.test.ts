import { describe, expect, it } from 'vitest';
import { VaultError } from '../../src/shared/errors';
import { TokenStore } from '../../src/main/core/tokens/token-store';
import type { TokenPolicy } from '../../src/main/core/tokens/token-policy';
import { permissivePolicy } from '../helpers/permissive-policy';
import { createTestVault } from '../helpers/vault-fixture';

function rows(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    name: `Imported ${i + 1}`,
    value: `import-value-${i + 1}-abcdef`,
  }));
}

async function vaultWithAccount() {
  const fixture = await createTestVault();
  const account = fixture.vault.accounts.create({ name: 'Main', profile: 'generic' });
  fixture.vault.tokens.create({ accountId: account.id, name: 'Existing', value: 'existing-value-123' });
  const state = () => ({
    tokens: fixture.vault.tokens.list().length,
    events: fixture.vault.events.count(),
    head: fixture.vault.db.prepare(`SELECT value FROM meta WHERE key = 'event_head'`).get(),
  });
  return { ...fixture, account, state };
}

describe('bulk import (core)', () => {
  it('imports every row in one go, each with its Created event, and the chain still verifies', async () => {
    const { vault, account, state } = await vaultWithAccount();
    const before = state();
    expect(
      vault.tokens.importMany(account.id, [
        ...rows(49),
        {
          name: 'Full',
          value: 'full-value-1234',
          kind: 'key-secret',
          role: 'primary',
          description: 'd',
          assignedTo: 'ada',
          keyId: 'k1',
        },
      ]),
    ).toBe(50);
    expect(state().tokens).toBe(before.tokens + 50);
    expect(state().events).toBe(before.events + 50);
    const full = vault.tokens.list({ search: 'Full' })[0]!;
    expect(full).toMatchObject({
      kind: 'key-secret',
      role: 'primary',
      description: 'd',
      assignedTo: 'ada',
      keyId: 'k1',
    });
    expect(vault.tokens.reveal(full.id)).toBe('full-value-1234');
    expect(vault.tokens.history(full.id)[0]).toMatchObject({
      kind: 'Created',
      details: { imported: true, name: 'Full' },
    });
    expect(vault.verify().ok).toBe(true);
    vault.lock();
  });

  it.each([
    ['an empty value', { name: 'Bad', value: '' }, /value cannot be empty/],
    ['a line break in the value', { name: 'Bad', value: 'abc\ndef' }, /line breaks/],
    ['a missing name', { value: 'some-value-123' }, /Row 3/],
    ['an unknown field', { name: 'Bad', value: 'v-123456', colour: 'blue' }, /Row 3/],
    ['a bad kind', { name: 'Bad', value: 'v-123456', kind: 'Not A Kind' }, /kind/],
    ['a value too long', { name: 'Bad', value: 'x'.repeat(16_385) }, /16,384/],
  ])('one bad row (%s) imports nothing', async (_label, bad, message) => {
    const { vault, account, state } = await vaultWithAccount();
    const before = state();
    const input = [...rows(2), bad, ...rows(5).map((r) => ({ ...r, name: `${r.name} later` }))];
    let thrown: unknown;
    try {
      vault.tokens.importMany(account.id, input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(VaultError);
    expect(thrown).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/^Row 3: /) });
    expect((thrown as Error).message).toMatch(message);
    expect(state()).toEqual(before);
    expect(vault.verify().ok).toBe(true);
    vault.lock();
  });

  it('a row refused by the profile policy half-way rolls back the rows already inserted', async () => {
    const { vault, account, state } = await vaultWithAccount();
    const before = state();
    const refuseFourth: TokenPolicy = {
      beforeSave(acc, draft, siblings, existing) {
        if (draft.name === 'Imported 4')
          throw new VaultError('POLICY', 'This profile allows no fourth token.');
        return permissivePolicy.beforeSave(acc, draft, siblings, existing);
      },
    };
    const store = new TokenStore(vault.db, vault.events, vault.accounts, () => refuseFourth);
    expect(() => store.importMany(account.id, rows(6))).toThrow(
      expect.objectContaining({ code: 'POLICY', message: 'Row 4: This profile allows no fourth token.' }),
    );
    expect(state()).toEqual(before);
    vault.tokens.invalidate();
    expect(vault.tokens.list().map((t) => t.name)).toEqual(['Existing']);
    expect(vault.verify().ok).toBe(true);
    vault.lock();
  });

  it('a database failure on row 5 (after 4 rows and 4 events were written) rolls everything back', async () => {
    const { vault, account, state } = await vaultWithAccount();
    const before = state();
    vault.db.exec(`CREATE TEMP TRIGGER fail_on_fifth BEFORE INSERT ON main.tokens WHEN NEW.name = 'Imported 5'
                   BEGIN SELECT RAISE(ABORT, 'simulated disk error'); END;`);
    expect(() => vault.tokens.importMany(account.id, rows(8))).toThrow(/simulated disk error/);
    expect(state()).toEqual(before);
    vault.db.exec('DROP TRIGGER temp.fail_on_fifth');
    // The store and the chain carry on normally afterwards.
    expect(vault.tokens.importMany(account.id, rows(8))).toBe(8);
    expect(state().tokens).toBe(before.tokens + 8);
    expect(vault.verify().ok).toBe(true);
    vault.lock();
  });

  it('refuses something that is not a list, and an unknown account', async () => {
    const { vault, account, state } = await vaultWithAccount();
    const before = state();
    expect(() => vault.tokens.importMany(account.id, { name: 'x' } as unknown as unknown[])).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => vault.tokens.importMany(999, rows(1))).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(state()).toEqual(before);
    vault.lock();
  });
});
