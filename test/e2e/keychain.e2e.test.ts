import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { KEYCHAIN_SERVICE } from '../../src/main/core/keychain/secret-store';
import {
  ensureRendererBuilt,
  launchChromium,
  openApp,
  screenshot,
  serveRenderer,
} from '../helpers/e2e-harness';
import { keychainItemCount, secretServiceReachable } from '../helpers/secret-service';
import { skipUnless } from '../helpers/skip-or-fail';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

const reachable = !skipUnless(
  await secretServiceReachable(),
  'the keychain end-to-end test needs a Secret Service (npm test starts gnome-keyring)',
);

let browser: Browser;
let server: { url: string; close: () => Promise<void> };

describe.skipIf(!reachable)('keychain quick unlock in the app', () => {
  beforeAll(async () => {
    ensureRendererBuilt();
    server = await serveRenderer();
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('turn it on in Settings, lock, unlock with the keychain, turn it off', async () => {
    const { page, session, workDir } = await openApp(browser, server.url);
    await session.createVault({
      path: join(workDir, 'kc.tokenvault'),
      password: TEST_PASSWORD,
      operator: 'Alice',
    });
    const vaultId = session.requireVault().id;
    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).click();
    const toggle = page.getByLabel('Unlock with the system keychain');
    await toggle.click();
    await page.getByText(/On: this computer’s keychain opens the vault/).waitFor();
    expect(keychainItemCount(KEYCHAIN_SERVICE, vaultId)).toBe(1);
    await screenshot(page, '11-settings-keychain-on');
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('button', { name: 'Unlock with the system keychain' }).click();
    await page.getByRole('button', { name: 'Settings' }).waitFor();
    expect(session.getSession().state).toBe('unlocked');

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Unlock with the system keychain').click();
    await page.getByText(/Off: the vault opens with the master password/).waitFor();
    expect(keychainItemCount(KEYCHAIN_SERVICE, vaultId)).toBe(0);
  });
});
