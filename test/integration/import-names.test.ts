import { describe, expect, it } from 'vitest';
import { commitImport } from '../../src/main/core/import/import-commit';
import { previewImport } from '../../src/main/core/import/import-preview';
import { readImportSource } from '../../src/main/core/import/read-import-source';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { createTestVault } from '../helpers/vault-fixture';

const NFC = 'Caf\u00e9';
const NFD = 'Cafe\u0301';
const RLO = '\u202e';
const ZWJ = '\u200d';
const ZWSP = '\u200b';
const FULLWIDTH_MAIN = '\uff2d\uff41\uff49\uff4e';

function csvSource(lines: string[]) {
  return readImportSource(Buffer.from(lines.join('\n')), { format: 'csv' });
}

describe('import: account and token names follow the same rules as every other write', () => {
  it('a look-alike of an existing account goes to it, refused names are refused rows, NFC and NFD are one new account', async () => {
    const { vault } = await createTestVault();
    const main = vault.accounts.create({ name: 'Main' });
    const source = await csvSource([
      'account,name,value',
      `MAIN,upper,${generateTokenValue()}`,
      `${FULLWIDTH_MAIN},fullwidth,${generateTokenValue()}`,
      `Evil${RLO},bidi,${generateTokenValue()}`,
      `${ZWSP},invisible,${generateTokenValue()}`,
      `${NFD},decomposed,${generateTokenValue()}`,
      `${NFC},composed,${generateTokenValue()}`,
      `Main${ZWJ},joiner,${generateTokenValue()}`,
      // A refused spelling before an accepted one of the same folded key: both rows go to the accepted one.
      `Ops${RLO},ops bidi,${generateTokenValue()}`,
      `OPS,ops,${generateTokenValue()}`,
    ]);
    const preview = previewImport(vault, source);
    expect(preview.rows.map((r) => [r.row, r.account, r.accountId, r.selected])).toEqual([
      [1, 'Main', main.id, true],
      [2, 'Main', main.id, true],
      [3, `Evil${RLO}`, null, false],
      [4, ZWSP, null, false],
      [5, NFC, null, true],
      [6, NFC, null, true],
      [7, 'Main', main.id, true],
      [8, 'OPS', null, true],
      [9, 'OPS', null, true],
    ]);
    expect(preview.rows[2]!.refusal).toBe(
      'The account name cannot contain right-to-left or left-to-right control characters.',
    );
    expect(preview.rows[3]!.refusal).toBe('The account name has no visible character.');
    expect(preview.counts).toMatchObject({ rows: 9, selected: 7, refused: 2 });
    expect(preview.accounts).toEqual([
      { name: 'Main', id: main.id, profile: 'generic', isNew: false, rows: 3, selected: 3 },
      { name: `Evil${RLO}`, id: null, profile: 'generic', isNew: true, rows: 1, selected: 0 },
      { name: ZWSP, id: null, profile: 'generic', isNew: true, rows: 1, selected: 0 },
      { name: NFC, id: null, profile: 'generic', isNew: true, rows: 2, selected: 2 },
      { name: 'OPS', id: null, profile: 'generic', isNew: true, rows: 2, selected: 2 },
    ]);

    // The write takes exactly what the preview selected, and creates the two accounts it promised.
    const result = commitImport(vault, source);
    expect(result).toMatchObject({ imported: 7, accountsCreated: [NFC, 'OPS'] });
    expect(result.skipped.map((s) => s.row)).toEqual([3, 4]);
    expect(vault.accounts.list().map((a) => [a.name, a.tokenCount])).toEqual([
      [NFC, 2],
      ['Main', 3],
      ['OPS', 2],
    ]);
  });

  it('rows reaching one account by two spellings are checked against each other, as the write checks them', async () => {
    const { vault } = await createTestVault();
    const en = vault.accounts.create({ name: 'EN', profile: 'engaging-networks' });
    const source = await csvSource([
      'account,name,value,kind',
      `EN,Public one,${generateTokenValue()},public`,
      `\uff25\uff2e,Public two,${generateTokenValue()},public`,
    ]);
    const preview = previewImport(vault, source);
    expect(preview.rows.map((r) => [r.account, r.accountId, r.selected])).toEqual([
      ['EN', en.id, true],
      ['EN', en.id, false],
    ]);
    expect(preview.rows[1]!.refusal).toMatch(/"EN" already has its public token \("Public one"\)/);
    expect(commitImport(vault, source)).toMatchObject({ imported: 1, accountsCreated: [] });
    expect(vault.accounts.list().map((a) => [a.name, a.tokenCount])).toEqual([['EN', 1]]);
  });

  it('a selected refused row names the store`s own refusal and writes nothing', async () => {
    const { vault } = await createTestVault();
    const source = await csvSource(['account,name,value', `Evil${RLO},bidi,${generateTokenValue()}`]);
    expect(() => commitImport(vault, source, { selection: [1] })).toThrow(
      'Row 1: The account name cannot contain right-to-left or left-to-right control characters.',
    );
    expect(vault.accounts.list()).toEqual([]);
  });

  it('the profile chosen for a new account holds for any spelling of its name', async () => {
    const { vault } = await createTestVault();
    const source = await csvSource([
      'account,name,value',
      `${NFD},one,${generateTokenValue()}`,
      `${NFC.toUpperCase()},two,${generateTokenValue()}`,
    ]);
    const preview = previewImport(vault, source, { accountProfiles: { [NFC]: 'emplifi' } });
    expect(preview.accounts).toEqual([
      { name: NFC, id: null, profile: 'emplifi', isNew: true, rows: 2, selected: expect.any(Number) },
    ]);
  });

  it('token names: refused names are refused rows, NFD is written and shown as NFC, look-alikes are kept as the store keeps them', async () => {
    const { vault } = await createTestVault();
    const main = vault.accounts.create({ name: 'Main' });
    vault.tokens.create({ accountId: main.id, name: 'Sync', value: generateTokenValue() });
    const source = await csvSource([
      'account,name,value',
      `Main,SYNC,${generateTokenValue()}`,
      `Main,Sync${ZWJ},${generateTokenValue()}`,
      `Main,Report${RLO},${generateTokenValue()}`,
      `Main,${ZWSP},${generateTokenValue()}`,
      `Main,${NFD},${generateTokenValue()}`,
    ]);
    const preview = previewImport(vault, source);
    expect(preview.rows.map((r) => [r.name, r.selected, r.refusal])).toEqual([
      ['SYNC', true, null],
      [`Sync${ZWJ}`, true, null],
      [
        `Report${RLO}`,
        false,
        'The token name cannot contain right-to-left or left-to-right control characters. (name)',
      ],
      [ZWSP, false, 'The token name has no visible character. (name)'],
      [NFC, true, null],
    ]);
    const result = commitImport(vault, source);
    expect(result.imported).toBe(3);
    expect(result.skipped.map((s) => s.row)).toEqual([3, 4]);
    expect(
      vault.tokens
        .forAccount(main.id)
        .map((t) => t.name)
        .sort(),
    ).toEqual([NFC, 'SYNC', 'Sync', `Sync${ZWJ}`].sort());
  });
});

