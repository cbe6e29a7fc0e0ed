import { afterEach, describe, expect, it } from 'vitest';
import type { Vault } from '../../src/main/core/vault/vault';
import { createTestVault } from '../helpers/vault-fixture';

let open: Vault | undefined;
afterEach(() => open?.lock());

describe('Emplifi descriptions', () => {
  it('refuses special characters with a sentence naming them; letters of any script and plain punctuation pass', async () => {
    const { vault } = await createTestVault();
    open = vault;
    const site = vault.accounts.create({ name: 'Reviews & Ratings <EU>', profile: 'emplifi' });
    const add = (description: string) =>
      vault.tokens.create({
        accountId: site.id,
        name: `t${vault.tokens.list().length}`,
        role: 'secondary',
        description,
        value: 'v'.repeat(40),
      });
    const before = vault.events.count();
    expect(() => add('Feed <script>&"')).toThrow(
      'Emplifi Ratings & Reviews does not accept "<", ">", "&", """ in a description; use letters, digits, spaces and . , ; : \' ( ) / _ ! ? -.',
    );
    expect(vault.events.count()).toBe(before);
    expect(vault.tokens.list()).toEqual([]);
    expect(() => add('Carousel #2 @home')).toThrow(/does not accept "#", "@" in a description/);
    const ok = add("Agency's carousel (Zürich): reviews; v2/feed - ok? yes!");
    expect(ok.description).toContain('Zürich');
    expect(() => vault.tokens.update({ id: ok.id, description: 'x {y}' })).toThrow(/"\{", "\}"/);
    // The primary's description is set by Emplifi from the account name, whatever characters that holds.
    const primary = vault.tokens.create({
      accountId: site.id,
      name: 'Primary',
      role: 'primary',
      value: 'v'.repeat(40),
    });
    expect(primary.description).toBe('Reviews & Ratings <EU> Primary Token');
    // Other profiles keep any description.
    const generic = vault.accounts.create({ name: 'Misc', profile: 'generic' });
    expect(
      vault.tokens.create({
        accountId: generic.id,
        name: 'g',
        description: 'Feed <script>&"',
        value: 'v'.repeat(40),
      }).description,
    ).toBe('Feed <script>&"');
  });
});
