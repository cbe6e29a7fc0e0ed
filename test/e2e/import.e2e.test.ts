import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { openApp, screenshot } from '../helpers/e2e-harness';
import { expectAccessible, poll, useRendererSuite } from '../helpers/e2e-suite';
import { keepassxcDatabase, onePuxZip } from '../helpers/import-fixtures';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

const suite = useRendererSuite();
const SOURCE_PASSWORD = 'keepassxc source password 5';

describe('importing in Chromium', () => {
  it(
    'a .kdbx made by keepassxc-cli, through its password and the preview; then a 1PUX dropped on the window',
    { timeout: 480_000 },
    async () => {
      const { page, session, platform, workDir, pageCalls } = await openApp(suite.browser, suite.url);
      await session.createVault({
        path: join(workDir, 'i.tokenvault'),
        password: TEST_PASSWORD,
        operator: 'Alice Admin',
      });
      const vault = session.requireVault();
      const on24 = vault.accounts.create({ name: 'ON24', profile: 'on24' });
      const stored = generateTokenValue();
      vault.tokens.create({
        accountId: on24.id,
        name: 'Already here',
        kind: 'key-secret',
        keyId: 'k0',
        assignedTo: 'bob',
        value: stored,
      });
      const values = [generateTokenValue(), generateTokenValue(), generateTokenValue()];
      const kdbx = join(workDir, 'team.kdbx');
      keepassxcDatabase(kdbx, SOURCE_PASSWORD, [
        { group: 'Stripe', title: 'Live key', username: 'acct_live', password: values[0]! },
        { group: 'Stripe', title: 'Test key', username: 'acct_test', password: values[1]! },
        { group: 'Mailchimp', title: 'Marketing API', password: values[2]! },
        { group: 'Mailchimp', title: 'Copy of ON24', password: stored },
      ]);
      platform.openFileAnswer = kdbx;
      await page.reload();

      await page.getByRole('button', { name: 'Import…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Import tokens' });
      await dialog.getByRole('button', { name: 'Choose file…' }).click();
      const password = dialog.getByLabel('Password of team.kdbx');
      await password.waitFor();
      await poll(() => page.evaluate('document.activeElement?.id')).toBe('import-source-password');
      await password.fill('not the password');
      await password.press('Enter');
      await dialog
        .getByRole('alert')
        .getByText('Wrong password or key file for the KeePass database.')
        .waitFor();
      await password.fill(SOURCE_PASSWORD);
      await password.press('Enter');
      await dialog.getByRole('heading', { name: '4 rows from the KeePass database (.kdbx)' }).waitFor();
      const grid = dialog.getByRole('grid', { name: /Rows to import/ });
      await grid.getByRole('row', { name: /Live key/ }).waitFor();
      expect(await grid.getByRole('row', { name: /Copy of ON24/ }).textContent()).toMatch(
        /Same value as "Already here" \(id \d+\) in ON24/,
      );
      expect(await dialog.getByRole('button', { name: 'Import 3 tokens' }).isEnabled()).toBe(true);
      const html = await page.content();
      for (const value of [...values, stored, SOURCE_PASSWORD]) expect(html).not.toContain(value);
      await expectAccessible(page, 'import preview (kdbx)');
      await screenshot(page, 'import-kdbx-preview');

      // Keyboard: the grid is one tab stop; Space switches the current (first) row off.
      await grid.focus();
      await page.keyboard.press('Space');
      await dialog.getByRole('button', { name: 'Import 2 tokens' }).waitFor();
      await page.keyboard.press('Space');
      await dialog.getByRole('button', { name: 'Import 3 tokens' }).click();
      const done = dialog
        .getByRole('status')
        .getByText('Imported 3 tokens from the KeePass database (.kdbx); new accounts: Stripe, Mailchimp.');
      await done.waitFor();
      await poll(() => page.evaluate('document.activeElement?.textContent')).toMatch(/^Imported 3 tokens/);
      await screenshot(page, 'import-kdbx-done');
      await dialog.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('listbox', { name: 'Tokens' }).getByText('Marketing API').waitFor();
      const stripe = vault.accounts.resolve('Stripe');
      const imported = vault.tokens.forAccount(stripe.id);
      expect(imported.map((t) => [t.name, t.keyId])).toEqual([
        ['Live key', 'acct_live'],
        ['Test key', 'acct_test'],
      ]);
      expect(vault.tokens.reveal(imported[0]!.id, 'export')).toBe(values[0]);
      expect(vault.tokens.history(imported[0]!.id)[0]!.details).toMatchObject({
        imported: true,
        source: 'kdbx',
      });

      // A 1PUX dropped on the window opens the dialog by itself; API Credential items become Emplifi bearer tokens.
      const credential = generateTokenValue();
      const pux = await onePuxZip([
        {
          vault: 'Emplifi',
          category: '112',
          title: 'Reviews bearer',
          username: 'client-7',
          credential,
          expires: new Date('2027-06-30T00:00:00Z'),
          notes: 'Reviews widget',
        },
        { vault: 'Emplifi', category: '112', title: 'No description', credential: generateTokenValue() },
      ]);
      const puxPath = join(workDir, 'export.1pux');
      writeFileSync(puxPath, pux);
      const base64 = Buffer.from(pux).toString('base64');
      // The same events a file dragged from the desktop fires (dataTransfer holding a File).
      await page.evaluate(`(() => {
        const bytes = Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], 'export.1pux'));
        for (const type of ['dragover', 'drop'])
          document.body.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      })()`);
      await dialog.getByRole('heading', { name: '2 rows from the 1Password export (.1pux)' }).waitFor();
      await dialog.getByLabel('Profile of new accounts').selectOption('emplifi');
      const refused = grid.getByRole('row', { name: /No description/ });
      await poll(() => refused.textContent()).toMatch(
        /Emplifi Ratings & Reviews requires a description for every token/,
      );
      expect(await grid.getByRole('row', { name: /Reviews bearer/ }).textContent()).toMatch(
        /Emplifi \(new, emplifi\).*bearer.*secondary.*client-7.*2027-06-30/,
      );
      await dialog.getByRole('button', { name: 'Import 1 token' }).waitFor();
      expect(await page.content()).not.toContain(credential);
      await expectAccessible(page, 'import preview (1pux)');
      await screenshot(page, 'import-1pux-preview');
      await dialog.getByRole('button', { name: 'Import 1 token' }).click();
      await dialog
        .getByText('Imported 1 token from the 1Password export (.1pux); new accounts: Emplifi.')
        .waitFor();
      const emplifi = vault.accounts.resolve('Emplifi');
      expect(emplifi.profile).toBe('emplifi');
      expect(vault.tokens.forAccount(emplifi.id).map((t) => [t.name, t.kind, t.expiresAt])).toEqual([
        ['Reviews bearer', 'bearer', '2027-06-30T00:00:00.000Z'],
      ]);
      expect(pageCalls).toContain('openImportSource');
      expect(pageCalls).toContain('commitImport');
    },
  );

  it(
    'a .kdbx locked by a password and a key file (keepassxc-cli): the key file is chosen beside the password',
    { timeout: 300_000 },
    async () => {
      const { page, session, platform, workDir } = await openApp(suite.browser, suite.url);
      await session.createVault({
        path: join(workDir, 'k.tokenvault'),
        password: TEST_PASSWORD,
        operator: 'Kim Admin',
      });
      const vault = session.requireVault();
      const value = generateTokenValue();
      const kdbx = join(workDir, 'keyed.kdbx');
      const keyFile = join(workDir, 'keyed.keyx');
      keepassxcDatabase(kdbx, SOURCE_PASSWORD, [{ group: 'CRM', title: 'Sync key', password: value }], {
        keyFile,
      });
      platform.openFileAnswer = kdbx;
      await page.reload();

      await page.getByRole('button', { name: 'Import…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Import tokens' });
      await dialog.getByRole('button', { name: 'Choose file…' }).click();
      const password = dialog.getByLabel('Password of keyed.kdbx');
      await password.waitFor();
      // The password alone does not open it: the sentence names the key file.
      await password.fill(SOURCE_PASSWORD);
      await password.press('Enter');
      await dialog
        .getByRole('alert')
        .getByText('Wrong password or key file for the KeePass database.')
        .waitFor();
      platform.openFileAnswer = keyFile;
      await dialog.getByRole('button', { name: 'Key file…' }).click();
      await dialog.getByText('Key file: keyed.keyx').waitFor();
      // The sentence about the failed try goes once something changed.
      expect(await dialog.getByRole('alert').count()).toBe(0);
      await poll(() => page.evaluate('document.activeElement?.id')).toBe('import-source-password');
      await screenshot(page, 'import-kdbx-key-file');
      await expectAccessible(page, 'import password and key file');
      await password.press('Enter');
      await dialog.getByRole('heading', { name: '1 row from the KeePass database (.kdbx)' }).waitFor();
      expect(await page.content()).not.toContain(value);
      await dialog.getByRole('button', { name: 'Import 1 token' }).click();
      await dialog.getByText(/^Imported 1 token from the KeePass database/).waitFor();
      const crm = vault.accounts.resolve('CRM');
      const [imported] = vault.tokens.forAccount(crm.id);
      expect(vault.tokens.reveal(imported!.id, 'export')).toBe(value);
    },
  );
});
