import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import {
  ensureRendererBuilt,
  launchChromium,
  openApp,
  screenshot,
  serveRenderer,
} from '../helpers/e2e-harness';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

let browser: Browser;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  ensureRendererBuilt();
  server = await serveRenderer();
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the handoff wizard in Chromium', () => {
  it('chooses tokens and a new recipient, writes a bundle 7-Zip opens with the password shown once', async () => {
    const { page, session, platform, workDir } = await openApp(browser, server.url);
    await session.createVault({
      path: join(workDir, 'h.tokenvault'),
      password: TEST_PASSWORD,
      operator: 'Alice Admin',
    });
    const vault = session.requireVault();
    const account = vault.accounts.create({ name: 'Engaging Networks (main)' });
    const values = [generateTokenValue(), generateTokenValue()];
    vault.tokens.create({
      accountId: account.id,
      name: 'Salesforce sync',
      value: values[0]!,
      keyId: 'pub-1',
    });
    vault.tokens.create({ accountId: account.id, name: 'Donation form', value: values[1]! });
    vault.tokens.create({ accountId: account.id, name: 'Not for the agency', value: generateTokenValue() });
    platform.saveFileAnswer = join(workDir, 'tokens-for-acme.zip');
    await page.reload();

    await page.getByRole('button', { name: 'Hand over…' }).click();
    const wizard = page.getByRole('dialog', { name: 'Hand tokens to an agency' });
    await wizard.getByLabel(/Salesforce sync/).check();
    await wizard.getByLabel(/Donation form/).check();
    await wizard.getByLabel('New recipient name').fill('Acme Agency');
    await wizard.getByRole('button', { name: 'Add recipient' }).click();
    await expect.poll(() => wizard.getByLabel('Recipient', { exact: true }).inputValue()).not.toBe('');
    await wizard.getByLabel('The password will travel by').selectOption('whatsapp');
    await wizard.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => wizard.getByLabel('Bundle file').inputValue()).toMatch(/tokens-for-acme\.zip$/);
    const axe = await new AxeBuilder({ page: page as never }).analyze();
    expect(
      axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    ).toEqual([]);
    await screenshot(page, '12-handoff-wizard');
    await wizard.getByRole('button', { name: 'Create bundle' }).click();

    const done = page.getByRole('dialog', { name: /Bundle ready/ });
    await done.waitFor();
    const password = ((await done.getByTestId('bundle-password').textContent()) ?? '').trim();
    expect(password.split('-').length).toBeGreaterThanOrEqual(7);
    await expect
      .poll(() =>
        done
          .getByRole('img', { name: /QR code/ })
          .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBeGreaterThan(0);
    expect(await done.textContent()).toMatch(/WhatsApp.*Never put both in the same message/s);
    const axeDone = await new AxeBuilder({ page: page as never }).analyze();
    expect(
      axeDone.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    ).toEqual([]);
    await screenshot(page, '13-handoff-password');
    await done.getByRole('button', { name: 'Copy password' }).click();
    await done.getByText(/Copied\. The clipboard will be cleared/).waitFor();
    expect(platform.clipboard === password).toBe(true);

    const file = platform.saveFileAnswer;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const out = join(workDir, 'extracted');
    expect(spawnSync('7zz', ['x', `-p${password}`, `-o${out}`, file]).status).toBe(0);
    const doc = JSON.parse(readFileSync(join(out, 'tokens.json'), 'utf8'));
    expect(doc.recipient).toBe('Acme Agency');
    expect(doc.tokens.map((t: { value: string }) => t.value).sort()).toEqual([...values].sort());

    await done.getByRole('button', { name: 'Done' }).click();
    expect(await page.content()).not.toContain(password);
    const history = vault.tokens
      .history(vault.tokens.list({ search: 'Salesforce' })[0]!.id)
      .map((e) => e.kind);
    expect(history).toEqual(['Created', 'HandedOff']);
  });
});
