import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { ageFingerprint } from '../../src/main/core/age/age-keys';
import { openApp, screenshot } from '../helpers/e2e-harness';
import { expectAccessible, useRendererSuite } from '../helpers/e2e-suite';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

const suite = useRendererSuite();
/** The element that has the keyboard focus, read in the page (this file is compiled without the DOM library). */
const hasFocus = (el: unknown) =>
  el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement;

describe('age-encrypted handoffs in Chromium', () => {
  it('adds an age key to a recipient, exports to it (no password), and Debian age opens the result', async () => {
    const { page, session, platform, workDir } = await openApp(suite.browser, suite.url);
    await session.createVault({
      path: join(workDir, 'a.tokenvault'),
      password: TEST_PASSWORD,
      operator: 'Alice Admin',
    });
    const vault = session.requireVault();
    const account = vault.accounts.create({ name: 'CRM (main)' });
    const values = [generateTokenValue(), generateTokenValue()];
    vault.tokens.create({ accountId: account.id, name: 'Warehouse sync', value: values[0]! });
    vault.tokens.create({ accountId: account.id, name: 'Donation form', value: values[1]! });
    vault.recipients.create({ name: 'Acme Agency', organisation: 'Acme Ltd' });
    const keyFile = join(workDir, 'acme-key.txt');
    expect(spawnSync('age-keygen', ['-o', keyFile]).status).toBe(0);
    const publicKey = /age1[0-9a-z]+/.exec(readFileSync(keyFile, 'utf8'))![0];
    await page.reload();

    // Recipients: paste a mistyped key (refused with a sentence), then the real one.
    await page.getByRole('button', { name: 'Recipients' }).click();
    const people = page.getByRole('dialog', { name: 'Recipients: who holds what' });
    await people.getByRole('button', { name: /Acme Agency/ }).click();
    await people.getByText(/None: bundles for Acme Agency are password ZIPs/).waitFor();
    await people.getByRole('button', { name: 'Add age key…' }).click();
    const paste = page.getByRole('dialog', { name: 'Add the age key of Acme Agency' });
    expect(await paste.getByLabel('Age public key').evaluate(hasFocus)).toBe(true);
    await paste.getByLabel('Age public key').fill(publicKey.slice(0, -2));
    await paste.getByRole('button', { name: 'Save key' }).click();
    await paste.getByText(/An age public key is "age1" followed by 58/).waitFor();
    await expectAccessible(page, 'age key paste');
    await paste.getByLabel('Age public key').fill(`${publicKey}\n`);
    await paste.getByRole('button', { name: 'Save key' }).click();
    const fingerprint = ageFingerprint(publicKey);
    await people
      .getByRole('status')
      .getByText(`Fingerprint ${fingerprint}: Confirm it with the agency by phone before first use.`)
      .waitFor();
    expect(await people.locator('.fingerprint').textContent()).toBe(fingerprint);
    await expectAccessible(page, 'recipient with age key');
    await screenshot(page, 'age-01-recipient-key');
    await people.getByRole('button', { name: 'Close' }).click();

    // The wizard: "Encrypt to their key" is the default, no password channel is asked.
    platform.saveFileAnswer = join(workDir, 'tokens-for-acme-agency.age');
    await page.getByRole('button', { name: 'Hand over…' }).click();
    const wizard = page.getByRole('dialog', { name: 'Hand tokens to an agency' });
    await wizard.getByLabel(/Warehouse sync/).check();
    await wizard.getByLabel(/Donation form/).check();
    const toKey = wizard.getByLabel(/Encrypt to their key \(fingerprint/);
    await expect.poll(() => toKey.isChecked()).toBe(true);
    expect(await wizard.getByLabel('The password will travel by').count()).toBe(0);
    await wizard.getByText(/They open it with age -d -i key\.txt FILE\.age > tokens\.zip/).waitFor();
    await wizard.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => wizard.getByLabel('Bundle file').inputValue()).toMatch(/\.age$/);
    // Switching to a password ZIP asks for the channel, and the picked .age file is forgotten: main writes only
    // where the user picked (a renamed path would be refused), so the file is chosen again.
    await wizard.getByLabel(/Password-protected ZIP/).check();
    await wizard.getByLabel('The password will travel by').waitFor();
    expect(await wizard.getByLabel('Bundle file').inputValue()).toBe('');
    await toKey.check();
    expect(await wizard.getByLabel('The password will travel by').count()).toBe(0);
    await wizard.getByRole('button', { name: 'Choose…' }).click();
    await expect
      .poll(() => wizard.getByLabel('Bundle file').inputValue())
      .toMatch(/tokens-for-acme-agency\.age$/);
    await expectAccessible(page, 'handoff wizard to a key');
    await screenshot(page, 'age-02-wizard');
    await wizard.getByRole('button', { name: 'Create bundle' }).click();
    const done = page.getByRole('dialog', { name: 'Bundle ready: encrypted to their key' });
    await done.waitFor();
    expect(await done.getByTestId('age-open-command').textContent()).toBe(
      'age -d -i key.txt tokens-for-acme-agency.age > tokens.zip',
    );
    expect(await done.textContent()).toContain(fingerprint);
    await expectAccessible(page, 'age bundle ready');
    await screenshot(page, 'age-03-bundle-ready');
    await done.getByRole('button', { name: 'Done' }).click();

    const file = platform.saveFileAnswer;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const zip = join(workDir, 'tokens.zip');
    const decrypted = spawnSync('age', ['-d', '-i', keyFile, '-o', zip, file]);
    expect(decrypted.stderr.toString()).toBe('');
    const out = join(workDir, 'extracted');
    expect(spawnSync('7zz', ['x', `-o${out}`, zip]).status).toBe(0);
    const doc = JSON.parse(readFileSync(join(out, 'tokens.json'), 'utf8'));
    expect(doc.recipient).toBe('Acme Agency');
    expect(doc.tokens.map((t: { value: string }) => t.value).sort()).toEqual([...values].sort());
    expect(vault.handoffs.list()[0]).toMatchObject({
      format: 'age',
      keyFingerprint: fingerprint,
      passwordChannel: 'none',
    });

    // The agency side in the same vault: Receive tokens makes the vault's key, shown as text and QR code.
    await page.getByRole('button', { name: 'Receive tokens…' }).click();
    const receive = page.getByRole('dialog', { name: 'Receive tokens' });
    await receive.getByRole('button', { name: 'Create my age key' }).click();
    const shown = receive.getByTestId('vault-public-key');
    await shown.waitFor();
    const vaultKey = ((await shown.textContent()) ?? '').trim();
    expect(vaultKey).toMatch(/^age1[0-9a-z]{58}$/);
    // Focus moves to the new key (the button that had it is gone).
    await expect.poll(() => shown.evaluate(hasFocus)).toBe(true);
    await expect
      .poll(() =>
        receive
          .getByRole('img', { name: /QR code of this vault's age public key/ })
          .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBeGreaterThan(0);
    await receive.getByRole('button', { name: 'Copy public key' }).click();
    await receive.getByText(/^Copied the public key\. The clipboard will be cleared in \d+ s\.$/).waitFor();
    expect(platform.clipboard).toBe(vaultKey);
    expect(await page.content()).not.toMatch(/AGE-SECRET-KEY/);
    await expectAccessible(page, 'receive tokens');
    await screenshot(page, 'age-04-receive');
    await receive.getByRole('button', { name: 'Done' }).click();

    // A client encrypts with Debian age to that key; Open bundle reads it with no password and imports it.
    const incoming = join(workDir, 'from-client.age');
    expect(spawnSync('age', ['-a', '-r', vaultKey, '-o', incoming, zip]).status).toBe(0);
    platform.openFileAnswer = incoming;
    await page.getByRole('button', { name: 'Open bundle…' }).click();
    const opener = page.getByRole('dialog', { name: 'Open a handoff bundle' });
    await opener.getByRole('button', { name: 'Choose…' }).click();
    await opener.getByText(/opens with this vault’s age key/).waitFor();
    expect(await opener.getByLabel('Bundle password').count()).toBe(0);
    await opener.getByRole('button', { name: 'Open', exact: true }).click();
    await opener.getByRole('heading', { name: /2 tokens for Acme Agency, from Alice Admin/ }).waitFor();
    await opener.getByRole('button', { name: 'Import all' }).click();
    await opener.getByText('Imported 2 tokens.').waitFor();
    await screenshot(page, 'age-05-opened');
    expect(vault.tokens.list().length).toBe(4);

    // A bundle for someone else's key is refused with a sentence, nothing imported.
    platform.openFileAnswer = file;
    await opener.getByRole('button', { name: 'Choose…' }).click();
    await opener.getByRole('button', { name: 'Open', exact: true }).click();
    await opener.getByText(/This bundle was not encrypted to this key/).waitFor();
    expect(vault.tokens.list().length).toBe(4);
  }, 240_000);
});
