import { afterEach, describe, expect, it } from 'vitest';
import { VaultError } from '../../src/shared/errors';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import type { Vault } from '../../src/main/core/vault/vault';
import { createTestVault } from '../helpers/vault-fixture';

let open: Vault | undefined;
afterEach(() => open?.lock());

async function vaultWith(profile: string, options: { allowDelete?: boolean } = {}) {
  const { vault } = await createTestVault();
  open = vault;
  const account = vault.accounts.create({
    name: `${profile} account`,
    profile,
    allowDelete: options.allowDelete,
  });
  return { vault, account };
}

/**
 * The call is refused with POLICY and a sentence matching `sentence`, and nothing was written; with `field`, the
 * refusal also names that input field, in the error and in the payload that crosses IPC (a form marks that field).
 */
function expectPolicy(vault: Vault, call: () => unknown, sentence: RegExp, field?: string): void {
  const before = { tokens: vault.tokens.list().length, events: vault.events.count() };
  let thrown: unknown;
  try {
    call();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(VaultError);
  expect((thrown as VaultError).code).toBe('POLICY');
  expect((thrown as VaultError).message).toMatch(sentence);
  if (field !== undefined)
    expect((thrown as VaultError).toPayload()).toMatchObject({ code: 'POLICY', field });
  expect({ tokens: vault.tokens.list().length, events: vault.events.count() }).toEqual(before);
}

const value = () => generateTokenValue({ length: 40 });

describe('Engaging Networks profile', () => {
  it('at most one public token per account', async () => {
    const { vault, account } = await vaultWith('engaging-networks');
    vault.tokens.create({ accountId: account.id, name: 'Widgets', kind: 'public', value: value() });
    expectPolicy(
      vault,
      () =>
        vault.tokens.create({ accountId: account.id, name: 'Second public', kind: 'public', value: value() }),
      /already has its public token \("Widgets"\); Engaging Networks allows one per account/,
    );
    // A second account gets its own public token.
    const other = vault.accounts.create({ name: 'EN second', profile: 'engaging-networks' });
    expect(
      vault.tokens.create({ accountId: other.id, name: 'Other widgets', kind: 'public', value: value() })
        .kind,
    ).toBe('public');
    // A private token cannot become a second public one by an edit either.
    const priv = vault.tokens.create({
      accountId: account.id,
      name: 'Sync',
      kind: 'private',
      assignedTo: 'ana',
      value: value(),
    });
    expectPolicy(vault, () => vault.tokens.update({ id: priv.id, kind: 'public' }), /allows one per account/);
  });

  it('private tokens: any number, each assigned to a user', async () => {
    const { vault, account } = await vaultWith('engaging-networks');
    expectPolicy(
      vault,
      () => vault.tokens.create({ accountId: account.id, name: 'No user', kind: 'private', value: value() }),
      /^In Engaging Networks accounts, a private token must be assigned to a user\.$/,
      'assignedTo',
    );
    for (let i = 0; i < 12; i++)
      vault.tokens.create({
        accountId: account.id,
        name: `Private ${i}`,
        assignedTo: `user${i}`,
        value: value(),
      });
    const tokens = vault.tokens.list({ accountId: account.id });
    expect(tokens).toHaveLength(12);
    // The default kind of the profile is private.
    expect(new Set(tokens.map((t) => t.kind))).toEqual(new Set(['private']));
    expectPolicy(
      vault,
      () => vault.tokens.update({ id: tokens[0]!.id, assignedTo: null }),
      /must be assigned to a user/,
    );
  });

  it('only public and private kinds, without primary/secondary roles', async () => {
    const { vault, account } = await vaultWith('engaging-networks');
    expectPolicy(
      vault,
      () => vault.tokens.create({ accountId: account.id, name: 'Bearer', kind: 'bearer', value: value() }),
      /Engaging Networks accounts hold "public" or "private" tokens, not "bearer"/,
    );
    expectPolicy(
      vault,
      () =>
        vault.tokens.create({
          accountId: account.id,
          name: 'P',
          kind: 'public',
          role: 'primary',
          value: value(),
        }),
      /public token has no primary or secondary role/,
    );
  });
});

describe('ON24 profile', () => {
  it('a key + secret pair needs its token key and a producer login', async () => {
    const { vault, account } = await vaultWith('on24');
    expectPolicy(
      vault,
      () =>
        vault.tokens.create({
          accountId: account.id,
          name: 'Salesforce',
          assignedTo: 'producer',
          value: value(),
        }),
      /^In ON24 accounts, a token key and secret needs its token key recorded/,
      'keyId',
    );
    expectPolicy(
      vault,
      () => vault.tokens.create({ accountId: account.id, name: 'Salesforce', keyId: 'KEY1', value: value() }),
      /^In ON24 accounts, a token key and secret must be assigned to a producer login\.$/,
      'assignedTo',
    );
    const token = vault.tokens.create({
      accountId: account.id,
      name: 'Salesforce',
      keyId: 'KEY1',
      assignedTo: 'producer',
      value: value(),
    });
    expect(token).toMatchObject({ kind: 'key-secret', keyId: 'KEY1', role: 'standalone' });
  });

  it('one token per producer login (case and spaces ignored)', async () => {
    const { vault, account } = await vaultWith('on24');
    vault.tokens.create({
      accountId: account.id,
      name: 'Salesforce',
      keyId: 'K1',
      assignedTo: 'Events.Producer',
      value: value(),
    });
    expectPolicy(
      vault,
      () =>
        vault.tokens.create({
          accountId: account.id,
          name: 'Marketo',
          keyId: 'K2',
          assignedTo: ' events.producer ',
          value: value(),
        }),
      /In ON24 accounts, each producer login has one token, and "events.producer" already has "Salesforce"/,
      'assignedTo',
    );
    const other = vault.tokens.create({
      accountId: account.id,
      name: 'Marketo',
      keyId: 'K2',
      assignedTo: 'other',
      value: value(),
    });
    expectPolicy(
      vault,
      () => vault.tokens.update({ id: other.id, assignedTo: 'EVENTS.PRODUCER' }),
      /each producer login has one token/,
    );
    // Editing the holder itself is fine.
    expect(vault.tokens.update({ id: other.id, description: 'Registrations' }).description).toBe(
      'Registrations',
    );
  });
});

describe('Endpoint profile', () => {
  it('secondary tokens are 64 alphanumerics; primaries are free; no standalone role', async () => {
    const { vault, account } = await vaultWith('endpoint');
    expectPolicy(
      vault,
      () =>
        vault.tokens.create({ accountId: account.id, name: 'Salesforce', role: 'secondary', value: value() }),
      /secondary token's value is exactly 64 letters and digits/,
    );
    expectPolicy(
      vault,
      () =>
        vault.tokens.create({
          accountId: account.id,
          name: 'Salesforce',
          role: 'secondary',
          value: `${'a'.repeat(63)}-`,
        }),
      /exactly 64 letters and digits/,
    );
    expectPolicy(
      vault,
      () =>
        vault.tokens.create({
          accountId: account.id,
          name: 'Short',
          role: 'secondary',
          generate: { length: 32 },
        }),
      /exactly 64 letters and digits/,
    );
    const secondary = vault.tokens.create({
      accountId: account.id,
      name: 'Salesforce',
      generate: { length: 64 },
    });
    expect(secondary).toMatchObject({ role: 'secondary', kind: 'endpoint-token', valueLength: 64 });
    expect(vault.tokens.reveal(secondary.id)).toMatch(/^[A-Za-z0-9]{64}$/);
    const primary = vault.tokens.create({
      accountId: account.id,
      name: 'POST',
      role: 'primary',
      value: value(),
    });
    expect(primary.role).toBe('primary');
    // A value edit and an import are held to the same shape.
    expectPolicy(
      vault,
      () => vault.tokens.update({ id: secondary.id, value: value() }),
      /exactly 64 letters and digits/,
    );
    expect(() =>
      vault.tokens.importMany(account.id, [{ name: 'Imported', role: 'secondary', value: value() }]),
    ).toThrow(/^Row 1: .*exactly 64 letters and digits/);
    // A primary with a 40-character value cannot be turned into a secondary.
    expectPolicy(
      vault,
      () => vault.tokens.update({ id: primary.id, role: 'secondary' }),
      /its value is not 64 letters and digits/,
    );
  });

  it('a mapped token keeps its role until it is unmapped', async () => {
    const { vault, account } = await vaultWith('endpoint');
    const primary = vault.tokens.create({
      accountId: account.id,
      name: 'POST',
      role: 'primary',
      value: 'P'.repeat(64),
    });
    const secondary = vault.tokens.create({ accountId: account.id, name: 'App', generate: { length: 64 } });
    vault.lifecycle.map(secondary.id, primary.id);
    expectPolicy(
      vault,
      () => vault.tokens.update({ id: primary.id, role: 'secondary' }),
      /unmap and unassign it before changing its role/,
    );
    vault.lifecycle.unmap(secondary.id, primary.id);
    expect(vault.tokens.update({ id: primary.id, role: 'secondary' }).role).toBe('secondary');
  });
});

describe('Emplifi profile', () => {
  const bearer = (accountId: number, name: string, extra: Record<string, unknown> = {}) => ({
    accountId,
    name,
    kind: 'bearer',
    description: `${name} access`,
    value: value(),
    ...extra,
  });

  it('a description is required on create and cannot be emptied', async () => {
    const { vault, account } = await vaultWith('emplifi');
    expectPolicy(
      vault,
      () => vault.tokens.create({ accountId: account.id, name: 'Agency', value: value() }),
      /^Emplifi Ratings & Reviews requires a description for every token/,
      'description',
    );
    const token = vault.tokens.create(bearer(account.id, 'Agency'));
    expectPolicy(
      vault,
      () => vault.tokens.update({ id: token.id, description: '  ' }),
      /requires a description/,
    );
  });

  it('at most 10 bearer tokens, exactly one of them primary, the others secondary', async () => {
    const { vault, account } = await vaultWith('emplifi');
    const primary = vault.tokens.create(bearer(account.id, 'Primary', { role: 'primary', description: '' }));
    expect(primary).toMatchObject({ role: 'primary', description: `${account.name} Primary Token` });
    expectPolicy(
      vault,
      () => vault.tokens.create(bearer(account.id, 'Second primary', { role: 'primary' })),
      /already has its primary bearer token \("Primary"\); Emplifi Ratings & Reviews allows 1, the others are secondary/,
    );
    for (let i = 1; i <= 9; i++)
      expect(vault.tokens.create(bearer(account.id, `Partner ${i}`)).role).toBe('secondary');
    expectPolicy(
      vault,
      () => vault.tokens.create(bearer(account.id, 'Eleventh')),
      /allows at most 10 bearer tokens per account, and "emplifi account" already has 10/,
    );
    // Client credentials are another kind: they do not count against the ten.
    vault.tokens.create({
      accountId: account.id,
      name: 'OAuth',
      kind: 'client-credentials',
      keyId: 'site',
      description: 'creds',
      value: value(),
    });
    const partner = vault.tokens.list({ accountId: account.id }).find((t) => t.name === 'Partner 1')!;
    expectPolicy(
      vault,
      () => vault.tokens.update({ id: partner.id, role: 'primary' }),
      /already has its primary bearer token/,
    );
  });

  it("the primary's description is the platform's and cannot be changed", async () => {
    const { vault, account } = await vaultWith('emplifi');
    expectPolicy(
      vault,
      () =>
        vault.tokens.create(bearer(account.id, 'Primary', { role: 'primary', description: 'My own words' })),
      /description is set by Emplifi Ratings & Reviews \("emplifi account Primary Token"\)/,
    );
    const primary = vault.tokens.create(bearer(account.id, 'Primary', { role: 'primary', description: '' }));
    expectPolicy(
      vault,
      () => vault.tokens.update({ id: primary.id, description: 'Changed' }),
      /cannot be changed/,
    );
    expect(vault.tokens.update({ id: primary.id, name: 'Primary token' }).description).toBe(
      'emplifi account Primary Token',
    );
  });

  it('client credentials: the site key is required, one pair per account', async () => {
    const { vault, account } = await vaultWith('emplifi');
    const creds = {
      accountId: account.id,
      kind: 'client-credentials',
      description: 'OAuth client',
      value: value(),
    };
    expectPolicy(
      vault,
      () => vault.tokens.create({ ...creds, name: 'OAuth' }),
      /needs its site key \(client_id\) recorded/,
    );
    vault.tokens.create({ ...creds, name: 'OAuth', keyId: 'site-key' });
    expectPolicy(
      vault,
      () => vault.tokens.create({ ...creds, name: 'OAuth 2', keyId: 'other' }),
      /already has its client credentials/,
    );
  });
});

describe('generic profile', () => {
  it('no limits: any kind, any role, any number, no description needed', async () => {
    const { vault, account } = await vaultWith('generic');
    for (let i = 0; i < 15; i++) {
      vault.tokens.create({
        accountId: account.id,
        name: `T${i}`,
        kind: ['public', 'bearer', 'webhook'][i % 3],
        role: (['primary', 'secondary', 'standalone'] as const)[i % 3],
        value: value(),
      });
    }
    expect(vault.tokens.list({ accountId: account.id })).toHaveLength(15);
    expect(vault.tokens.create({ accountId: account.id, name: 'Default', value: 'short-1' }).kind).toBe(
      'api-token',
    );
  });

  it('an unknown profile is refused when the account is created', async () => {
    const { vault } = await createTestVault();
    open = vault;
    expect(() => vault.accounts.create({ name: 'X', profile: 'salesforce' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
