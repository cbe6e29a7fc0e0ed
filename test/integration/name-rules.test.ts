import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldedNameKey, visibleText } from '../../src/shared/text-rules';
import { Vault } from '../../src/main/core/vault/vault';
import { ensureCliBuilt, runCli } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { createTestVault, TEST_PASSWORD } from '../helpers/vault-fixture';

beforeAll(() => ensureCliBuilt(), 120_000);

const NFC = 'Caf\u00e9';
const NFD = 'Cafe\u0301';
const RLO = '\u202e';
const ZWJ = '\u200d';
const ZWSP = '\u200b';

function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected a refusal');
}

describe(
  'names cannot spoof: NFC, no bidi controls, something visible, unique on a folded key',
  { timeout: 180_000 },
  () => {
    it('folds case, normalisation, compatibility forms and invisible characters into one key', () => {
      expect(foldedNameKey('Main')).toBe('main');
      expect(foldedNameKey(`Main${ZWJ}`)).toBe('main');
      expect(foldedNameKey(NFD)).toBe(foldedNameKey(NFC));
      expect(foldedNameKey('STRASSE')).toBe(foldedNameKey('straße'));
      expect(foldedNameKey('Ｍａｉｎ')).toBe('main');
      expect(visibleText(`a${RLO}b${ZWJ}c\u0007`)).toBe('a<U+202E>b<U+200D>c<U+0007>');
    });

    it('accounts: look-alikes refused on create and rename, NFD stored as NFC and found either way', async () => {
      const { vault } = await createTestVault();
      const main = vault.accounts.create({ name: 'Main' });
      for (const lookAlike of [`Main${ZWJ}`, 'MAIN', 'Ｍａｉｎ', `M${ZWSP}ain`]) {
        const error = refusal(() => vault.accounts.create({ name: lookAlike }));
        expect(error.code).toBe('ALREADY_EXISTS');
        expect(error.message).not.toMatch(/[\u200b-\u200d]/);
      }
      expect(refusal(() => vault.accounts.create({ name: `Main${ZWJ}` })).message).toBe(
        'An account named "Main<U+200D>" already exists: "Main" looks the same.',
      );
      const cafe = vault.accounts.create({ name: NFD });
      expect(cafe.name).toBe(NFC);
      expect(refusal(() => vault.accounts.create({ name: NFC })).code).toBe('ALREADY_EXISTS');
      expect(vault.accounts.resolve(NFD).id).toBe(cafe.id);
      expect(vault.accounts.resolve(`Main${ZWJ}`).id).toBe(main.id);
      expect(refusal(() => vault.accounts.update({ id: cafe.id, name: 'main' })).code).toBe('ALREADY_EXISTS');
      // Renaming an account to itself in another case is not a clash with itself.
      expect(vault.accounts.update({ id: main.id, name: 'MAIN' }).name).toBe('MAIN');
      expect(vault.accounts.list()).toHaveLength(2);
      vault.lock();
    });

    it('accounts, tokens and recipients refuse bidi controls and names with nothing visible', async () => {
      const { vault } = await createTestVault();
      const account = vault.accounts.create({ name: 'Main' });
      const value = 'a-token-value-of-24-char';
      const attempts: [string, (name: string) => unknown][] = [
        ['The account name', (name) => vault.accounts.create({ name })],
        ['The token name', (name) => vault.tokens.create({ accountId: account.id, name, value })],
        ['The recipient name', (name) => vault.recipients.create({ name })],
      ];
      for (const [label, create] of attempts) {
        const bidi = refusal(() => create(`invoice${RLO}fdp.exe`));
        expect(bidi.code).toBe('INVALID_INPUT');
        expect(bidi.message).toMatch(
          `${label} cannot contain right-to-left or left-to-right control characters.`,
        );
        for (const invisible of [ZWSP, `${ZWSP}${ZWJ}`, `\u3164`, `${ZWSP} ${ZWSP}`]) {
          const empty = refusal(() => create(invisible));
          expect(empty.code).toBe('INVALID_INPUT');
          expect(empty.message).toMatch(/has no visible character|cannot be empty/);
        }
      }
      expect(vault.tokens.create({ accountId: account.id, name: NFD, value }).name).toBe(NFC);
      expect(vault.tokens.importMany(account.id, [{ name: `${NFD} 2`, value }])).toBe(1);
      expect(vault.tokens.list().map((token) => token.name)).toEqual(
        expect.arrayContaining([NFC, `${NFC} 2`]),
      );
      expect(refusal(() => vault.tokens.importMany(account.id, [{ name: `x${RLO}y`, value }])).code).toBe(
        'INVALID_INPUT',
      );
      vault.recipients.create({ name: 'Agency' });
      expect(refusal(() => vault.recipients.create({ name: `agency${ZWJ}` })).message).toBe(
        'A recipient named "agency<U+200D>" already exists: "Agency" looks the same.',
      );
      expect(vault.recipients.create({ name: NFD }).name).toBe(NFC);
      expect(vault.recipients.resolve(NFD).name).toBe(NFC);
      vault.lock();
    });

    it('CLI tables print a name stored before these rules with its controls spelled out, never raw', async () => {
      const dir = makeTempDir('tv-names-cli-');
      const path = join(dir, 'names.tokenvault');
      const passwordFile = join(dir, 'pw.txt');
      writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
      const { vault } = await Vault.create(path, { password: TEST_PASSWORD });
      const account = vault.accounts.create({ name: 'Main' });
      const token = vault.tokens.create({
        accountId: account.id,
        name: 'Sync',
        value: 'a-token-value-of-24-char',
      });
      // As an older version could have stored them.
      vault.db.prepare('UPDATE accounts SET name = ? WHERE id = ?').run(`Main${RLO}cod.exe`, account.id);
      vault.db.prepare('UPDATE tokens SET name = ? WHERE id = ?').run(`Sync${ZWJ}`, token.id);
      vault.tokens.invalidate();
      vault.lock();
      const env = { TOKENVAULT_PASSWORD_FILE: passwordFile };
      const accounts = await runCli(['account', 'list', path], { env });
      expect(accounts.code).toBe(0);
      expect(accounts.stdout).toContain('Main<U+202E>cod.exe');
      const tokens = await runCli(['token', 'list', path], { env });
      expect(tokens.code).toBe(0);
      expect(tokens.stdout).toContain('Sync<U+200D>');
      for (const output of [accounts.stdout, tokens.stdout]) expect(output).not.toMatch(/[\u202e\u200d]/);
    });
  },
);
