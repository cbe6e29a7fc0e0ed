import { describe, expect, it } from 'vitest';
import { mainCall, openApp, screenshot } from '../helpers/e2e-harness';
import { expectAccessible, poll, useRendererSuite } from '../helpers/e2e-suite';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

// Engaging Networks cannot turn an invalidated token back on (it resets or deletes it and issues a new one), so the
// app must not offer "Validate" there: the way back is recording the new value the platform issued.

const suite = useRendererSuite();

describe(
  'Engaging Networks: an invalidated token comes back only with a new value',
  { timeout: 120_000 },
  () => {
    it('offers "Record its new value…" instead of Validate, and no Disable; the pasted value makes it valid again', async () => {
      const { page, dispatch } = await openApp(suite.browser, suite.url, {
        seed: async ({ dispatch: seed, workDir }) => {
          await mainCall(seed, 'createVault', {
            path: `${workDir}/en.tokenvault`,
            password: TEST_PASSWORD,
            operator: 'Alice Admin',
          });
          const account = await mainCall(seed, 'createAccount', {
            name: 'EN main',
            profile: 'engaging-networks',
          });
          const token = await mainCall(seed, 'createToken', {
            accountId: account.id,
            name: 'Supporter export',
            kind: 'private',
            assignedTo: 'ana@example.org',
            value: 'en-value-before-the-reset-0001',
          });
          await mainCall(seed, 'setTokenStatus', { id: token.id, status: 'inactive' });
        },
      });
      await page.getByRole('button', { name: /EN main/ }).click();
      await page
        .getByRole('listbox', { name: 'Tokens' })
        .getByRole('option', { name: /Supporter export/ })
        .click();
      const lifecycle = page.getByRole('group', { name: 'Lifecycle' });
      await lifecycle.getByRole('button', { name: 'Record its new value…' }).waitFor();
      expect(await lifecycle.getByRole('button', { name: /^Validate/ }).count()).toBe(0);
      // Engaging Networks has no on/off switch apart from validity: nothing to record as "disabled" there.
      expect(await lifecycle.getByRole('button', { name: /^Disable/ }).count()).toBe(0);

      await lifecycle.getByRole('button', { name: 'Record its new value…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Record the new value of “Supporter export”' });
      // The guide is Engaging Networks' way back: generate a new token there.
      await poll(() => dialog.textContent()).toMatch('Generate a new one on Engaging Networks');
      await expectAccessible(page, 'Engaging Networks new value after invalidation');
      // The value it had before is no new value: refused at the field, nothing recorded.
      await dialog.getByLabel('New value the platform issued').fill('en-value-before-the-reset-0001');
      await dialog.getByRole('button', { name: 'Record the new value' }).click();
      await poll(() => dialog.textContent()).toMatch('That is the value "Supporter export" already has');
      await dialog.getByLabel('New value the platform issued').fill('en-value-after-the-reset-0002');
      await screenshot(page, 'en-new-value-after-invalidate');
      await dialog.getByRole('button', { name: 'Record the new value' }).click();
      await dialog.waitFor({ state: 'detached' });
      await poll(() => page.locator('.detail').textContent()).toMatch('and is valid again');
      await lifecycle.getByRole('button', { name: 'Invalidate…' }).waitFor();
      // The reset value is kept for the record only: Engaging Networks never takes it back, so there is no Restore.
      const earlier = page.getByRole('region', { name: 'Earlier values' });
      await poll(() => earlier.textContent()).toMatch('does not take back a value it reset');
      expect(await earlier.getByRole('button', { name: /Restore/ }).count()).toBe(0);

      const [token] = await mainCall(dispatch, 'listTokens', {});
      expect(token).toMatchObject({ name: 'Supporter export', status: 'active' });
      // Core refuses the old way too: validating an invalidated Engaging Networks token.
      await mainCall(dispatch, 'setTokenStatus', { id: token!.id, status: 'inactive' });
      const refused = await dispatch('setTokenStatus', { id: token!.id, status: 'active' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'POLICY' } });
    });
  },
);