describe('import: a spreadsheet column that holds secrets is never shown', () => {
  it('a column whose header names a secret is masked and can fill only the value', async () => {
    const secret = `SECRETVALUE_${generateTokenValue()}`;
    const { vault } = await createTestVault();
    const source = await csvSource(['name,token,other,password', `Sync,${secret},x,${secret}2`]);
    expect(source.secretColumns).toEqual(['token', 'password']);
    for (const field of ['description', 'keyId', 'assignedTo', 'application', 'name', 'account'] as const)
      expect(() => previewImport(vault, source, { mapping: { value: 'other', [field]: 'token' } })).toThrow(
        'The column "token" holds secrets: it can fill the token\'s value, nothing else.',
      );
    const preview = previewImport(vault, source, { mapping: { value: 'other' } });
    expect(preview.columns).toEqual([
      { name: 'name', secret: false },
      { name: 'token', secret: true },
      { name: 'other', secret: true },
      { name: 'password', secret: true },
    ]);
    expect(JSON.stringify(preview)).not.toContain(secret);
  });

  it('the column mapped to the value cannot fill a shown field too', async () => {
    const secret = `SECRETVALUE_${generateTokenValue()}`;
    const { vault } = await createTestVault();
    const source = await csvSource(['name,other,note', `Sync,${secret},x`]);
    expect(() => previewImport(vault, source, { mapping: { value: 'other', description: 'other' } })).toThrow(
      'The column "other" fills the token\'s value, so it cannot fill the description too',
    );
    expect(() => commitImport(vault, source, { mapping: { value: 'other', description: 'other' } })).toThrow(
      /fills the token's value/,
    );
    expect(vault.accounts.list()).toEqual([]);
    expect(vault.db.prepare('SELECT count(*) AS n FROM tokens').get()).toEqual({ n: 0 });
  });
});
