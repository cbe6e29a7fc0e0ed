import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { openApp, screenshot } from '../helpers/e2e-harness';
import { useRendererSuite, expectAccessible, poll } from '../helpers/e2e-suite';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

const suite = useRendererSuite();

async function createVaultThroughUi(page: Page) {
  await page.getByRole('button', { name: 'Create a new vault' }).click();
  await page.getByRole('button', { name: 'Choose…' }).click();
  await page.getByLabel('Your name').fill('Alice Admin');
  await page.getByLabel('Master password', { exact: true }).fill('password123');
  await poll(() => page.locator('.meter-label').textContent()).toMatch(/not accepted/);
  await screenshot(page, '02-create-vault-weak-password');
  await page.getByLabel('Master password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByLabel('Repeat the master password').fill(TEST_PASSWORD);
  await expectAccessible(page, 'create vault');
  await screenshot(page, '03-create-vault');
  await page.getByRole('button', { name: 'Create vault' }).click();
  await page.getByRole('heading', { name: 'Your recovery key' }).waitFor();
  const recoveryKey = (await page.getByLabel('Recovery key', { exact: true }).textContent())?.trim() ?? '';
  expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){12}[0-9A-Z]{4}$/);
  await poll(() => page.getByRole('button', { name: 'Open the vault' }).isDisabled()).toBe(true);
  await expectAccessible(page, 'recovery key');
  await screenshot(page, '04-recovery-key');
  await page.getByLabel('I have saved the recovery key somewhere safe').check();
  await page.getByRole('button', { name: 'Open the vault' }).click();
  return recoveryKey;
}

