import { describe, expect, it } from 'vitest';
import { commitImport } from '../../src/main/core/import/import-commit';
import { planImport, previewImport } from '../../src/main/core/import/import-preview';
import { readImportSource } from '../../src/main/core/import/read-import-source';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { onePuxZip } from '../helpers/import-fixtures';
import { createTestVault } from '../helpers/vault-fixture';

function eventCount(vault: Awaited<ReturnType<typeof createTestVault>>['vault']): number {
  return (vault.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
}

describe('import: read -> preview -> commit', () => {
  it('previews rows with target accounts, profile refusals and duplicates, without writing or carrying values', async () => {
    const { vault } = await createTestVault();
    const on24 = vault.accounts.create({ name: 'ON24', profile: 'on24' });
    const stored = generateTokenValue();
    vault.tokens.create({
      accountId: on24.id,
      name: 'Existing',
      kind: 'key-secret',
      keyId: 'k0',
      assignedTo: 'bob',
      value: stored,
    });
    const fresh = generateTokenValue();
    const again = generateTokenValue();
    const csv = [
      'Platform,Label,API key,Owner,Key id',
      `ON24,Producer ana,${fresh},ana,k1`,
      `ON24,Second for bob,${generateTokenValue()},bob,k2`,
      `ON24,Copy of existing,${stored},carl,k3`,
      `Newsletter,Mailer,${again},,`,
      `Newsletter,Mailer again,${again},,`,
    ].join('\n');
    const source = await readImportSource(Buffer.from(csv), { format: 'csv' });
    const before = eventCount(vault);
    const preview = previewImport(vault, source, { mapping: { keyId: 'Key id' } });
    expect(eventCount(vault)).toBe(before);
    expect(JSON.stringify(preview)).not.toContain(fresh);
    expect(JSON.stringify(preview)).not.toContain(stored);
    expect(JSON.stringify(preview)).not.toContain(again);
    expect(preview.accounts).toEqual([
      { name: 'ON24', id: on24.id, profile: 'on24', isNew: false, rows: 3, selected: 1 },
      { name: 'Newsletter', id: null, profile: 'generic', isNew: true, rows: 2, selected: 1 },
    ]);
    const [ana, bob, copy, mailer, mailerAgain] = preview.rows;
    expect(ana).toMatchObject({
      row: 1,
      selected: true,
      kind: 'key-secret',
      name: 'Producer ana',
      keyId: 'k1',
      assignedTo: 'ana',
      refusal: null,
      duplicate: null,
      valueLength: 64,
    });
    expect(ana!.valueMask).toBe('•'.repeat(16));
    expect(bob).toMatchObject({
      selected: false,
      refusal: expect.stringMatching(/"bob" already has "Existing"/),
    });
    expect(copy).toMatchObject({
      selected: false,
      refusal: null,
      duplicate: expect.stringMatching(/Same value as "Existing" \(id \d+\) in ON24/),
    });
    expect(mailer).toMatchObject({ selected: true, duplicate: null, kind: 'api-token' });
    expect(mailerAgain).toMatchObject({ selected: false, duplicate: 'Same value as row 4 of this file.' });
    expect(preview.counts).toEqual({ rows: 5, selected: 2, refused: 1, duplicates: 2 });
    expect(preview.columns.find((c) => c.name === 'API key')).toEqual({ name: 'API key', secret: true });
  });

  it('commits the selection in one transaction: new accounts, one Created event per token naming the format', async () => {
    const { vault } = await createTestVault();
    const credential = generateTokenValue();
    const zip = await onePuxZip([
      {
        vault: 'Emplifi',
        category: '112',
        title: 'Bearer one',
        username: 'client-1',
        credential,
        expires: new Date('2027-01-01T00:00:00Z'),
        notes: 'for the dashboard',
      },
      {
        vault: 'Emplifi',
        category: '112',
        title: 'Bearer two',
        credential: generateTokenValue(),
        notes: 'for reports',
      },
    ]);
    const source = await readImportSource(zip, { format: '1pux' });
    const plan = { newAccountProfile: 'emplifi', accountProfiles: {} };
    const preview = previewImport(vault, source, plan);
    expect(preview.rows.map((r) => [r.kind, r.role, r.refusal])).toEqual([
      ['bearer', 'secondary', null],
      ['bearer', 'secondary', null],
    ]);
    const result = commitImport(vault, source, plan);
    expect(result).toEqual({ imported: 2, accountsCreated: ['Emplifi'], skipped: [] });
    const account = vault.accounts.resolve('Emplifi');
    expect(account.profile).toBe('emplifi');
    const tokens = vault.tokens.forAccount(account.id);
    expect(tokens.map((t) => [t.name, t.keyId, t.description, t.expiresAt])).toEqual([
      ['Bearer one', 'client-1', 'for the dashboard', '2027-01-01T00:00:00.000Z'],
      ['Bearer two', null, 'for reports', null],
    ]);
    expect(vault.tokens.reveal(tokens[0]!.id, 'export')).toBe(credential);
    for (const token of tokens) {
      const created = vault.tokens.history(token.id).filter((e) => e.kind === 'Created');
      expect(created).toHaveLength(1);
      expect(created[0]!.details).toMatchObject({ imported: true, source: '1pux', name: token.name });
    }
    expect(vault.verify().ok).toBe(true);
  });

  it('a commit after an unchanged preview keeps its plan; a change in between makes it plan again', async () => {
    const { vault } = await createTestVault();
    const values = [generateTokenValue(), generateTokenValue()];
    const csv = `Platform,Label,API key\nCRM,One,${values[0]}\nCRM,Two,${values[1]}\n`;
    const source = await readImportSource(Buffer.from(csv), { format: 'csv' });
    const first = planImport(vault, source);
    expect(planImport(vault, source)).toBe(first);
    expect(planImport(vault, source, { newAccountProfile: 'generic' })).not.toBe(first);
    // Between preview and commit the second value is stored by hand: the commit must see it as a duplicate.
    expect(previewImport(vault, source).counts.selected).toBe(2);
    const crm = vault.useCases.createAccount({ name: 'Elsewhere', profile: 'generic' }).result;
    vault.useCases.createToken({ accountId: crm.id, name: 'Typed by hand', value: values[1]! });
    const result = commitImport(vault, source);
    expect(result.imported).toBe(1);
    expect(result.skipped).toEqual([
      { row: 2, reason: expect.stringMatching(/^Same value as "Typed by hand"/) },
    ]);
  });

  it('a selected row the profile refuses writes nothing at all, not even the new account', async () => {
    const { vault } = await createTestVault();
    const csv = `Platform,Label,API key,Owner\nEN,Private one,${generateTokenValue()},ana\nEN,Private two,${generateTokenValue()},\n`;
    const source = await readImportSource(Buffer.from(csv), { format: 'csv' });
    const plan = { newAccountProfile: 'engaging-networks', selection: [1, 2] };
    const preview = previewImport(vault, source, plan);
    expect(preview.rows[1]!.refusal).toMatch(/must be assigned to a user/);
    const before = eventCount(vault);
    expect(() => commitImport(vault, source, plan)).toThrow(/Row 2: In Engaging Networks accounts/);
    expect(eventCount(vault)).toBe(before);
    expect(vault.accounts.list()).toEqual([]);
    expect(commitImport(vault, source, { newAccountProfile: 'engaging-networks' })).toMatchObject({
      imported: 1,
      skipped: [{ row: 2, reason: expect.stringMatching(/must be assigned/) }],
    });
  });

  it('--account puts every row in one account; a secret column cannot fill a shown field', async () => {
    const { vault } = await createTestVault();
    const main = vault.accounts.create({ name: 'Main' });
    const source = await readImportSource(
      Buffer.from(`A=${generateTokenValue()}\nB=${generateTokenValue()}\n`),
      { format: 'env', fileName: 'ci.env' },
    );
    const preview = previewImport(vault, source, { account: 'main' });
    expect(preview.rows.map((r) => [r.account, r.accountId])).toEqual([
      ['Main', main.id],
      ['Main', main.id],
    ]);
    expect(() => previewImport(vault, source, { mapping: { description: 'Secret' } })).toThrow(
      /holds secrets/,
    );
    expect(() => previewImport(vault, source, { mapping: { keyId: 'Nope' } })).toThrow(/no column "Nope"/);
  });
});
