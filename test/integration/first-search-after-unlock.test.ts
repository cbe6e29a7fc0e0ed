import { afterEach, describe, expect, it } from 'vitest';
import type { TokenListQuery } from '../../src/shared/inputs';
import { Vault } from '../../src/main/core/vault/vault';
import { createTestVault, TEST_PASSWORD } from '../helpers/vault-fixture';
import { searchSetsBuilt } from '../helpers/search-sets';

let open: Vault | undefined;
afterEach(() => open?.lock());

const OWNERS = ['jane.doe', 'omar.haddad', 'priya.patel', 'li.wei'];
const PLATFORMS = ['Stripe', 'Mailchimp', 'Salesforce', 'Zoom'];

/** Keystrokes as typed, then whole searches with several terms and a filter. */
const QUERIES: TokenListQuery[] = [
  ...['p', 'pr', 'pri', 'priy', 'priya', 'priya.', 'priya.patel'].map((search) => ({ search })),
  ...['s', 'st', 'str', 'stripe', 'stripe p', 'stripe prod', 'stripe prod 1'].map((search) => ({ search })),
  { search: 'zoom jane' },
  { search: 'nothing matches this' },
  { search: 'mail', status: 'inactive' },
  { search: 'sales 12' },
];

describe('the first search after unlock', () => {
  it('answers, before the sets are built, what every later search answers from them', async () => {
    const { dir, vault } = await createTestVault();
    const account = vault.useCases.createAccount({ name: 'Ops', profile: 'generic' }).result;
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      name: `${PLATFORMS[i % 4]} ${['prod', 'dev'][i % 2]} ${i}`,
      value: `value-${i}-${'x'.repeat(24)}`,
      description: `owner ${OWNERS[(i >> 2) % 4]}`,
    }));
    vault.useCases.importTokens(account.id, rows);
    const some = vault.tokens.list({ search: 'mailchimp' }).slice(0, 40);
    for (const token of some) vault.useCases.setStatus(token.id, 'inactive');
    vault.lock();

    open = await Vault.open(dir, { password: TEST_PASSWORD });
    const first = QUERIES.map((query) => open!.tokens.list(query));
    // Answered without the sets: their build was only started, in the background.
    expect(open.tokens.searchSetsReady()).toBe(false);
    await searchSetsBuilt(open);
    const later = QUERIES.map((query) => open!.tokens.list(query));
    expect(later).toEqual(first);
    // And what the definition answers: every term inside one field, in list order.
    const all = open.tokens.list();
    const scan = QUERIES.map((query) => {
      const terms = query.search!.toLowerCase().split(/\s+/);
      return all.filter((t) => {
        const fields = [t.name, t.description, t.assignedTo, t.application, t.keyId, t.kind, t.accountName]
          .filter(Boolean)
          .map((field) => field!.toLowerCase());
        const held = terms.every((term) => fields.some((field) => field.includes(term)));
        return held && (query.status === undefined || t.status === query.status);
      });
    });
    expect(first).toEqual(scan);
    const sizes = first.map((answer) => answer.length);
    expect(Math.max(...sizes)).toBe(3000);
    expect(sizes).toContain(0);
    expect(sizes.filter((size) => size > 0 && size < 1000).length).toBeGreaterThan(8);
  });
});
