import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { openApp, screenshot } from '../helpers/e2e-harness';
import { expectAccessible, useRendererSuite } from '../helpers/e2e-suite';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

const suite = useRendererSuite();

describe('the handoff wizard in Chromium', () => {
  it('chooses tokens and a new recipient, writes a bundle 7-Zip opens with the password shown once', async () => {
    const { page, session, platform, workDir } = await openApp(suite.browser, suite.url);
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
    await expectAccessible(page, 'handoff wizard');
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
    await expectAccessible(page, 'bundle ready');
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
    const salesforceId = vault.tokens.list({ search: 'Salesforce' })[0]!.id;
    expect(vault.tokens.history(salesforceId).map((e) => e.kind)).toEqual(['Created', 'HandedOff']);

    // Per token: who holds it.
    await page
      .getByRole('listbox', { name: 'Tokens' })
      .getByRole('option', { name: /Salesforce sync/ })
      .click();
    await page.getByText(/Acme Agency \(/).waitFor();

    // Open the bundle as the agency would, and import it into an account.
    platform.openFileAnswer = file;
    await page.getByRole('button', { name: 'Open bundle…' }).click();
    const opener = page.getByRole('dialog', { name: 'Open a handoff bundle' });
    await opener.getByRole('button', { name: 'Choose…' }).click();
    await opener.getByLabel('Bundle password').fill('wrong-password-for-this-bundle');
    await opener.getByRole('button', { name: 'Open', exact: true }).click();
    await opener.getByText('Wrong bundle password.').waitFor();
    await opener.getByLabel('Bundle password').fill(password);
    await opener.getByRole('button', { name: 'Open', exact: true }).click();
    await opener.getByRole('heading', { name: /2 tokens for Acme Agency, from Alice Admin/ }).waitFor();
    expect(await opener.textContent()).not.toContain(values[0]!);
    await opener.getByRole('button', { name: 'Import all' }).click();
    await opener.getByText('Imported 2 tokens.').waitFor();
    await opener.getByRole('button', { name: 'Close' }).click();
    expect(vault.tokens.list().length).toBe(5);

    // Per recipient: what they hold; the engagement ends: a rotation plan, one step per token it holds.
    await page.getByRole('button', { name: 'Recipients' }).click();
    const people = page.getByRole('dialog', { name: 'Recipients: who holds what' });
    await people.getByRole('button', { name: /Acme Agency/ }).click();
    await expect
      .poll(() => people.getByRole('list', { name: 'Tokens held' }).getByRole('listitem').count())
      .toBe(2);
    await expectAccessible(page, 'recipients');
    await screenshot(page, '14-recipients');
    await people.getByRole('button', { name: 'Engagement ended…' }).click();
    // The tokens to rotate are listed before anything is recorded.
    const rotate = page.getByRole('list', { name: 'Tokens to rotate' });
    await expect
      .poll(() => rotate.getByRole('listitem').allTextContents())
      .toEqual(['Donation form', 'Salesforce sync']);
    await screenshot(page, '15-engagement-ended');
    await page.getByRole('button', { name: 'Start the rotation plan' }).click();
    const plan = page.getByRole('dialog', { name: 'Rotation plan: Acme Agency' });
    await plan.getByRole('button', { name: 'Invalidated there' }).first().click();
    await plan.getByText('1 of 2 rotated for Acme Agency', { exact: false }).first().waitFor();
    await plan.getByRole('button', { name: 'Invalidated there' }).first().click();
    await plan.getByText('2 of 2 rotated for Acme Agency', { exact: false }).first().waitFor();
    expect(vault.tokens.get(salesforceId).status).toBe('inactive');
  });
});
