import { describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mainCall, openApp, screenshot } from '../helpers/e2e-harness';
import { expectAccessible, poll, useRendererSuite } from '../helpers/e2e-suite';

// The README's screenshot is the demo vault as a new user first sees a token that needs attention. It is taken here,
// from the real renderer, so it shows what the app shows today; UPDATE_README_SCREENSHOT=1 writes it to docs/.

const suite = useRendererSuite();
const README_SCREENSHOT = resolve(__dirname, '../../docs/screenshots/main.png');

describe(
  'the README screenshot (written to docs/ with UPDATE_README_SCREENSHOT=1)',
  { timeout: 120_000 },
  () => {
    it('the demo vault at 1280x800: an ON24 token disabled for inactivity, its badges agreeing with its detail', async () => {
      const { page, dispatch } = await openApp(suite.browser, suite.url, {
        seed: async ({ dispatch: seed, workDir: dir }) => {
          await mainCall(seed, 'createDemoVault', { path: join(dir, 'Token Vault demo.tokenvault') });
        },
      });
      // The demo has critical items, so the health report opens by itself; the screenshot is of the manager.
      const health = page.getByRole('dialog', { name: 'What needs your attention' });
      await health.waitFor();
      await page.keyboard.press('Escape');
      await health.waitFor({ state: 'detached' });
      const marketo = page.getByRole('listbox', { name: 'Tokens' }).getByRole('option', { name: /Marketo/ });
      await marketo.click();
      await poll(() => page.locator('#detail-title').textContent()).toBe('Marketo');
      // The row says what the detail says: disabled by ON24's clock, never "active" beside it.
      const row = (await marketo.textContent()) ?? '';
      expect(row).toMatch(/disabled/);
      expect(row).not.toMatch(/\bactive\b/);
      await poll(() => page.locator('.detail').textContent()).toMatch(
        /disabled after 60 days without activity/,
      );
      const session = await mainCall(dispatch, 'getSession', {});
      expect(session.vault?.demo).toBe(true);
      // With the DEMO badge beside the vault's name, every toolbar button is still inside the window.
      for (const button of await page
        .getByRole('toolbar', { name: 'Vault actions' })
        .getByRole('button')
        .all()) {
        const found = await button.boundingBox();
        expect(found && found.x + found.width).toBeLessThanOrEqual(1280);
      }
      await expectAccessible(page, 'README screenshot');
      const shot = await screenshot(page, 'readme-main');
      if (process.env.UPDATE_README_SCREENSHOT === '1') copyFileSync(shot, README_SCREENSHOT);
    });
  },
);
