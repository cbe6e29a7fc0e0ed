import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import type { Vault } from '../../src/main/core/vault/vault';
import { mainCall, openApp, screenshot, type AppUnderTest } from '../helpers/e2e-harness';
import { expectAccessible, poll, useRendererSuite } from '../helpers/e2e-suite';
import { pickFile } from '../helpers/pick-file';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

// The second walk's focus and wording findings, one by one: where the focus lands after each action, and the
// sentences that count things or refuse a value.

const suite = useRendererSuite();

// Page functions: typed structurally, because this file is compiled with Node's types and no DOM library.
interface PageRect {
  top: number;
  bottom: number;
  height: number;
}
interface PageElement {
  id: string;
  tagName: string;
  textContent: string | null;
  closest(selector: string): PageElement | null;
  getBoundingClientRect(): PageRect;
}
interface PageGlobals {
  document: { activeElement: PageElement | null };
  innerHeight: number;
  getComputedStyle(element: unknown): { fontSize: string };
}

/** What has the keyboard focus: its id, text, and the dialog it sits in (empty when none). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = (globalThis as unknown as PageGlobals).document.activeElement;
    return {
      id: active?.id ?? '',
      tag: active?.tagName ?? '',
      text: (active?.textContent ?? '').trim(),
      dialog: active?.closest('[role=dialog]')?.id ?? '',
      inDialog: active?.closest('[role=dialog]') !== null && active?.closest('[role=dialog]') !== undefined,
    };
  });

async function seededApp(seed: (vault: Vault) => void | Promise<void>): Promise<AppUnderTest> {
  const app = await openApp(suite.browser, suite.url);
  await app.session.createVault({
    path: join(app.workDir, 'polish.tokenvault'),
    password: TEST_PASSWORD,
    operator: 'Alice Admin',
  });
  await seed(app.session.requireVault());
  await app.page.reload();
  await app.page.getByRole('button', { name: 'New token' }).waitFor();
  return app;
}

/** A day `days` from today, as the YYYY-MM-DD the vault stores. */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('UI polish at 1280x800', { timeout: 120_000 }, () => {
  it('handoff wizard: Enter in the new recipient name adds them; after adding, focus is on the Recipient select', async () => {
    const { page } = await seededApp((vault) => {
      const account = vault.accounts.create({ name: 'Mailchimp' });
      vault.tokens.create({ accountId: account.id, name: 'Marketing API', value: generateTokenValue() });
    });
    // The sidebar's count of an account with one token says "1 token".
    const sidebar = page.getByRole('navigation', { name: 'Accounts' });
    expect(await sidebar.getByLabel('1 token', { exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: 'Hand over…' }).click();
    const wizard = page.getByRole('dialog', { name: 'Hand tokens to an agency' });
    const select = wizard.getByLabel('Recipient', { exact: true });
    const name = wizard.getByLabel('New recipient name');

    await name.fill('Acme Agency');
    await name.press('Enter');
    await poll(() => select.locator('option:checked').textContent()).toBe('Acme Agency');
    // The wizard was not submitted: no "choose a token / recipient" refusal.
    expect(await wizard.getByRole('alert').count()).toBe(0);
    await poll(async () => (await focused(page)).id).toBe('handoff-recipient');
    expect(await name.inputValue()).toBe('');

    await name.fill('Beta Studio');
    await wizard.getByRole('button', { name: 'Add recipient' }).click();
    await poll(() => select.locator('option:checked').textContent()).toBe('Beta Studio');
    await poll(async () => (await focused(page)).id).toBe('handoff-recipient');
    await screenshot(page, 'polish-01-recipient-added');
    await expectAccessible(page, 'handoff wizard after adding a recipient');
  });

  it('health: "1 warning"; the dialog takes the focus when asked for and gives it back to Health', async () => {
    const { page } = await seededApp((vault) => {
      const account = vault.accounts.create({ name: 'Mailchimp' });
      vault.tokens.create({
        accountId: account.id,
        name: 'Old key',
        value: generateTokenValue(),
        expiresAt: dayFromNow(8),
      });
      vault.tokens.create({ accountId: account.id, name: 'Other key', value: generateTokenValue() });
    });
    // The warning opens it by itself after unlock.
    const health = page.getByRole('dialog', { name: 'What needs your attention' });
    await health.waitFor();
    const summary = health.getByRole('status');
    await poll(() => summary.textContent()).toMatch(
      /0 critical · 1 warning · \d+ for information, across 2 tokens/,
    );
    expect(await summary.textContent()).not.toContain('warnings');
    await screenshot(page, 'polish-02-health');

    // Health pressed while that one is open (focus put on it behind the backdrop): a new dialog, with the focus.
    const button = page
      .getByRole('toolbar', { name: 'Vault actions' })
      .getByRole('button', { name: 'Health' });
    await button.focus();
    await page.keyboard.press('Enter');
    await poll(async () => (await focused(page)).inDialog).toBe(true);
    await page.keyboard.press('Escape');
    await poll(() => health.count()).toBe(0);

    // And from the toolbar with no dialog open: in on opening, back on Health on closing.
    await button.focus();
    await page.keyboard.press('Enter');
    await health.waitFor();
    await poll(async () => (await focused(page)).inDialog).toBe(true);
    await page.keyboard.press('Escape');
    await poll(() => health.count()).toBe(0);
    await poll(async () => (await focused(page)).text).toBe('Health');
  });

  it('import: after Choose file… of a .env, the preview heading has the focus; one row reads "1 row", "Import 1 token"', async () => {
    const { page, platform, workDir } = await seededApp((vault) => {
      vault.accounts.create({ name: 'Mailchimp' });
    });
    const env = join(workDir, 'one.env');
    writeFileSync(env, `MAILCHIMP_API_KEY=${generateTokenValue()}\n`);
    platform.openFileAnswer = env;
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import tokens' });
    await dialog.getByRole('button', { name: 'Choose file…' }).click();
    await dialog.getByRole('heading', { name: /^1 row from the / }).waitFor();
    await poll(async () => (await focused(page)).id).toBe('import-preview-title');
    await dialog.getByRole('button', { name: 'Import 1 token', exact: true }).waitFor();
    // Tab goes on into the preview's controls, not back to the page.
    await page.keyboard.press('Tab');
    expect((await focused(page)).inDialog).toBe(true);
    await screenshot(page, 'polish-03-import-preview');
  });

  it('settings: range hints and the app’s sentence out of range; the wrong current password at its field, in view; outcomes cleared', async () => {
    const { page } = await seededApp(() => undefined);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const rotation = dialog.getByLabel('Remind me to rotate a token after (days)');
    await rotation.waitFor();
    expect(await dialog.locator('#settings-rotation-hint').textContent()).toBe('7–3,650 days');
    expect(await rotation.getAttribute('aria-describedby')).toContain('settings-rotation-hint');

    for (const wrong of ['3', '99999']) {
      await rotation.fill(wrong);
      await rotation.press('Enter');
      const sentence = dialog.getByText('The rotation reminder must be a whole number from 7 to 3,650 days.');
      await sentence.waitFor();
      await poll(async () => (await focused(page)).id).toBe('settings-rotation');
      expect(await rotation.getAttribute('aria-invalid')).toBe('true');
      expect(await dialog.getByText('Settings saved.').count()).toBe(0);
    }
    await screenshot(page, 'polish-04-rotation-out-of-range');
    await rotation.fill('30');
    await rotation.press('Enter');
    await dialog.getByText('Settings saved.').waitFor();

    // Using the password section clears "Settings saved.": it never seems to answer the password change.
    await dialog.getByLabel('Current master password').fill('not the master password');
    await poll(() => dialog.getByText('Settings saved.').count()).toBe(0);
    await dialog.getByLabel('New master password').fill('a quite different new master password 9');
    const repeat = dialog.getByLabel('Repeat the new password');
    await repeat.fill('a quite different new master password 9');
    await repeat.press('Enter');
    const wrong = dialog.locator('#settings-current-error');
    await wrong.getByText('The current master password is wrong; the password was not changed.').waitFor();
    await poll(async () => (await focused(page)).id).toBe('settings-current');
    expect(await dialog.getByLabel('Current master password').getAttribute('aria-describedby')).toBe(
      'settings-current-error',
    );
    // The sentence is on screen, not under the fold of the 800 px window.
    await poll(() =>
      wrong.evaluate((el) => {
        const rect = (el as unknown as PageElement).getBoundingClientRect();
        return rect.top >= 0 && rect.bottom <= (globalThis as unknown as PageGlobals).innerHeight;
      }),
    ).toBe(true);
    expect(await dialog.getByText('Settings saved.').count()).toBe(0);
    await screenshot(page, 'polish-05-wrong-current-password');
    await expectAccessible(page, 'settings with errors');
  });

  it('receive tokens: with no age key yet, focus starts on "Create my age key"', async () => {
    const { page } = await seededApp(() => undefined);
    await page.getByRole('button', { name: 'Receive tokens…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Receive tokens' });
    await dialog.getByRole('button', { name: 'Create my age key' }).waitFor();
    await poll(async () => (await focused(page)).text).toBe('Create my age key');
  });

  it('open bundle: after Open, the opened result has the focus; "Import into" stays on one line', async () => {
    const { page, platform, workDir, dispatch } = await seededApp((vault) => {
      const account = vault.accounts.create({ name: 'CRM (main)' });
      vault.tokens.create({ accountId: account.id, name: 'Sync key', value: generateTokenValue() });
      vault.tokens.create({ accountId: account.id, name: 'Form key', value: generateTokenValue() });
    });
    const recipient = await mainCall(dispatch, 'createRecipient', { name: 'Acme Agency' });
    const tokenIds = (await mainCall(dispatch, 'listTokens', {})).map((token) => token.id);
    const outPath = join(workDir, 'tokens-for-acme.zip');
    await pickFile(dispatch, platform, 'chooseBundleFile', outPath);
    const { password } = await mainCall(dispatch, 'exportHandoff', {
      recipientId: recipient.id,
      tokenIds,
      fields: ['value'],
      outPath,
      channel: 'sms',
    });
    platform.openFileAnswer = outPath;
    await page.getByRole('button', { name: 'Open bundle…' }).click();
    const opener = page.getByRole('dialog', { name: 'Open a handoff bundle' });
    await opener.getByRole('button', { name: 'Choose…' }).click();
    const passwordField = opener.getByLabel('Bundle password');
    await passwordField.fill(password);
    await passwordField.press('Enter');
    await opener.getByRole('heading', { name: /2 tokens for Acme Agency/ }).waitFor();
    await poll(async () => (await focused(page)).id).toBe('opened-title');

    const label = opener.locator('label[for="open-bundle-account"]');
    const { height, fontSize } = await label.evaluate((el) => ({
      height: (el as unknown as PageElement).getBoundingClientRect().height,
      fontSize: parseFloat((globalThis as unknown as PageGlobals).getComputedStyle(el).fontSize),
    }));
    // One line of text is under two font sizes high; a wrapped label is over two.
    expect(height).toBeLessThan(fontSize * 2);
    await screenshot(page, 'polish-06-bundle-opened');
    await expectAccessible(page, 'opened bundle');
  });
});