async function addToken(
  page: Page,
  fields: { name: string; value?: string; description?: string; assignedTo?: string; application?: string },
) {
  await page.getByRole('button', { name: 'New token' }).click();
  const dialog = page.getByRole('dialog', { name: 'New token' });
  await dialog.getByLabel('Name (what it is for)').fill(fields.name);
  if (fields.description) await dialog.getByLabel('Description').fill(fields.description);
  if (fields.assignedTo) await dialog.getByLabel('Assigned to').fill(fields.assignedTo);
  if (fields.application) await dialog.getByLabel('Application').fill(fields.application);
  if (fields.value) {
    await dialog.getByLabel('Paste the value the platform issued').check();
    await dialog.getByLabel('Token value').fill(fields.value);
  }
  await dialog.getByRole('button', { name: 'Add token' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('the token manager in Chromium over the real IPC handlers', () => {
  it('create vault -> account and tokens -> search -> reveal and auto-hide -> copy -> edit -> history -> lock -> unlock', async () => {
    const { page, platform, session } = await openApp(suite.browser, suite.url, { installClock: true });
    await page.getByRole('heading', { name: 'Token Vault' }).waitFor();
    await expectAccessible(page, 'welcome');
    await screenshot(page, '01-welcome');

    await createVaultThroughUi(page);
    await page.getByRole('heading', { name: 'No accounts yet' }).waitFor();
    await expectAccessible(page, 'empty vault');
    await screenshot(page, '05-empty-vault');

    await page.getByRole('button', { name: '+ Add account' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Engaging Networks (main)');
    await expectAccessible(page, 'add account');
    await screenshot(page, '05b-add-account');
    await page.getByRole('dialog').getByRole('button', { name: 'Add account' }).click();

    const knownValue = generateTokenValue({ length: 40 });
    await addToken(page, {
      name: 'Salesforce sync',
      value: knownValue,
      description: 'CRM nightly sync',
      assignedTo: 'bob',
    });
    await addToken(page, { name: 'Mailer integration', application: 'Mailchimp', assignedTo: 'carol' });
    await addToken(page, { name: 'Reporting', description: 'Agency dashboards' });
    await poll(() => page.getByRole('listbox', { name: 'Tokens' }).getByRole('option').count()).toBe(3);
    await page.getByRole('button', { name: /Engaging Networks \(main\)/ }).waitFor();

    await page.keyboard.press('Control+f');
    await page.keyboard.type('mailchimp');
    await poll(() => page.getByRole('listbox', { name: 'Tokens' }).getByRole('option').count()).toBe(1);
    await poll(() =>
      page.getByRole('listbox', { name: 'Tokens' }).getByRole('option').first().textContent(),
    ).toMatch(/Mailer integration/);
    await page.getByLabel('Search tokens').fill('');
    await poll(() => page.getByRole('listbox', { name: 'Tokens' }).getByRole('option').count()).toBe(3);

    await page
      .getByRole('listbox', { name: 'Tokens' })
      .getByRole('option', { name: /Salesforce sync/ })
      .click();
    await page.getByRole('heading', { name: 'Salesforce sync' }).waitFor();
    await expectAccessible(page, 'token detail');
    await screenshot(page, '06-main');

    const valueBox = page.getByTestId('token-value');
    expect(await valueBox.textContent()).not.toContain(knownValue);
    await page.getByRole('button', { name: 'Reveal' }).click();
    await poll(async () => (await valueBox.textContent()) === knownValue).toBe(true);
    await page.clock.fastForward(21_000);
    await poll(async () => (await valueBox.textContent())?.includes(knownValue)).toBe(false);

    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText(/Copied\. The clipboard will be cleared in 30 s/).waitFor();
    expect(platform.clipboard === knownValue).toBe(true);
    expect(await page.content()).not.toContain(knownValue);

    await page.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: /Edit/ });
    await edit.getByLabel('Description').fill('CRM nightly sync, owned by Bob');
    await expectAccessible(page, 'edit dialog');
    await screenshot(page, '07-edit-token');
    await edit.getByRole('button', { name: 'Save' }).click();
    // Exact: the history also quotes the new description.
    await page.getByText('CRM nightly sync, owned by Bob', { exact: true }).waitFor();
    const history = page.getByRole('list', { name: 'History' });
    await poll(() => history.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^Edited: description/),
      expect.stringMatching(/^Value copied/),
      expect.stringMatching(/^Value revealed/),
      expect.stringMatching(/^Created/),
    ]);
    expect((await history.textContent()) ?? '').toContain('Alice Admin');

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).waitFor();
    await expectAccessible(page, 'settings');
    await screenshot(page, '08-settings');
    await page.keyboard.press('Escape');

    // Lock while the value is on screen: nothing of it may survive in the DOM (the heap is searched after the
    // locks of token-manager-paths.e2e.test.ts, on a page that has not loaded zxcvbn's large dictionaries).
    await page.getByRole('button', { name: 'Reveal' }).click();
    await poll(async () => (await valueBox.textContent()) === knownValue).toBe(true);
    await page.keyboard.press('Control+l');
    await page.getByRole('heading', { name: /Unlock/ }).waitFor();
    expect(await page.content()).not.toContain(knownValue);
    expect(await page.content()).not.toContain('Salesforce sync');
    await page.getByLabel('Master password').fill('not the password at all');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText(/Wrong master password/).waitFor();
    await expectAccessible(page, 'unlock');
    await screenshot(page, '09-unlock-wrong-password');
    // Main makes the next attempt wait (1 s after one failure): wait it out on main's clock, not the page's.
    await expect.poll(() => session.getSession().retryAfterSeconds, { timeout: 15_000 }).toBe(0);
    await page.getByLabel('Master password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await poll(() => page.getByRole('listbox', { name: 'Tokens' }).getByRole('option').count()).toBe(3);
  }, 120_000);

  it('the page has no Node, no ipcRenderer, and the CSP blocks an injected inline script', async () => {
    const { page } = await openApp(suite.browser, suite.url);
    await page.getByRole('heading', { name: 'Token Vault' }).waitFor();
    const globals = await page.evaluate(() => {
      const scope = globalThis as Record<string, unknown>;
      return {
        require: typeof scope.require,
        process: typeof scope.process,
        ipcRenderer: typeof scope.ipcRenderer,
      };
    });
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', ipcRenderer: 'undefined' });
    const outcome = await page.evaluate(async () => {
      // Runs in the page; typed structurally because this file compiles with Node's types.
      interface PageDocument {
        addEventListener(type: string, listener: (event: { violatedDirective: string }) => void): void;
        createElement(tag: string): { textContent: string };
        body: { appendChild(node: unknown): void };
      }
      const scope = globalThis as unknown as { injectedRan?: boolean; document: PageDocument };
      const violation = new Promise<string>((done) =>
        scope.document.addEventListener('securitypolicyviolation', (event) => done(event.violatedDirective)),
      );
      const script = scope.document.createElement('script');
      script.textContent = 'globalThis.injectedRan = true;';
      scope.document.body.appendChild(script);
      const directive = await Promise.race([
        violation,
        new Promise<string>((done) => setTimeout(() => done('none'), 2000)),
      ]);
      return { ran: scope.injectedRan === true, directive };
    });
    expect(outcome.ran).toBe(false);
    expect(outcome.directive).toMatch(/script-src/);
  });
});
