import { afterEach, describe, expect, it } from 'vitest';
import type { TokenListQuery } from '../../src/shared/inputs';
import { TokenSearchIndex } from '../../src/shared/token-search-index';
import type { Vault } from '../../src/main/core/vault/vault';
import { createTestVault } from '../helpers/vault-fixture';
import { searchSetsBuilt } from '../helpers/search-sets';

let open: Vault | undefined;
afterEach(() => open?.lock());

const QUERIES: TokenListQuery[] = [
  {},
  { search: 'alpha' },
  { search: 'renamed' },
  { search: 'billing' },
  { search: 'ops' },
  { search: 'sec' },
  { status: 'inactive' },
];

/** What the kept index answers, beside what an index loaded afresh from the rows on disk answers. */
function answers(vault: Vault) {
  const rows = vault.accounts.list().flatMap((account) => vault.tokens.forAccount(account.id));
  const fresh = new TokenSearchIndex();
  fresh.load(rows);
  return {
    kept: QUERIES.map((query) => vault.tokens.list(query)),
    fresh: QUERIES.map((query) => fresh.query(query)),
  };
}

describe('the token list follows every write without being rebuilt', () => {
  it('create, edit, status, regenerate, delete and an account rename: the same answers as a fresh load', async () => {
    const { vault } = await createTestVault();
    open = vault;
    const uc = vault.useCases;
    const ops = uc.createAccount({ name: 'Ops', profile: 'generic', allowDelete: true }).result;
    const billing = uc.createAccount({ name: 'Billing', profile: 'generic' }).result;
    const ids: number[] = [];
    for (const [account, name] of [
      [ops, 'alpha key'],
      [ops, 'beta key'],
      [billing, 'gamma key'],
      [billing, 'alpha billing'],
      [billing, 'epsilon untouched'],
    ] as const) {
      ids.push(uc.createToken({ accountId: account.id, name, generate: {} }).result.id);
    }
    // Loaded (and searched, so the sets exist) before the writes below.
    expect(vault.tokens.list({ search: 'alpha' }).map((t) => t.name)).toEqual(['alpha billing', 'alpha key']);
    await searchSetsBuilt(vault);

    uc.createToken({ accountId: ops.id, name: 'delta secret', generate: {} });
    uc.updateToken({ id: ids[1]!, name: 'renamed beta', description: 'moved to the front' });
    uc.setStatus(ids[0]!, 'inactive');
    uc.regenerate(ids[2]!);
    uc.deleteToken(ids[3]!);
    expect(vault.tokens.list({ search: 'key' })).toHaveLength(2);
    // No event names "epsilon untouched": only the account's does.
    uc.updateAccount({ id: billing.id, name: 'Billing renamed' });

    const { kept, fresh } = answers(vault);
    expect(kept).toEqual(fresh);
    expect(kept[2]!.map((t) => t.name)).toEqual(['epsilon untouched', 'gamma key', 'renamed beta']);
    expect(kept[0]!.find((t) => t.id === ids[2])!.previousValueCount).toBe(1);
    expect(kept[6]!.map((t) => t.id)).toEqual([ids[0]]);
    expect(kept[1]!.map((t) => t.id)).toEqual([ids[0]]);
  });

  it('a list read inside a transaction that rolls back leaves no trace of its writes', async () => {
    const { vault } = await createTestVault();
    open = vault;
    const account = vault.useCases.createAccount({ name: 'Ops', profile: 'generic' }).result;
    const kept = vault.useCases.createToken({
      accountId: account.id,
      name: 'alpha kept',
      generate: {},
    }).result;
    expect(vault.tokens.list()).toHaveLength(1);

    expect(() =>
      vault.db.transaction(() => {
        vault.tokens.create({ accountId: account.id, name: 'alpha gone', generate: {} });
        vault.tokens.update({ id: kept.id, name: 'alpha renamed inside' });
        // Read inside: the index shows the transaction's own writes...
        expect(vault.tokens.list({ search: 'alpha' }).map((t) => t.name)).toEqual([
          'alpha gone',
          'alpha renamed inside',
        ]);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');

    // ...and after the rollback, none of them.
    expect(vault.tokens.list({ search: 'alpha' }).map((t) => t.name)).toEqual(['alpha kept']);
    const { kept: after, fresh } = answers(vault);
    expect(after).toEqual(fresh);
  });

  it('a bulk import is loaded whole, and later single writes still follow', async () => {
    const { vault } = await createTestVault();
    open = vault;
    const account = vault.useCases.createAccount({ name: 'Ops', profile: 'generic' }).result;
    vault.tokens.list();
    const rows = Array.from({ length: 2500 }, (_, i) => ({ name: `sec ${i}`, value: `value-${i}-xxxxxxxx` }));
    vault.useCases.importTokens(account.id, rows);
    expect(vault.tokens.list({ search: 'sec' })).toHaveLength(2500);
    await searchSetsBuilt(vault);
    const first = vault.tokens.list({ search: 'sec 1' })[0]!;
    vault.useCases.updateToken({ id: first.id, name: 'alpha from import' });
    const { kept, fresh } = answers(vault);
    expect(kept).toEqual(fresh);
    expect(kept[1]!.map((t) => t.name)).toEqual(['alpha from import']);
  });
});
