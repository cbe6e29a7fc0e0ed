/**
 * The app shows what a reader refuses instead of repairing (docs/import-formats.md, "Checked, not repaired"): a
 * refused row is in the preview with its sentence and cannot be imported; a refused file is one sentence.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { openApp, screenshot } from '../helpers/e2e-harness';
import { expectAccessible, useRendererSuite } from '../helpers/e2e-suite';
import { onePuxData, zipOf } from '../helpers/import-fixtures';
import { renameEntry } from '../helpers/hostile-bundles';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

const suite = useRendererSuite();

/** The events a file dragged from the desktop fires (dataTransfer holding a File). */
async function dropFile(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  const base64 = Buffer.from(bytes).toString('base64');
  await page.evaluate(`(() => {
    const bytes = Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], ${JSON.stringify(name)}));
    for (const type of ['dragover', 'drop'])
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  })()`);
}

describe('importing what a reader refuses, in Chromium', () => {
  it(
    'a .env with a variable twice: both rows refused with the sentence, the other imported; a 1PUX with two export.data: one sentence',
    { timeout: 300_000 },
    async () => {
      const { page, session, workDir } = await openApp(suite.browser, suite.url);
      await session.createVault({
        path: join(workDir, 's.tokenvault'),
        password: TEST_PASSWORD,
        operator: 'Alice',
      });
      const vault = session.requireVault();
      await page.reload();
      await page.getByRole('button', { name: 'Import…' }).waitFor();
      const [first, second, other] = [generateTokenValue(), generateTokenValue(), generateTokenValue()];

      await dropFile(
        page,
        'crm.env',
        Buffer.from(`APP_KEY=${first}\nOTHER=${other}\n# later\nAPP_KEY=${second}\n`),
      );
      const dialog = page.getByRole('dialog', { name: 'Import tokens' });
      await dialog.getByRole('heading', { name: /^3 rows from the/ }).waitFor();
      const grid = dialog.getByRole('grid', { name: /Rows to import/ });
      const sentence = 'APP_KEY appears twice in the file (lines 1 and 4); keep one and import again.';
      const twice = grid.getByRole('row', { name: /APP_KEY/ });
      await twice.first().waitFor();
      expect(await twice.count()).toBe(2);
      for (const row of await twice.all()) expect(await row.textContent()).toContain(sentence);
      await dialog.getByRole('button', { name: 'Import 1 token' }).waitFor();
      const html = await page.content();
      for (const value of [first, second, other]) expect(html).not.toContain(value);
      await expectAccessible(page, 'import preview (.env twice)');
      await screenshot(page, 'import-env-variable-twice');
      await dialog.getByRole('button', { name: 'Import 1 token' }).click();
      await dialog
        .getByRole('status')
        .getByText(/^Imported 1 token from the/)
        .waitFor();
      expect(vault.tokens.list().map((t) => t.name)).toEqual(['OTHER']);
      await dialog.getByRole('button', { name: 'Done' }).click();

      const item = (credential: string) =>
        onePuxData([{ vault: 'CRM', category: '112', title: 'Sync', credential }]);
      const pux = renameEntry(
        Buffer.from(await zipOf({ 'export.data': item(first), 'export.datX': item(second) })),
        'export.datX',
        'export.data',
      );
      await dropFile(page, 'export.1pux', pux);
      await page
        .getByRole('alert')
        .getByText(
          'The 1Password export holds two entries named "export.data", which ZIP readers resolve differently, so it is refused.',
        )
        .waitFor();
      await expectAccessible(page, 'import refused (two export.data)');
      await screenshot(page, 'import-1pux-two-export-data');
      expect(vault.tokens.list()).toHaveLength(1);
    },
  );
});
